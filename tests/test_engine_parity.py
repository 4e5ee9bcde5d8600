"""MkDocs and Zensical publish the same guide: every page's article, compared after each engine's
own markup is normalised away (guidekit.release.parity), is the same in both builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, run
from guidekit.data.project import read_config
from guidekit.release.parity import compare_sites, site_pages
from guidekit.release.publish import editions

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
    """The pages each edition's Markdown becomes (directory URLs: basics.md is basics/index.html), and
    its 404 page, in the edition's folder: docs/ at the top, docs-es/ in es/."""
    pages: set[str] = set()
    for config_file, folder in editions(REPO / "mkdocs.yml"):
        docs = config_file.parent / read_config(config_file).get("docs_dir", "docs")
        names = (source.stem for source in docs.glob("*.md"))
        prefix = f"{folder}/" if folder else ""
        pages |= {
            prefix + "404.html",
            *(prefix + ("" if name == "index" else f"{name}/") + "index.html" for name in names),
        }
    return pages


def test_both_engines_build_every_page(builds: dict[str, Path]) -> None:
    """The comparison below covers every page of each edition: none is missing from, or added to,
    what docs/ and docs-es/ hold."""
    assert {"es/index.html", "es/404.html", "es/symptoms/index.html"} <= pages_from_docs()
    for engine, site in builds.items():
        assert site_pages(site) == pages_from_docs(), engine


def test_mkdocs_and_zensical_publish_the_same_guide(builds: dict[str, Path]) -> None:
    differences = compare_sites(builds["mkdocs"], builds["zensical"])
    report = "\n".join(str(difference) for difference in differences)
    assert differences == [], f"{len(differences)} differences (MkDocs | Zensical):\n{report}"
