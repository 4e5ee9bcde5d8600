"""MkDocs and Zensical side by side: the checked build, edit-to-reload under serve, and how much of
that rebuild is the guide's own code.

For one guide folder (a synthetic guide or a copy of the real one) it measures:

- the checked build with each engine, as ``make build`` runs it: ``python -m guidekit build
  --engine mkdocs|zensical`` (MkDocs checks in its hook; for Zensical the command checks first,
  then Zensical's run of the extension checks again), median of the runs, alternating which
  engine goes first so that drift on a shared machine hits both alike;
- edit-to-reload under each engine's ``serve``: the server is started on a free port, and after
  its first build one page gets a new sentence; the time from writing the file until the page
  served over HTTP holds the sentence, median of the edits (when Zensical's cache spared its
  first build every page, the first edit does that build's work and is not counted);
- the guide's own code during each of those rebuilds (``bench.owncode``: the server runs with
  its entry points timed and reports the running total), as a share of that edit-to-reload time.
  The wait includes the file watcher's own delay (MkDocs waits 0.1 s for more changes), which
  every rebuild pays, so the share is of what a writer waits for.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from bench.measure import BenchmarkError, Sample, child_environment, median_sample, progress, run_measured
from bench.owncode import parse_own_report
from guidekit.data.project import read_config

ENGINES = ("mkdocs", "zensical")
MAX_ZENSICAL_RATIO = 0.6  # the checked Zensical build of the real guide, against MkDocs'
MAX_OWN_SHARE = 0.05  # the guide's own code, of a rebuild under serve, at every size
# A line each server prints once its first build is done and it serves the site.
READY_LINES = {"mkdocs": "Serving on", "zensical": "issues found"}
POLL_SECONDS = 0.02
SETTLE_SECONDS = 0.3  # after a reload: the server's last report of its own-code total arrives
STOP_SECONDS = 15.0


@dataclass(frozen=True)
class Reload:
    """One edit under serve: seconds until the served page held it, and seconds of the guide's code meanwhile."""

    seconds: float
    own: float

    @property
    def share(self) -> float:
        return self.own / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class EngineRow:
    """One guide under both engines (medians)."""

    label: str
    pages: int
    builds: dict[str, Sample]  # engine -> median checked build
    reloads: dict[str, list[Reload]] = field(default_factory=dict)  # engine -> each edit under serve
    chapters: int | None = None  # N of a synthetic guide; None for the real guide

    @property
    def ratio(self) -> float | None:
        """Zensical's checked build over MkDocs'."""
        if "mkdocs" not in self.builds or "zensical" not in self.builds or not self.builds["mkdocs"].seconds:
            return None
        return self.builds["zensical"].seconds / self.builds["mkdocs"].seconds

    def reload_seconds(self, engine: str) -> float | None:
        found = self.reloads.get(engine)
        return statistics.median(r.seconds for r in found) if found else None

    def own_seconds(self, engine: str) -> float | None:
        found = self.reloads.get(engine)
        return statistics.median(r.own for r in found) if found else None

    def own_share(self, engine: str) -> float | None:
        """The median share of a rebuild under serve spent in the guide's own code."""
        found = self.reloads.get(engine)
        return statistics.median(r.share for r in found) if found else None


@dataclass(frozen=True)
class Target:
    """One goal: None for ``passed`` when it could not be measured in this run."""

    name: str
    value: str
    limit: str
    passed: bool | None


# Pure helpers


def checked_build_command(engine: str, site_dir: Path) -> list[str]:
    """What ``make build ENGINE=…`` runs: check, build with ``engine``, publish into ``site_dir``."""
    return [sys.executable, "-m", "guidekit", "build", "--engine", engine, "--site-dir", str(site_dir)]


def page_path(site_url: str | None, docs_path: str) -> str:
    """The path a server serves a page at: under site_url's path, with directory URLs.

    ``page_path("https://x.org/guide/", "basics.md") == "/guide/basics/"``; index.md is its folder.
    """
    base = urlsplit(site_url or "").path.strip("/")
    page = PurePosixPath(docs_path)
    parts = list(page.parent.parts) if page.stem == "index" else [*page.parent.parts, page.stem]
    parts = [part for part in parts if part not in ("", ".")]
    joined = "/".join([base, *parts] if base else parts)
    return f"/{joined}/" if joined else "/"


def reload_token(index: int, salt: str) -> str:
    """A word no page holds, so the served page holds it only once the edit is built."""
    return f"benchedit{index}x{salt}"


