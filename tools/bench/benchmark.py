"""What the guide's own machinery costs, and MkDocs and Zensical side by side.

For synthetic guides of N chapters (``bench.synthetic``) and for the real guide it prints two tables.

The engine table (``bench.engines``): the checked build with each engine, as ``make build`` runs
it (``python -m guidekit build --engine mkdocs|zensical``), their ratio, edit-to-reload under
``mkdocs serve`` and ``zensical serve``, and how much of that rebuild ran inside the guide's own
code (its checks, its Markdown extension and its hooks, timed at their entry points:
``bench.owncode``).

The features table: the median over R runs of
(a) ``python -m mkdocs build --strict`` with the guidekit extension and hooks;
(b) the same content built without them: citations as plain "(key)" text, glossary links without
    tooltips, and the generated glossary, references, survival table and changelog written out as
    static Markdown (``bench.synthetic`` for synthetic guides, ``bench.plain_guide`` for the
    real one, which is built from two copies so git-based plugins do the same work);
and ``python -m guidekit check`` (what ``make check`` runs). (a) over (b) is what the features
cost, their HTML included; it is shown, no longer judged: the own-code share of a rebuild
replaced that target, because it prices the guide's code rather than the HTML it makes.

Then Lighthouse's four scores (performance, accessibility, best practices, SEO) for the real
guide's home page and two chapters under each engine (``bench.lighthouse``): reported, not judged.

Wall time is measured around each child process, peak memory is that child's own maximum
resident set size (``os.wait4``). It prints the tables and the targets with PASS or FAIL, and
``main`` returns 1 if any target is missed. A benchmark, not a test: run it with ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.engines import (
    ENGINE_NOTES,
    EngineRow,
    Target,
    align,
    engine_targets,
    environment_note,
    format_engine_table,
    measure_engines,
)
from bench.lighthouse import lighthouse_section
from bench.measure import (
    BenchmarkError,
    Sample,
    child_environment,
    measure_pair,
    median_sample,
    progress,
    run_measured,
)
from bench.plain_guide import write_plain_docs
from bench.synthetic import HOOKS_DIR, write_synthetic_guide
from guidekit.core.dates import today as current_day
from guidekit.data.project import EXTENSION_NAME, load_project, read_config
from guidekit.release.publish import mkdocs_build_command

__all__ = [
    "BenchmarkError",
    "Row",
    "Sample",
    "Target",
    "child_environment",
    "evaluate",
    "exit_code",
    "format_report",
    "main",
    "measure_pair",
    "run_benchmark",
    "run_measured",
    "strip_guide_machinery",
]

REPOSITORY = HOOKS_DIR.parent
MAX_REAL_CHECK_SECONDS = 0.5
MAX_CHECK_GROWTH = 12.0  # check time of 1000 chapters over 100: near-linear (10x) with some slack
MAX_MEMORY_RATIO = 1.5
REAL_COPY_ITEMS = ("mkdocs.yml", "docs", "overrides", "hooks")
LARGE = 1000  # from this many chapters one build takes minutes: --runs-large runs, not --runs
REAL_COPY = "real-a"  # the real guide's copy in the scratch folder, with its extension and hooks


@dataclass(frozen=True)
class Row:
    """The medians for one guide, with and without the guide's machinery."""

    label: str
    pages: int  # Markdown pages, the Glossary and References included
    build_a: float
    build_b: float
    peak_a_kib: int
    peak_b_kib: int
    check: float
    chapters: int | None = None  # N of a synthetic guide; None for the real guide

    @property
    def overhead(self) -> float:
        return self.build_a / self.build_b - 1

    @property
    def memory_ratio(self) -> float:
        return self.peak_a_kib / self.peak_b_kib


# Measuring


def check_command() -> list[str]:
    return [sys.executable, "-m", "guidekit", "check"]


def count_pages(folder: Path) -> int:
    return sum(1 for path in (folder / "docs").rglob("*.md"))


