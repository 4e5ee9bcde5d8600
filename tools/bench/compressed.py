"""A local web server that sends text files gzip-compressed, as the published site's host does.

Lighthouse's performance score prices every byte on a simulated slow network. Python's own server
(``guidekit.release.browser.serve_folder``, which the tests use) never compresses, and then
Lighthouse counts about 340 KiB more per page than GitHub Pages sends, over a second of a phone's
first paint: the score would measure the test server, not the guide. Pages and the rest are
served as ``serve_folder`` serves them otherwise.
"""

from __future__ import annotations

import contextlib
import gzip
import io
from pathlib import Path
from typing import BinaryIO

from guidekit.release.browser import QuietHandler, serve_folder

# What the guide's host compresses: text. Images other than SVG, and fonts, are compressed already.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"})


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip ("gzip" or "*", unless refused with q=0)."""
    for part in (header or "").split(","):
        name, *parameters = (piece.strip() for piece in part.split(";"))
        if name.lower() not in ("gzip", "*"):
            continue
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


class CompressingHandler(QuietHandler):
    """Serves a folder quietly; a text file goes gzip-compressed to a client that accepts it."""

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in TEXT_SUFFIXES and accepts_gzip(self.headers.get("Accept-Encoding"))):
            return super().send_head()  # folders' redirects, missing files (404), images
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve_compressed(folder: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port, compressing text; yields the base URL, ending in '/'."""
    return serve_folder(folder, handler=CompressingHandler)