def edited(original: bytes, token: str) -> bytes:
    """The page with a new last paragraph naming ``token``."""
    return original.rstrip(b"\n") + f"\n\nA sentence added for the benchmark: {token}.\n".encode()


def percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f} %"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def engine_targets(rows: Sequence[EngineRow]) -> list[Target]:
    """The engine targets: Zensical's checked build of the real guide against MkDocs', and the
    guide's own share of a rebuild for every guide and engine."""
    real = next((row for row in rows if row.chapters is None), None)
    ratio = real.ratio if real else None
    targets = [
        Target(
            "checked build Zensical / MkDocs, real guide",
            f"{ratio:.2f} x" if ratio is not None else "not measured",
            f"<= {MAX_ZENSICAL_RATIO:g} x",
            None if ratio is None else ratio <= MAX_ZENSICAL_RATIO,
        )
    ]
    for row in rows:
        for engine in ENGINES:
            share = row.own_share(engine)
            targets.append(
                Target(
                    f"own code share of a rebuild, {engine}, {row.label}",
                    "not measured" if share is None else percent(share),
                    f"<= {MAX_OWN_SHARE * 100:.0f} %",
                    None if share is None else share <= MAX_OWN_SHARE,
                )
            )
    return targets


def format_engine_table(rows: Sequence[EngineRow]) -> list[str]:
    header = (
        "guide",
        "pages",
        "MkDocs s",
        "Zensical s",
        "Z/M",
        "reload M s",
        "reload Z s",
        "own M s",
        "own Z s",
        "own M",
        "own Z",
    )
    table = [header]
    for row in rows:
        ratio = row.ratio
        table.append(
            (
                row.label,
                str(row.pages),
                _seconds(row.builds["mkdocs"].seconds if "mkdocs" in row.builds else None),
                _seconds(row.builds["zensical"].seconds if "zensical" in row.builds else None),
                "-" if ratio is None else f"{ratio:.2f} x",
                _seconds(row.reload_seconds("mkdocs")),
                _seconds(row.reload_seconds("zensical")),
                "-" if row.own_seconds("mkdocs") is None else f"{row.own_seconds('mkdocs'):.3f}",
                "-" if row.own_seconds("zensical") is None else f"{row.own_seconds('zensical'):.3f}",
                percent(row.own_share("mkdocs")),
                percent(row.own_share("zensical")),
            )
        )
    return align(table)


def align(table: Sequence[Sequence[str]]) -> list[str]:
    """Columns padded to their widest cell: the first left, the rest right; a rule under the header."""
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = []
    for index, line in enumerate(table):
        lines.append(
            "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


ENGINE_NOTES = (
    "MkDocs s, Zensical s: `python -m guidekit build --engine mkdocs|zensical` (checks included), wall time;",
    "reload: `mkdocs serve` / `zensical serve`, from writing one page until the page served over HTTP",
    "holds the edit; own: seconds of that rebuild inside the guide's own code (checks, extension, hooks;",
    "bench.owncode), and its share of the reload",
)


# Measuring


def measure_checked_builds(folder: Path, runs: int, work: Path, name: str) -> dict[str, Sample]:
    """Median checked build per engine, run alternately (the first engine changes every run)."""
    samples: dict[str, list[Sample]] = {engine: [] for engine in ENGINES}
    for index in range(runs):
        order = ENGINES if index % 2 == 0 else tuple(reversed(ENGINES))
        for engine in order:
            command = checked_build_command(engine, work / f"{name}-{engine}-site")
            samples[engine].append(run_measured(command, folder))
    return {engine: median_sample(found) for engine, found in samples.items()}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float) -> str | None:
    """The body of a page, None if it cannot be had (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


class Server:
    """A ``serve`` process of one engine, its output read as it comes (own-code totals kept apart)."""

    def __init__(self, engine: str, folder: Path, port: int) -> None:
        self.engine = engine
        self.address = f"127.0.0.1:{port}"
        command = [sys.executable, "-m", "bench.owncode", engine, str(folder / "mkdocs.yml"), self.address]
        # The server's temporary files (mkdocs serve builds into a temporary folder) go here, and go
        # with it even if it has to be killed.
        self.scratch = Path(tempfile.mkdtemp(prefix="guide-bench-serve-"))
        self.process = subprocess.Popen(
            command,
            cwd=folder,
            env={**child_environment(), "TMPDIR": str(self.scratch)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        self._own = 0.0
        self._lines: list[str] = []
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            value = parse_own_report(line.strip())
            with self._lock:
                if value is not None:
                    self._own = value
                    continue
                self._lines = [*self._lines[-200:], line.rstrip()]
                if READY_LINES[self.engine] in line:
                    self._ready.set()

    @property
    def own(self) -> float:
        with self._lock:
            return self._own

    def output(self) -> str:
        with self._lock:
            return "\n".join(self._lines[-40:])

    def alive(self) -> bool:
        return self.process.poll() is None

    def failed(self, what: str) -> BenchmarkError:
        return BenchmarkError(f"{self.engine} serve {what}:\n{self.output()}")

    def wait_ready(self, url: str, timeout: float) -> float:
        """Seconds until the first build is done and the page is served."""
        start = time.perf_counter()
        deadline = start + timeout
        while not (self._ready.is_set() and fetch(url, timeout=max(1.0, deadline - time.perf_counter()))):
            if not self.alive():
                raise self.failed(f"exited {self.process.returncode} before serving")
            if time.perf_counter() > deadline:
                raise self.failed(f"did not serve {url} within {timeout:.0f} s")
            time.sleep(0.1)
        return time.perf_counter() - start

    def stop(self) -> None:
        """Interrupt it as Ctrl-C would (MkDocs then removes its temporary site), then make sure it ended."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_SECONDS)
        self._reader.join(STOP_SECONDS)
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


