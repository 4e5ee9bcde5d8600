"""Where a checked build spends its time: cProfile over one in-process build with either engine.

``python -m bench.profile mkdocs|zensical FOLDER`` builds the guide in FOLDER once (MkDocs:
``build(load_config(...))``, its hooks checking the guide; Zensical: ``zensical.build(config,
{"clean": True})``, its run of the extension checking the guide) and prints the build's wall time,
the seconds inside the guide's own code (``bench.owncode``) and the guide's functions that cost
the most. Zensical converts pages on a thread of its own, which cProfile does not follow from
the main thread, so each page's conversion is profiled on that thread and the profiles are added
up. Profiling slows Python code down (roughly twice): compare the numbers with each other, not
with the benchmark's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench.owncode import timing_own_code

GUIDE_CODE = r"scripts/guidekit|/hooks/"


def profile_mkdocs(config_file: Path) -> tuple[float, float, pstats.Stats]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").addHandler(logging.NullHandler())
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as site_dir:
        # A first configuration loads the hook modules, so that their functions can be timed.
        load_config(config_file=str(config_file), site_dir=site_dir)
        with timing_own_code() as own:
            start = time.perf_counter()
            profiler.enable()
            config = load_config(config_file=str(config_file), site_dir=site_dir)
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
            profiler.disable()
            total = time.perf_counter() - start
    return total, own[0], pstats.Stats(profiler)


def profile_zensical(config_file: Path) -> tuple[float, float, pstats.Stats]:
    import zensical
    from zensical.markdown import render

    import guidekit.extension  # noqa: F401 - loaded before timing starts, so Zensical's is the timed one

    profiles: list[cProfile.Profile] = []
    convert = render.render

    def profiled(*args: object, **kwargs: object) -> object:
        profiler = cProfile.Profile()
        profiles.append(profiler)
        return profiler.runcall(convert, *args, **kwargs)

    main = cProfile.Profile()
    render.render = profiled
    try:
        with timing_own_code() as own:
            start = time.perf_counter()
            main.enable()
            zensical.build(str(config_file), {"clean": True, "strict": False})
            main.disable()
            total = time.perf_counter() - start
    finally:
        render.render = convert
    stats = pstats.Stats(main)
    for profiler in profiles:
        stats.add(profiler)
    return total, own[0], stats


def report(stats: pstats.Stats, sort: str, limit: int) -> str:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats(sort).print_stats(GUIDE_CODE, limit)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=["mkdocs", "zensical"])
    parser.add_argument("folder", type=Path, help="the guide: a folder holding mkdocs.yml")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (default: cumulative)")
    parser.add_argument("--limit", type=int, default=30, help="functions to list (default: 30)")
    parser.add_argument("--save", type=Path, help="also write the profile here (pstats format)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    folder = args.folder.resolve()
    os.chdir(folder)
    config_file = folder / "mkdocs.yml"
    run = profile_mkdocs if args.engine == "mkdocs" else profile_zensical
    total, own, stats = run(config_file)
    print(f"{args.engine} build of {folder}: {total:.2f} s, {own:.2f} s in the guide's own code ({own / total:.1%})")
    print(report(stats, args.sort, args.limit))
    if args.save:
        stats.dump_stats(args.save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
