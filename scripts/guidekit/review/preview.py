"""Where a page lands in the built site, so a reviewer can open it in the downloaded preview."""

from __future__ import annotations

import posixpath

# The artifact CI keeps on a pull request's run: the built site and the offline zip (.github/workflows/ci.yml).
ARTIFACT = "site-preview"
SITE_FOLDER = "site"


def built_path(docs_path: str, use_directory_urls: bool = True) -> str:
    """The HTML file MkDocs writes for a page (``docs_path`` relative to docs_dir), as MkDocs names it.

    With directory URLs (MkDocs' default) ``symptoms.md`` becomes ``symptoms/index.html``; an
    ``index.md`` or ``README.md`` is its folder's ``index.html`` either way.
    """
    folder, name = posixpath.split(docs_path)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return posixpath.join(folder, "index.html")
    if use_directory_urls:
        return posixpath.join(folder, stem, "index.html")
    return posixpath.join(folder, f"{stem}.html")


def artifact_path(docs_path: str, use_directory_urls: bool = True) -> str:
    """A page's path inside the ``site-preview`` artifact, which keeps the ``site/`` folder."""
    return posixpath.join(SITE_FOLDER, built_path(docs_path, use_directory_urls))
