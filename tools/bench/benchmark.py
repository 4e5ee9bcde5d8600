"""What the guide's own machinery costs: build time, memory and check time, with and without it.

For synthetic guides of N chapters (``bench.synthetic``) and for the real guide, it measures the
median over R runs of:

(a) ``python -m mkdocs build --strict`` with the guidekit extension and hooks;
(b) the same content built without them: citations as plain "(key)" text, glossary links without
    tooltips, and the generated glossary, references, survival table and changelog written out as
    static Markdown (``bench.synthetic`` for synthetic guides, ``bench.plain_guide`` for the
    real one, which is built from two copies so git-based plugins do the same work);
- a ``mkdocs serve``-style rebuild after one page changed, in one process through MkDocs' API
  (``build(load_config(...))`` again, as ``mkdocs serve`` does on a change), with and without,
  and how much of rebuild (a) is spent inside the guide's own code (its checks and the extension);
- ``python -m guidekit check`` (what ``make check`` runs).

Wall time is measured around each child process, peak memory is that child's own maximum
resident set size (``os.wait4``). It prints one table and the targets with PASS or FAIL, and
``main`` returns 1 if any target is missed. A benchmark, not a test: run it with ``make bench``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.plain_guide import write_plain_docs
from bench.synthetic import HOOKS_DIR, write_synthetic_guide
from guidekit.core.dates import today as current_day
from guidekit.data.project import EXTENSION_NAME, load_project, read_config
from guidekit.release.publish import mkdocs_build_command

REPOSITORY = HOOKS_DIR.parent
MAX_OVERHEAD = 0.05  # the extension and hooks may make a build at most 5 % slower
MAX_REAL_CHECK_SECONDS = 0.5
MAX_CHECK_GROWTH = 12.0  # check time of 1000 chapters over 100: near-linear (10x) with some slack
MAX_MEMORY_RATIO = 1.5
REAL_COPY_ITEMS = ("mkdocs.yml", "docs", "overrides", "hooks")


class BenchmarkError(RuntimeError):
    """A measured command failed: its numbers would mean nothing."""


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    seconds: float
    peak_kib: int


@dataclass(frozen=True)
class Row:
    """The medians for one guide."""

    label: str
    pages: int  # Markdown pages, the Glossary and References included
    build_a: float
    build_b: float
    peak_a_kib: int
    peak_b_kib: int
    check: float
    rebuild_a: float | None = None
    rebuild_b: float | None = None
    chapters: int | None = None  # N of a synthetic guide; None for the real guide
    rebuild_own: float | None = None  # of rebuild_a: seconds inside the checks and the extension

    @property
    def overhead(self) -> float:
        return self.build_a / self.build_b - 1

    @property
    def own_share(self) -> float | None:
        """The share of a rebuild spent in the guide's own code (the rest of the overhead is
        MkDocs, the search index and the minifier handling the extra HTML it makes)."""
        if self.rebuild_own is None or not self.rebuild_a:
            return None
        return self.rebuild_own / self.rebuild_a

    @property
    def rebuild_overhead(self) -> float | None:
        if self.rebuild_a is None or not self.rebuild_b:
            return None
        return self.rebuild_a / self.rebuild_b - 1

    @property
    def memory_ratio(self) -> float:
        return self.peak_a_kib / self.peak_b_kib


@dataclass(frozen=True)
class Target:
    """One goal: None for ``passed`` when it could not be measured in this run."""

    name: str
    value: str
    limit: str
    passed: bool | None


# Measuring


def child_environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run a command; its wall time and its own peak RSS (KiB, from os.wait4). BenchmarkError if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env or child_environment(), stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-3000:]
            raise BenchmarkError(f"{' '.join(command)} (in {cwd}) exited {process.returncode}:\n{tail}")
    return Sample(seconds, usage.ru_maxrss)  # Linux: kilobytes


def check_command() -> list[str]:
    return [sys.executable, "-m", "guidekit", "check"]


def median_sample(samples: Sequence[Sample]) -> Sample:
    return Sample(statistics.median(s.seconds for s in samples), int(statistics.median(s.peak_kib for s in samples)))


def measure_pair(run_a: Callable[[], Sample], run_b: Callable[[], Sample], runs: int) -> tuple[Sample, Sample]:
    """Medians of (a) and (b), interleaved and alternating which goes first, so drift hits both alike."""
    a: list[Sample] = []
    b: list[Sample] = []
    for index in range(runs):
        if index % 2:
            b.append(run_b())
            a.append(run_a())
        else:
            a.append(run_a())
            b.append(run_b())
    return median_sample(a), median_sample(b)


@contextlib.contextmanager
def timing_own_code() -> Iterator[list[float]]:
    """Add up, in this process, the wall time spent inside the guide's checks and the extension's
    processors (nested calls are not counted twice). Yields a one-item list holding the seconds.

    It wraps the entry points in place for the duration of the block and then puts the originals
    back. MkDocs keeps a hook module loaded for the life of the process, holding its own reference
    to ``check_project``, so every loaded module's reference to it is swapped, not just the one in
    ``guidekit.check``.
    """
    from guidekit import check as checks
    from guidekit.render import extension

    spent = [0.0]
    depth = [0]

    def timed(function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args: object, **kwargs: object) -> object:
            depth[0] += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[0] += time.perf_counter() - start

        return wrapper

    check = checks.check_project
    swapped: list[tuple[object, str, object]] = [
        (module, "check_project", check)
        for module in list(sys.modules.values())
        if getattr(module, "check_project", None) is check
    ]
    swapped += [
        (extension._MarkerPreprocessor, "run", extension._MarkerPreprocessor.run),
        (extension._CitationProcessor, "handleMatch", extension._CitationProcessor.handleMatch),
        (extension._PageTreeprocessor, "run", extension._PageTreeprocessor.run),
    ]
    for owner, name, function in swapped:
        setattr(owner, name, timed(function))  # type: ignore[arg-type]
    try:
        yield spent
    finally:
        for owner, name, function in swapped:
            setattr(owner, name, function)


def rebuild_times(config_file: str, page: str, runs: int, site_dir: str) -> list[tuple[float, float]]:
    """In this process, as ``mkdocs serve`` does: one build, then after each change to ``page``, a
    fresh ``load_config`` and ``build``. Returns (seconds, seconds in the guide's own code) for
    each rebuild; ``page`` is restored."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").addHandler(logging.NullHandler())  # quiet, but strict still counts warnings
    serve_url = "http://127.0.0.1:8000/guide/"

    def configured():  # a MkDocsConfig, as mkdocs serve makes one for every rebuild
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = serve_url
        return config

    config = configured()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=serve_url)
    path = Path(page)
    original = path.read_bytes()
    times = []
    try:
        for index in range(runs):
            path.write_bytes(original + f"\nA sentence added for the benchmark, edit {index + 1}.\n".encode())
            with timing_own_code() as own:
                start = time.perf_counter()
                build(configured(), serve_url=serve_url)
                times.append((time.perf_counter() - start, own[0]))
    finally:
        path.write_bytes(original)
        config.plugins.on_shutdown()
    return times