def measure_features(
    name: str, label: str, featured: Path, plain: Path, runs: int, work: Path, chapters: int | None = None
) -> Row:
    """Measure one guide written twice: ``featured`` with the guide's extension and hooks, ``plain``
    with the same content without them. ``name`` prefixes the scratch folders, ``label`` names the
    row, and ``chapters`` is N of a synthetic guide (None for the real one)."""
    build_a = mkdocs_build_command(None, work / f"{name}-a-site")
    build_b = mkdocs_build_command(None, work / f"{name}-b-site")
    progress(f"{label}: {runs} MkDocs build(s) with and without the guide's extension and hooks …")
    sample_a, sample_b = measure_pair(
        lambda: run_measured(build_a, featured), lambda: run_measured(build_b, plain), runs
    )
    progress(f"{label}: checks …")
    check = median_sample([run_measured(check_command(), featured) for _ in range(runs)])
    return Row(
        label=label,
        pages=count_pages(featured),
        build_a=sample_a.seconds,
        build_b=sample_b.seconds,
        peak_a_kib=sample_a.peak_kib,
        peak_b_kib=sample_b.peak_kib,
        check=check.seconds,
        chapters=chapters,
    )


@dataclass(frozen=True)
class Measured:
    """Both tables' rows for one guide."""

    features: Row
    engines: EngineRow


def measure_guide(
    name: str,
    label: str,
    featured: Path,
    plain: Path,
    page: str,
    runs: int,
    work: Path,
    *,
    serve: bool,
    chapters: int | None = None,
) -> Measured:
    """Both tables for one guide; ``page`` (relative to docs/) is the one edited under serve."""
    features = measure_features(name, label, featured, plain, runs, work, chapters)
    engines = measure_engines(
        label, featured, page, runs, work, name, serve=serve, chapters=chapters, pages=features.pages
    )
    return Measured(features, engines)


def edited_page(chapters: int) -> str:
    """The page a synthetic guide's rebuilds change: the second chapter (the first if there is one)."""
    return "chapter-0002.md" if chapters > 1 else "index.md"


def measure_synthetic(chapters: int, runs: int, work: Path, seed: int = 1, serve: bool = True) -> Measured:
    """Write the two variants of an N-chapter guide and measure them."""
    name = f"n{chapters}"
    with_features, without = work / f"{name}-a", work / f"{name}-b"
    today = current_day()
    for folder in (with_features, without):
        shutil.rmtree(folder, ignore_errors=True)
    write_synthetic_guide(with_features, chapters, seed, features=True, today=today)
    write_synthetic_guide(without, chapters, seed, features=False, today=today)
    label = f"N={chapters}"
    page = edited_page(chapters)
    return measure_guide(name, label, with_features, without, page, runs, work, serve=serve, chapters=chapters)


def strip_guide_machinery(config_text: str) -> str:
    """mkdocs.yml without its ``hooks:`` block and its ``guidekit.extension`` entry.

    Text edits, so tags such as ``!ENV`` survive.
    """
    out: list[str] = []
    skipping: int | None = None  # indentation of the block being removed; -1 for a top-level key
    for line in config_text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if skipping is not None:
            blank = not stripped.strip()
            if skipping < 0 and (blank or indent > 0 or stripped.startswith(("- ", "#"))):
                continue
            if skipping >= 0 and (blank or indent > skipping):
                continue
            skipping = None
        if indent == 0 and stripped.startswith("hooks:"):
            skipping = -1
            continue
        if stripped.startswith((f"- {EXTENSION_NAME}:", f"- {EXTENSION_NAME}\n", f"- {EXTENSION_NAME} ")):
            skipping = indent
            continue
        out.append(line)
    return "".join(out)


def _names_extension(entry: object) -> bool:
    return entry == EXTENSION_NAME or (isinstance(entry, dict) and EXTENSION_NAME in entry)


def _check_stripped(config: Path) -> None:
    settings = read_config(config)
    extensions = settings.get("markdown_extensions") or []
    if "hooks" in settings or any(_names_extension(e) for e in extensions):
        raise BenchmarkError(f"{config}: could not remove the guidekit extension and hooks")


