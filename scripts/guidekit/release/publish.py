"""Publishing the site safely: build into a temporary folder, swap it in only when it succeeded.

A reader must never be served a half-built site, and a failed build must leave the last good
site in place. Builds are reproducible: dates written into the site come from the last commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def source_date_epoch(root: Path) -> str:
    """The time dates in the site are taken from: $SOURCE_DATE_EPOCH, else the last commit's time.

    Outside a git checkout (an unpacked zip), the newest file in docs/ stands in for the commit.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True, timeout=30
        )
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max((path.stat().st_mtime for path in (root / "docs").rglob("*") if path.is_file()), default=0)
    return str(int(newest))


def build_environment(root: Path) -> dict[str, str]:
    """The environment for a reproducible, quiet MkDocs build."""
    return {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root), "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build_command(config_file: Path | None, site_dir: Path) -> list[str]:
    """The one ``mkdocs build`` command line: this Python's MkDocs, strict, into ``site_dir``.

    ``config_file`` None leaves MkDocs to find mkdocs.yml in the working folder. Never with -q: it
    drops warnings before --strict counts them, so a build full of problems would pass.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if config_file is not None:
        command += ["--config-file", str(config_file)]
    return [*command, "--site-dir", str(site_dir)]


def swap_in(built: Path, site_dir: Path) -> None:
    """Replace site_dir by built with two renames, so the old site is never half removed."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path, config_file: Path | None = None) -> int:
    """Build strictly into a temporary folder beside site_dir; publish it only if the build passed."""
    config = config_file or root / "mkdocs.yml"
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    temporary.chmod(0o755)  # mkdtemp makes it private; a published site must be readable by the web server
    command = mkdocs_build_command(config, temporary)
    try:
        result = subprocess.run(command, cwd=root, env=build_environment(root), check=False)
        if result.returncode != 0:
            print(f"build failed: {site_dir.name}/ was left as it was", file=sys.stderr)
            return result.returncode
        swap_in(temporary, site_dir)
        print(f"built and published {site_dir}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
