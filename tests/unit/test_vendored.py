"""The lightbox vendored for Zensical (overrides/vendor/glightbox) is the one the pinned mkdocs-glightbox
ships, byte for byte, with its licence beside it: upgrading mkdocs-glightbox fails this test until
the copy is refreshed, so both engines keep showing the same lightbox."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from conftest import REPO

VENDORED = REPO / "overrides" / "vendor" / "glightbox"
# The vendored name of each file the package ships. The script is .mjs, not .js: the privacy
# plugin of either engine downloads every address a docs/ .js file names, and GLightbox names
# Plyr's CDN copy (for video slides, which the guide has none of). The licence loses its .md so
# that neither engine makes a page of it.
FILES = {"glightbox.min.js": "glightbox.min.mjs", "glightbox.min.css": "glightbox.min.css", "LICENSE.md": "LICENSE"}


def packaged(name: str) -> bytes:
    """A file of the installed mkdocs-glightbox's own copy of GLightbox."""
    return files("mkdocs_glightbox").joinpath("glightbox", name).read_bytes()


@pytest.mark.parametrize(("shipped", "vendored"), FILES.items())
def test_the_vendored_file_is_the_one_mkdocs_glightbox_ships(shipped: str, vendored: str) -> None:
    assert (VENDORED / vendored).read_bytes() == packaged(shipped), (
        f"overrides/vendor/glightbox/{vendored} differs from mkdocs-glightbox's {shipped}: copy it again from the "
        "installed package"
    )


def test_the_licence_travels_with_the_code() -> None:
    assert sorted(path.name for path in VENDORED.iterdir()) == sorted(FILES.values())
    licence = (VENDORED / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "The above copyright notice" in licence


# Needs npm's node_modules, which `make test` installs and `make test-fast` does not: marked slow.
@pytest.mark.slow
def test_the_offline_search_shim_is_the_npm_packages_own() -> None:
    """overrides/javascripts/iframe-worker-shim.js: a four-line header, then iframe-worker's shim unchanged."""
    shipped = (REPO / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8")
    vendored = (REPO / "overrides" / "javascripts" / "iframe-worker-shim.js").read_text(encoding="utf-8")
    header, _, code = vendored.partition("*/\n")
    assert header.startswith("/* iframe-worker 1.0.4 shim") and "MIT licence" in header
    assert code == shipped, "copy node_modules/iframe-worker/shim/index.js again, below the header"


def test_the_spanish_search_support_is_materials_with_accent_folding_added() -> None:
    """overrides/assets/javascripts/lunr/min/lunr.es.min.js replaces Material's copy: it must be that
    copy unchanged, followed by the guide's accent folding, so a Material upgrade is noticed here."""
    import material  # the theme package, for its own copy

    relative = Path("assets/javascripts/lunr/min/lunr.es.min.js")
    shipped = (Path(material.__file__).parent / "templates" / relative).read_text(encoding="utf-8")
    ours = (REPO / "overrides" / relative).read_text(encoding="utf-8")
    assert ours.startswith(shipped), f"Material's {relative} changed: copy it again, then add the folding below it"
    added = ours[len(shipped) :]
    assert 'normalize("NFD")' in added and "lunr.QueryLexer = FoldingLexer" in added
