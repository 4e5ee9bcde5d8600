"""Running a command and measuring it: wall time and the child's own peak memory, medians of runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parents[1]  # the folder holding the bench package


class BenchmarkError(RuntimeError):
    """A measured command failed: its numbers would mean nothing."""


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    seconds: float
    peak_kib: int


def child_environment() -> dict[str, str]:
    """This environment, quiet, with the bench package importable (the serve wrapper needs it)."""
    path = os.environ.get("PYTHONPATH", "")
    parts = [part for part in path.split(os.pathsep) if part]
    if str(TOOLS_DIR) not in parts:
        parts.insert(0, str(TOOLS_DIR))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(parts)}


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run a command; its wall time and its own peak RSS (KiB, from os.wait4). BenchmarkError if it fails.

    The peak is the largest of the command and the children it waited for (a build command that
    runs the builder in a child reports the builder's peak if that is larger).
    """
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


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