_REBUILD_CHILD = (
    "import json, sys; from bench.benchmark import rebuild_times; "
    "print(json.dumps(rebuild_times(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])))"
)


def measure_rebuild(folder: Path, page: Path, runs: int, site_dir: Path) -> tuple[float, float]:
    """Median rebuild time after changing one page, and the median time of that in the guide's own
    code, measured in a fresh child process."""
    command = [sys.executable, "-c", _REBUILD_CHILD, str(folder / "mkdocs.yml"), str(page), str(runs), str(site_dir)]
    result = subprocess.run(command, cwd=folder, env=child_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchmarkError(f"rebuild in {folder} failed:\n{result.stderr[-3000:]}")
    times = json.loads(result.stdout.strip().splitlines()[-1])
    return statistics.median(total for total, _ in times), statistics.median(own for _, own in times)


def count_pages(folder: Path) -> int:
    return sum(1 for path in (folder / "docs").rglob("*.md"))


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_variants(
    name: str,
    label: str,
    featured: Path,
    plain: Path,
    page: str,
    runs: int,
    work: Path,
    rebuild: bool,
    chapters: int | None = None,
) -> Row:
    """Measure one guide written twice: ``featured`` with the guide's extension and hooks, ``plain``
    with the same content without them. ``page`` (relative to docs/) is the one a rebuild changes;
    ``name`` prefixes the scratch folders, ``label`` names the row, and ``chapters`` is N of a
    synthetic guide (None for the real one)."""
    build_a = mkdocs_build_command(None, work / f"{name}-a-site")
    build_b = mkdocs_build_command(None, work / f"{name}-b-site")
    progress(f"{label}: {runs} build(s) with and without the guide's extension and hooks …")
    sample_a, sample_b = measure_pair(
        lambda: run_measured(build_a, featured), lambda: run_measured(build_b, plain), runs
    )
    progress(f"{label}: checks …")
    check = median_sample([run_measured(check_command(), featured) for _ in range(runs)])
    rebuild_a = rebuild_b = rebuild_own = None
    if rebuild:
        progress(f"{label}: rebuilds after a change …")
        rebuild_a, rebuild_own = measure_rebuild(featured, featured / "docs" / page, runs, work / "serve-a")
        rebuild_b, _ = measure_rebuild(plain, plain / "docs" / page, runs, work / "serve-b")
    return Row(
        label=label,
        pages=count_pages(featured),
        build_a=sample_a.seconds,
        build_b=sample_b.seconds,
        peak_a_kib=sample_a.peak_kib,
        peak_b_kib=sample_b.peak_kib,
        check=check.seconds,
        rebuild_a=rebuild_a,
        rebuild_b=rebuild_b,
        rebuild_own=rebuild_own,
        chapters=chapters,
    )


def measure_synthetic(chapters: int, runs: int, work: Path, seed: int = 1, rebuild: bool = True) -> Row:
    """Write the two variants of an N-chapter guide and measure them."""
    name = f"n{chapters}"
    with_features, without = work / f"{name}-a", work / f"{name}-b"
    today = current_day()
    write_synthetic_guide(with_features, chapters, seed, features=True, today=today)
    write_synthetic_guide(without, chapters, seed, features=False, today=today)
    page = "chapter-0002.md" if chapters > 1 else "index.md"
    return measure_variants(name, f"N={chapters}", with_features, without, page, runs, work, rebuild, chapters)


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


def measure_real(repository: Path, runs: int, work: Path, rebuild: bool = True) -> Row:
    """(a) and (b) in two copies of the real guide, each a git repository of one commit so that
    git-based plugins do the same work; (b) is the same content without the extension and hooks."""
    featured, plain = work / "real-a", work / "real-b"
    copy_real_guide(repository, featured, features=True)
    copy_real_guide(repository, plain, features=False)
    # One unmeasured build of each first: a broken configuration fails here, not halfway.
    run_measured(mkdocs_build_command(None, work / "real-a-site"), featured)
    run_measured(mkdocs_build_command(None, work / "real-b-site"), plain)
    page = "basics.md" if (featured / "docs" / "basics.md").is_file() else "index.md"
    return measure_variants("real", "real", featured, plain, page, runs, work, rebuild)


# Judging and reporting


def percent(ratio_minus_one: float) -> str:
    return f"{ratio_minus_one * 100:+.1f} %"


def evaluate(rows: Sequence[Row]) -> list[Target]:
    """Every target, judged on the medians."""
    targets = [
        Target(
            f"build overhead (a)/(b), {row.label}",
            percent(row.overhead),
            f"<= +{MAX_OVERHEAD * 100:.0f} %",
            row.overhead <= MAX_OVERHEAD,
        )
        for row in rows
    ]
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


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def format_report(rows: Sequence[Row], targets: Sequence[Target], machine: str = "", runs: int | None = None) -> str:
    header = (
        "guide",
        "pages",
        "build (a) s",
        "build (b) s",
        "overhead",
        "rebuild (a) s",
        "rebuild (b) s",
        "rebuild ovh",
        "own code",
        "check s",
        "peak (a) MiB",
        "peak (b) MiB",
        "memory",
    )
    table = [header]
    for row in rows:
        rebuild_overhead = row.rebuild_overhead
        table.append(
            (
                row.label,
                str(row.pages),
                _seconds(row.build_a),
                _seconds(row.build_b),
                percent(row.overhead),
                _seconds(row.rebuild_a),
                _seconds(row.rebuild_b),
                "-" if rebuild_overhead is None else percent(rebuild_overhead),
                "-" if row.own_share is None else f"{row.own_share * 100:.1f} %",
                f"{row.check:.3f}",
                _mib(row.peak_a_kib),
                _mib(row.peak_b_kib),
                f"{row.memory_ratio:.2f} x",
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = []
    if machine:
        lines.append(machine)
    if runs is not None:
        lines.append(f"medians of {runs} run(s); (a) with guidekit.extension and hooks, (b) without; pages include")
        lines.append("the Glossary and References; rebuild = mkdocs serve-style rebuild after one page changed;")
        lines.append("own code = share of rebuild (a) spent inside the checks and the extension's processors")
    lines.append("")
    for index, line in enumerate(table):
        lines.append(
            "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append("")
    name_width = max(len(t.name) for t in targets) if targets else 0
    value_width = max(len(t.value) for t in targets) if targets else 0
    limit_width = max(len(t.limit) for t in targets) if targets else 0
    for target in targets:
        verdict = {True: "PASS", False: "FAIL", None: "n/a"}[target.passed]
        lines.append(
            f"{target.name.ljust(name_width)}  {target.value.rjust(value_width)}  "
            f"{target.limit.ljust(limit_width)}  {verdict}"
        )
    return "\n".join(lines)


def machine_summary() -> str:
    import mkdocs

    return (
        f"machine: {os.cpu_count()} CPU(s), {platform.machine()}, Python {platform.python_version()}, "
        f"MkDocs {mkdocs.__version__}"
    )


def parse_pages(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give chapter counts such as 10,100,1000") from None
    if not values or any(value < 1 for value in values):
        raise argparse.ArgumentTypeError(f"{text!r}: give chapter counts such as 10,100,1000")
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.benchmark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=parse_pages, default=[10, 100, 1000], help="chapters (default: 10,100,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; medians (default: 3)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/guide-bench"), help="scratch folder")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic guides (default: 1)")
    parser.add_argument("--repo", type=Path, default=REPOSITORY, help="the real guide (default: this repository)")
    parser.add_argument("--no-real", dest="real", action="store_false", help="skip the real guide")
    parser.add_argument("--no-rebuild", dest="rebuild", action="store_false", help="skip the serve-style rebuilds")
    return parser


def run_benchmark(
    pages: Sequence[int] | str = (10, 100, 1000),
    runs: int = 3,
    work: Path = Path("/tmp/guide-bench"),
    *,
    seed: int = 1,
    repo: Path = REPOSITORY,
    real: bool = True,
    rebuild: bool = True,
) -> int:
    """Measure, print the table and the targets; 0 if every measured target passed, 1 if not, 2 on error."""
    try:
        sizes = parse_pages(pages) if isinstance(pages, str) else list(pages)
    except argparse.ArgumentTypeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if runs < 1:
        print("error: --runs must be at least 1", file=sys.stderr)
        return 2
    work = Path(work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for chapters in sizes:
            rows.append(measure_synthetic(chapters, runs, work, seed, rebuild))
        if real:
            rows.append(measure_real(Path(repo).resolve(), runs, work, rebuild))
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    targets = evaluate(rows)
    print(format_report(rows, targets, machine_summary(), runs))
    return exit_code(targets)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_benchmark(
        args.pages, args.runs, args.work, seed=args.seed, repo=args.repo, real=args.real, rebuild=args.rebuild
    )


if __name__ == "__main__":
    sys.exit(main())
