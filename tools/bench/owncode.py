"""How long a build spends inside the guide's own code, and a server that reports it.

``timing_own_code`` adds up the wall time spent in every entry point through which a builder
runs the guide's code: ``check_project`` (the checks), the Markdown extension (its constructor,
``extendMarkdown`` and its four processors, which under Zensical also check the whole guide) and
every ``on_*`` function of the MkDocs hooks. Time in libraries those call (PyYAML, selectolax,
Python-Markdown helpers) counts as the guide's, because the guide asked for it; time MkDocs,
Zensical, the theme and the other plugins spend on the HTML the guide produced does not. A call
made inside another is not counted twice.

Why not "build with the guide minus build without it" (issue 9's overhead)? That difference also
prices the features' HTML: longer pages for the search index, the minifier and the templates.
This measures what the guide's code itself costs, which is where waste would be.

``python -m bench.owncode ENGINE CONFIG ADDRESS`` runs ``mkdocs serve`` or ``zensical serve``
with the timing in place and prints ``own-code-seconds: S`` (the running total) after every
MkDocs build and every page Zensical renders, so a benchmark can read how much of a rebuild was
the guide's own code. (Printed from the builder's own thread: Zensical's Rust server does not
let a Python thread of ours run while it waits.)
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

OWN_PREFIX = "own-code-seconds: "
HOOK_FILES = frozenset({"guide_checks.py", "glightbox_pages.py"})


def hook_modules() -> list[object]:
    """The guide's MkDocs hook modules loaded in this process (MkDocs loads them by file path)."""
    found = []
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and Path(file).name in HOOK_FILES and Path(file).parent.name == "hooks":
            found.append(module)
    return found


def _entry_points() -> list[tuple[object, str, Callable]]:
    """(owner, attribute, function) for every entry point into the guide's code loaded now."""
    from guidekit import check as checks
    from guidekit.render import extension

    check = checks.check_project
    points: list[tuple[object, str, Callable]] = [
        (module, "check_project", check)
        for module in list(sys.modules.values())
        if getattr(module, "check_project", None) is check
    ]
    for owner, names in (
        (extension.GuideExtension, ("__init__", "extendMarkdown")),
        (extension._MarkerPreprocessor, ("run",)),
        (extension._CitationProcessor, ("handleMatch",)),
        (extension._PageTreeprocessor, ("run",)),
        (extension._AllowListPostprocessor, ("run",)),
    ):
        points += [(owner, name, owner.__dict__[name]) for name in names]
    for module in hook_modules():
        points += [
            (module, name, function)
            for name, function in vars(module).items()
            if name.startswith("on_") and getattr(function, "__module__", None) == module.__name__
        ]
    return points


@contextlib.contextmanager
def timing_own_code() -> Iterator[list[float]]:
    """Add up, in this process, the wall time spent inside the guide's own code (see the module's
    docstring for what counts). Yields a one-item list holding the seconds so far.

    It wraps the entry points in place for the duration of the block and then puts the originals
    back. MkDocs keeps a hook module loaded for the life of the process, holding its own reference
    to ``check_project``, so every loaded module's reference to it is swapped, not just the one in
    ``guidekit.check``. A hook module loaded after the block starts is not timed: MkDocs registers
    a hook's functions when it loads a configuration, so start the block after the first load.
    """
    spent = [0.0]
    local = threading.local()

    def timed(function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args: object, **kwargs: object) -> object:
            depth = getattr(local, "depth", 0)
            local.depth = depth + 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                local.depth = depth
                if depth == 0:
                    spent[0] += time.perf_counter() - start

        return wrapper

    swapped = _entry_points()
    for owner, name, function in swapped:
        setattr(owner, name, timed(function))
    try:
        yield spent
    finally:
        for owner, name, function in swapped:
            setattr(owner, name, function)


def parse_own_report(line: str) -> float | None:
    """The running total in one line of the server's output, None if the line is no report."""
    if not line.startswith(OWN_PREFIX):
        return None
    try:
        return float(line[len(OWN_PREFIX) :])
    except ValueError:
        return None


_KEPT: list[object] = []  # the timing of a server process, which lasts as long as the process


def _time_for_good() -> list[float]:
    """Start timing for the life of this process (the context is kept: collected, it would undo itself)."""
    timing = timing_own_code()
    _KEPT.append(timing)
    return timing.__enter__()


def _report(spent: list[float]) -> None:
    print(f"{OWN_PREFIX}{spent[0]:.6f}", flush=True)


def serve_mkdocs(config_file: str, address: str) -> None:
    """``mkdocs serve``, timed from the first rebuild on (the hook modules load with the first build);
    the running total is printed after every build."""
    from mkdocs.__main__ import cli
    from mkdocs.commands import serve

    build = serve.build
    timing: dict[str, list[float]] = {}

    def timed_build(*args: object, **kwargs: object) -> None:
        build(*args, **kwargs)
        if "spent" in timing:
            _report(timing["spent"])
        else:
            timing["spent"] = _time_for_good()

    serve.build = timed_build
    cli(["serve", "--dev-addr", address, "--config-file", config_file], prog_name="mkdocs")


def serve_zensical(config_file: str, address: str) -> None:
    """``zensical serve``, timed from the start (the guide's code runs only inside the extension, while
    Zensical renders a page); the running total is printed after every page rendered."""
    from zensical.main import cli
    from zensical.markdown import render

    import guidekit.extension  # noqa: F401 - loaded now, so the Markdown extension Zensical loads is the timed one

    spent = _time_for_good()
    convert = render.render

    def reported(*args: object, **kwargs: object) -> object:
        try:
            return convert(*args, **kwargs)
        finally:
            _report(spent)

    render.render = reported
    cli(["serve", "--config-file", config_file, "--dev-addr", address], prog_name="zensical")


def main(argv: list[str] | None = None) -> None:
    engine, config_file, address = argv if argv is not None else sys.argv[1:]
    {"mkdocs": serve_mkdocs, "zensical": serve_zensical}[engine](config_file, address)


if __name__ == "__main__":
    main()
