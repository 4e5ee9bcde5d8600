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

from guidekit.data.project import load_project

# The builders that can build the guide: MkDocs with Material (the primary), and Zensical, Material's
# successor after its end of life on 2027-05-05, which reads the same mkdocs.yml.
ENGINES = ("mkdocs", "zensical")


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
    """The environment for a reproducible, quiet build (either engine)."""
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


def zensical_build_command(config_file: Path) -> list[str]:
    """The one ``zensical build`` command line: this Python's Zensical, from a clean cache.

    Clean, so every page is rendered (and so checked) by the code installed now. No --strict:
    Zensical's strict mode does not stop on an extension's warnings, so the extension raises instead.
    """
    return [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(config_file)]


def generated_zensical_config(config_file: Path, site_dir: Path) -> str:
    """A configuration that inherits ``config_file`` and only moves the built site to ``site_dir``.

    Zensical has no --site-dir; its site_dir must sit inside the folder of the configuration.
    """
    relative = os.path.relpath(site_dir, config_file.parent)
    return (
        "# Written by `python -m guidekit build` for one Zensical build, then removed.\n"
        f"INHERIT: {config_file.name}\n"
        f"site_dir: {relative}\n"
    )


def run_engine(engine: str, config_file: Path, site_dir: Path, environment: dict[str, str]) -> int:
    """Build the site of ``config_file`` into the new folder ``site_dir`` with ``engine``; its exit status.

    Zensical builds inside the project (beside a generated configuration), and the result is moved
    to ``site_dir`` only when the build succeeded.
    """
    root = config_file.parent
    if engine == "mkdocs":
        return subprocess.run(
            mkdocs_build_command(config_file, site_dir), cwd=root, env=environment, check=False
        ).returncode
    if engine != "zensical":
        raise ValueError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    scratch = Path(tempfile.mkdtemp(prefix=".zensical-", dir=root))
    generated = scratch.with_suffix(".yml")
    try:
        built = scratch / "site"
        generated.write_text(generated_zensical_config(config_file, built), encoding="utf-8")
        result = subprocess.run(zensical_build_command(generated), cwd=root, env=environment, check=False)
        if result.returncode == 0:
            shutil.move(built, site_dir)
        return result.returncode
    finally:
        generated.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)


def swap_in(built: Path, site_dir: Path) -> None:
    """Replace site_dir by built with two renames, so the old site is never half removed."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def editions(config_file: Path) -> list[tuple[Path, str]]:
    """The configurations to build for one site and the folder of each inside it: the guide's own
    ("" at the top), then each translation it names in its folder named after its language ("es")."""
    project = load_project(config_file)
    built = [(config_file, "")]
    for translation in project.translations:
        built.append((translation, load_project(translation).language))
    return built


def run_editions(engine: str, config_file: Path, site_dir: Path, environment: dict[str, str]) -> int:
    """Build the guide into ``site_dir`` and each translation into its language's folder inside it."""
    for edition, folder in editions(config_file):
        returncode = run_engine(engine, edition, site_dir / folder if folder else site_dir, environment)
        if returncode != 0:
            return returncode
    return 0


def build_site(root: Path, site_dir: Path, config_file: Path | None = None, engine: str = "mkdocs") -> int:
    """Build strictly into a temporary folder beside site_dir; publish it only if the build passed.

    The translations are built into the same folder (es/), so the site is published whole or not at all.
    """
    config = config_file or root / "mkdocs.yml"
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    holder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    temporary = holder / "site"
    try:
        returncode = run_editions(engine, config, temporary, build_environment(root))
        if returncode != 0:
            print(f"build failed: {site_dir.name}/ was left as it was", file=sys.stderr)
            return returncode
        temporary.chmod(0o755)  # a published site must be readable by the web server
        swap_in(temporary, site_dir)
        print(f"built and published {site_dir}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(holder, ignore_errors=True)
