"""A real browser over the built site: Debian's Chromium driven by Playwright, and a quiet web server.

One launcher and one server for the release tools (the PDF, the page-weight budget) and the tests.
Playwright is a test-time dependency, so it is imported only when a browser starts: this module
imports without it.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Headless in a container: no sandbox or GPU, and no background traffic to skew what a page fetches.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class BrowserMissingError(RuntimeError):
    """Chromium or Playwright is not installed; the message says how to install it."""


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium, closed on leaving; BrowserMissingError when it or Playwright is not installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissingError(
            "Playwright is missing; install the test requirements with: pip install -r requirements-test.txt"
        ) from None
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise BrowserMissingError("Chromium is missing; install it with: sudo apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_FLAGS))
        try:
            yield browser
        finally:
            browser.close()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request: tool output and test logs stay readable."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``folder`` over http on 127.0.0.1 at a free port; yields the base URL, ending in '/'.

    ``handler`` answers each request (the benchmark's compresses text, as the published site's host does).
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
