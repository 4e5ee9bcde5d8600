"""MkDocs and Zensical publish the same guide: every page's article, compared after each engine's
own markup is normalised away (guidekit.release.parity), is the same in both builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, run
from guidekit.release.parity import compare_sites, site_pages

pytestmark = [pytest.mark.slow, pytest.mark.zensical]

ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real guide built once by each engine, as `make build ENGINE=...` builds it, on the guide's own day."""
    sites = {}
    for engine in ENGINES:
        site = tmp_path_factory.mktemp(engine) / "site"
        command = [sys.executable, "-m", "guidekit", "build", "--engine", engine, "--site-dir", str(site)]
        result = run(command, REPO, GUIDE_TODAY)
        assert result.returncode == 0, f"{engine}:\n{result.output}"
        sites[engine] = site
    return sites


def pages_from_docs() -> set[str]:
    """The pages docs/*.md become (directory URLs: basics.md is basics/index.html), and the 404 page."""
    names = (source.stem for source in (REPO / "docs").glob("*.md"))
    return {"404.html", *("index.html" if name == "index" else f"{name}/index.html" for name in names)}


def test_both_engines_build_every_page(builds: dict[str, Path]) -> None:
    """The comparison below covers every page: none is missing from, or added to, what docs/ holds."""
    for engine, site in builds.items():
        assert site_pages(site) == pages_from_docs(), engine


def test_mkdocs_and_zensical_publish_the_same_guide(builds: dict[str, Path]) -> None:
    differences = compare_sites(builds["mkdocs"], builds["zensical"])
    report = "\n".join(str(difference) for difference in differences)
    assert differences == [], f"{len(differences)} differences (MkDocs | Zensical):\n{report}"