@contextlib.contextmanager
def serving(engine: str, folder: Path) -> Iterator[Server]:
    server = Server(engine, folder, free_port())
    try:
        yield server
    finally:
        server.stop()


def wait_for_edit(server: Server, url: str, token: str, timeout: float) -> float:
    """Seconds until the served page holds ``token`` (counted from the call)."""
    start = time.perf_counter()
    deadline = start + timeout
    while True:
        body = fetch(url, timeout=max(1.0, deadline - time.perf_counter()))
        if body is not None and token in body:
            return time.perf_counter() - start
        if not server.alive():
            raise server.failed(f"exited {server.process.returncode} while rebuilding")
        if time.perf_counter() > deadline:
            raise server.failed(f"did not serve the edit of {url} within {timeout:.0f} s")
        time.sleep(POLL_SECONDS)


def measure_reloads(engine: str, folder: Path, docs_path: str, edits: int, timeout: float = 600.0) -> list[Reload]:
    """Start ``engine``'s server on ``folder``, then edit ``docs_path`` ``edits`` times; the page is restored."""
    site_url = read_config(folder / "mkdocs.yml").get("site_url")
    page = folder / "docs" / docs_path
    original = page.read_bytes()
    salt = uuid.uuid4().hex[:8]
    reloads = []
    with serving(engine, folder) as server:
        url = f"http://{server.address}{page_path(site_url if isinstance(site_url, str) else None, docs_path)}"
        first_build = server.wait_ready(url, timeout)
        time.sleep(SETTLE_SECONDS)
        # Zensical's cache may spare its first build every page: then the first page it renders does
        # that build's work in this process (loading the extensions, checking the guide from
        # scratch). That first edit is made but not measured, as MkDocs' first build is not.
        warm_up = 1 if engine == "zensical" and server.own == 0 else 0
        try:
            for index in range(warm_up + edits):
                token = reload_token(index + 1, salt)
                before = server.own
                page.write_bytes(edited(original, token))
                seconds = wait_for_edit(server, url, token, max(timeout, 5 * first_build))
                time.sleep(SETTLE_SECONDS)
                if index >= warm_up:
                    reloads.append(Reload(seconds, server.own - before))
        finally:
            page.write_bytes(original)
    return reloads


def measure_engines(
    label: str,
    folder: Path,
    docs_path: str,
    runs: int,
    work: Path,
    name: str,
    *,
    serve: bool = True,
    chapters: int | None = None,
    pages: int = 0,
) -> EngineRow:
    """Checked builds with both engines, then (``serve``) ``runs`` edits of ``docs_path`` under each server."""
    progress(f"{label}: {runs} checked build(s) with each engine …")
    builds = measure_checked_builds(folder, runs, work, name)
    reloads: dict[str, list[Reload]] = {}
    if serve:
        for engine in ENGINES:
            progress(f"{label}: {engine} serve, {runs} edit(s) of {docs_path} …")
            reloads[engine] = measure_reloads(engine, folder, docs_path, runs)
    return EngineRow(label, pages, builds, reloads, chapters)


def environment_note() -> str:
    """Said under the table when Python may not cache bytecode: every process compiles the guide's code."""
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "PYTHONDONTWRITEBYTECODE is set: every process compiles the guide's modules (about 0.05 s each)"
    return ""