def _git_snapshot(folder: Path) -> None:
    """Make a copied guide a git repository with one commit, so git-based plugins work as in the real one."""
    identity = ("user.name=benchmark", "user.email=benchmark@example.invalid", "commit.gpgsign=false")
    git = ["git", *(part for setting in identity for part in ("-c", setting))]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "benchmark copy"]):
        result = subprocess.run([*git, *command], cwd=folder, capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchmarkError(f"git {' '.join(command)} in {folder} failed: {result.stderr.strip()}")


def copy_real_guide(repository: Path, target: Path, features: bool) -> None:
    """The real guide's files in ``target``, as a git repository of one commit.

    Without features, mkdocs.yml loses the extension and hooks and the pages become the same
    content as static Markdown (see ``bench.plain_guide``).
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in REAL_COPY_ITEMS:
        source = repository / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    if not features:
        config = target / "mkdocs.yml"
        project = load_project(config)
        write_plain_docs(project, project.docs_dir)
        config.write_text(strip_guide_machinery(config.read_text(encoding="utf-8")), encoding="utf-8")
        _check_stripped(config)
        shutil.rmtree(target / "hooks", ignore_errors=True)
    _git_snapshot(target)


def measure_real(repository: Path, runs: int, work: Path, serve: bool = True) -> Measured:
    """(a) and (b) in two copies of the real guide, each a git repository of one commit so that
    git-based plugins do the same work; (b) is the same content without the extension and hooks.
    The engines build and serve copy (a)."""
    featured, plain = work / REAL_COPY, work / "real-b"
    copy_real_guide(repository, featured, features=True)
    copy_real_guide(repository, plain, features=False)
    # One unmeasured build of each first: a broken configuration fails here, not halfway.
    run_measured(mkdocs_build_command(None, work / "real-a-site"), featured)
    run_measured(mkdocs_build_command(None, work / "real-b-site"), plain)
    page = "basics.md" if (featured / "docs" / "basics.md").is_file() else "index.md"
    return measure_guide("real", "real", featured, plain, page, runs, work, serve=serve)


# Judging and reporting


def overhead_percent(ratio_minus_one: float) -> str:
    return f"{ratio_minus_one * 100:+.1f} %"


def evaluate(rows: Sequence[Row], engine_rows: Sequence[EngineRow] = ()) -> list[Target]:
    """Every target, judged on the medians: the engines' first, then checks and memory."""
    targets = engine_targets(engine_rows) if engine_rows else []
    real = next((row for row in rows if row.chapters is None), None)
    targets.append(
        Target(
            "check time, real guide",
            f"{real.check:.3f} s" if real else "not measured",
            f"< {MAX_REAL_CHECK_SECONDS} s",
            real.check < MAX_REAL_CHECK_SECONDS if real else None,
        )
    )
    by_size = {row.chapters: row for row in rows if row.chapters is not None}
    if 100 in by_size and 1000 in by_size:
        growth = by_size[1000].check / by_size[100].check
        targets.append(
            Target(
                "check time growth, N=1000 / N=100",
                f"{growth:.2f} x",
                f"<= {MAX_CHECK_GROWTH:g} x",
                growth <= MAX_CHECK_GROWTH,
            )
        )
    else:
        targets.append(Target("check time growth, N=1000 / N=100", "not measured", f"<= {MAX_CHECK_GROWTH:g} x", None))
    if by_size:
        largest = by_size[1000] if 1000 in by_size else by_size[max(by_size)]
        targets.append(
            Target(
                f"peak memory (a)/(b), {largest.label}",
                f"{largest.memory_ratio:.2f} x",
                f"<= {MAX_MEMORY_RATIO:g} x",
                largest.memory_ratio <= MAX_MEMORY_RATIO,
            )
        )
    return targets


def exit_code(targets: Sequence[Target]) -> int:
    """1 if any measured target was missed."""
    return 1 if any(target.passed is False for target in targets) else 0


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def format_features_table(rows: Sequence[Row]) -> list[str]:
    header = ("guide", "pages", "build (a) s", "build (b) s", "(a)/(b)", "check s", "peak (a) MiB", "peak (b) MiB")
    table = [header]
    for row in rows:
        table.append(
            (
                row.label,
                str(row.pages),
                f"{row.build_a:.2f}",
                f"{row.build_b:.2f}",
                overhead_percent(row.overhead),
                f"{row.check:.3f}",
                _mib(row.peak_a_kib),
                _mib(row.peak_b_kib),
            )
        )
    return align(table)


def format_targets(targets: Sequence[Target]) -> list[str]:
    name_width = max((len(t.name) for t in targets), default=0)
    value_width = max((len(t.value) for t in targets), default=0)
    limit_width = max((len(t.limit) for t in targets), default=0)
    lines = []
    for target in targets:
        verdict = {True: "PASS", False: "FAIL", None: "n/a"}[target.passed]
        lines.append(
            f"{target.name.ljust(name_width)}  {target.value.rjust(value_width)}  "
            f"{target.limit.ljust(limit_width)}  {verdict}"
        )
    return lines


def format_report(
    rows: Sequence[Row],
    targets: Sequence[Target],
    machine: str = "",
    runs: str = "",
    engine_rows: Sequence[EngineRow] = (),
) -> str:
    lines = [machine] if machine else []
    if runs:
        lines.append(runs)
    if engine_rows:
        lines += ["", "MkDocs and Zensical", *ENGINE_NOTES, "", *format_engine_table(engine_rows)]
    if rows:
        lines += [
            "",
            "The guide's features, MkDocs: (a) with guidekit.extension and hooks, (b) the same content without;",
            "(a)/(b) is what the features cost, their HTML included (shown, not judged); pages include the",
            "Glossary and References; check = `python -m guidekit check`",
            "",
            *format_features_table(rows),
        ]
    note = environment_note()
    if note:
        lines += ["", note]
    lines += ["", *format_targets(targets)]
    return "\n".join(lines)


def machine_summary() -> str:
    import mkdocs
    import zensical

    return (
        f"machine: {os.cpu_count()} CPU(s), {platform.machine()}, {cpu_model()}, Python {platform.python_version()}, "
        f"MkDocs {mkdocs.__version__}, Zensical {zensical.version()}"
    )


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def parse_pages(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give chapter counts such as 10,100,1000") from None
    if not values or any(value < 1 for value in values):
        raise argparse.ArgumentTypeError(f"{text!r}: give chapter counts such as 10,100,1000")
    return values


def runs_for(chapters: int | None, runs: int, large_runs: int) -> int:
    """Runs for one guide: ``large_runs`` (never more than ``runs``) from LARGE chapters on."""
    return min(runs, large_runs) if chapters is not None and chapters >= LARGE else runs


def runs_note(sizes: Sequence[int], runs: int, large_runs: int) -> str:
    large = [size for size in sizes if runs_for(size, runs, large_runs) != runs]
    if not large:
        return f"medians of {runs} run(s)"
    shown = ", ".join(f"N={size}" for size in large)
    return f"medians of {runs} run(s); {runs_for(large[0], runs, large_runs)} at {shown}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.benchmark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=parse_pages, default=[10, 100, 1000], help="chapters (default: 10,100,1000)")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each build, check and serve edit; medians (default: 3)"
    )
    parser.add_argument(
        "--runs-large",
        type=int,
        default=1,
        help=f"runs for guides of {LARGE:,} chapters or more, where one MkDocs build takes minutes (default: 1)",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/guide-bench"), help="scratch folder")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic guides (default: 1)")
    parser.add_argument("--repo", type=Path, default=REPOSITORY, help="the real guide (default: this repository)")
    parser.add_argument("--no-real", dest="real", action="store_false", help="skip the real guide")
    parser.add_argument(
        "--no-serve",
        "--no-rebuild",
        dest="serve",
        action="store_false",
        help="skip mkdocs serve and zensical serve (edit-to-reload and the own-code share)",
    )
    parser.add_argument(
        "--no-lighthouse", dest="lighthouse", action="store_false", help="skip Lighthouse's scores of the real guide"
    )
    return parser


def run_benchmark(
    pages: Sequence[int] | str = (10, 100, 1000),
    runs: int = 3,
    work: Path = Path("/tmp/guide-bench"),
    *,
    seed: int = 1,
    repo: Path = REPOSITORY,
    real: bool = True,
    serve: bool = True,
    runs_large: int = 1,
    lighthouse: bool = True,
) -> int:
    """Measure, print the tables and the targets; 0 if every measured target passed, 1 if not, 2 on error.
    Lighthouse's scores (of the real guide only) are printed after them and never change the result."""
    try:
        sizes = parse_pages(pages) if isinstance(pages, str) else list(pages)
    except argparse.ArgumentTypeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if runs < 1 or runs_large < 1:
        print("error: --runs and --runs-large must be at least 1", file=sys.stderr)
        return 2
    work = Path(work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    measured: list[Measured] = []
    try:
        for chapters in sizes:
            measured.append(measure_synthetic(chapters, runs_for(chapters, runs, runs_large), work, seed, serve))
        if real:
            measured.append(measure_real(Path(repo).resolve(), runs, work, serve))
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    rows = [item.features for item in measured]
    engine_rows = [item.engines for item in measured]
    targets = evaluate(rows, engine_rows)
    print(format_report(rows, targets, machine_summary(), runs_note(sizes, runs, runs_large), engine_rows))
    if real and lighthouse:
        print("", *lighthouse_section(work / REAL_COPY, work), sep="\n")
    return exit_code(targets)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_benchmark(
        args.pages,
        args.runs,
        args.work,
        seed=args.seed,
        repo=args.repo,
        real=args.real,
        serve=args.serve,
        runs_large=args.runs_large,
        lighthouse=args.lighthouse,
    )


if __name__ == "__main__":
    sys.exit(main())
