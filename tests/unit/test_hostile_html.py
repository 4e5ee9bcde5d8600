"""Hostile HTML, from the classes of OWASP's XSS filter-evasion cheat sheet and this site's own
Markdown extensions: none of it may reach a published page.

Each input is added to a page of the clean fixture site. `make check`'s rules must refuse it with
a located message, and the page as the extension renders it (what a builder would publish) must
hold no event handler, no script-capable URL and no element outside the allow-list.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import SITES
from guidekit.check import check_project
from guidekit.data.build_state import BuildState
from guidekit.data.project import load_project
from guidekit.render.allow_list import PublishedRefusal
from guidekit.render.render_pages import guide_markdown

HOSTILE = {
    # Raw HTML: elements that run code, embed, restyle, redirect or collect input.
    "script": "<script>alert(1)</script>",
    "script-mixed-case-remote": "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "nested-script-names": "<scr<script>ipt>alert(1)</script>",
    "iframe": '<iframe src="https://example.org"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "svg-onload-slash": "<svg/onload=alert(1)>",
    "math-xlink": '<math><mtext><a xlink:href="javascript:alert(1)">x</a></mtext></math>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "link-stylesheet": '<link rel=stylesheet href="https://evil.example/x.css">',
    "style-element": "<style>body{display:none}</style>",
    "form": '<form action="https://evil.example"><input name=p></form>',
    "unknown-element": "<marquee>Moving</marquee>",
    # Event handlers, however the attribute is separated or cased.
    "img-onerror": "<img src=x onerror=alert(1)>",
    "img-onerror-upper": '<img src=x ONERROR="alert(1)">',
    "slash-separated-handler": "<a/onclick=alert(1)>x</a>",
    "body-onload": "<body onload=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    # URLs: scheme case, entities, control characters and whitespace inside the scheme.
    "javascript-href": '<a href="javascript:alert(1)">x</a>',
    "javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "tab-entity-in-scheme": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "decimal-entities": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "named-entity-colon": '<a href="javascript&colon;alert(1)">x</a>',
    "leading-control-character": '<a href=" &#14; javascript:alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data-image": '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="x">',
    "data-link": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "srcset": '<img src="a.png" srcset="javascript:alert(1)" alt="x">',
    "style-attribute": '<div style="position:fixed;top:0;left:0;width:100%">Overlay</div>',
    # Ordinary Markdown that this site enables.
    "markdown-link": "[x](javascript:alert(1))",
    "markdown-link-entity": "[x](&#106;avascript:alert(1))",
    "reference-link": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "reference-image-data": "![x][pic]\n\n[pic]: data:image/svg+xml;base64,PHN2Zz4=",
    "attr-list-handler-on-link": '[x](https://example.org){ onclick="alert(1)" }',
    "attr-list-overrides-href": '[x](https://example.org){ href="javascript:alert(1)" }',
    "attr-list-on-paragraph": 'A paragraph.\n{: onmouseover="alert(1)" }',
    "attr-list-on-heading": "## A heading { onclick=alert(1) }",
    "attr-list-style": 'A paragraph.\n{: style="display:none" }',
    "md-in-html-link": "<div markdown>\n\n[x](javascript:alert(1))\n\n</div>",
    "table-cell": "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    # Extensions that pass their titles through as raw HTML.
    "admonition-title": '!!! note "<img src=x onerror=alert(1)>"\n\n    Text.',
    "details-title": '??? note "<script>alert(1)</script>"\n\n    Text.',
}
# Inputs that Markdown or an extension turns into plain text: nothing to refuse, nothing runs.
INERT = {
    "unclosed-tag": "<img src=x onerror=alert(1)//",
    "comment-break-out": '<!--<img src="--><img src=x onerror=alert(1)//">',
    "abbreviation-definition": '*[XSS]: "><img src=x onerror=alert(1)>\n\nXSS is a word here.',
    "citation-with-quotes": '[@nci-metastatic" onclick="alert(1)]',
    "code-span": "`<script>alert(1)</script>`",
}

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
UNSAFE_ELEMENTS = {"script", "style", "iframe", "object", "embed", "form", "meta", "base", "link", "svg", "math"}


def fixture_site(tmp_path: Path, markdown: str) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "clean", site)
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")
    return site


def unsafe_things(html: str) -> list[str]:
    """What a browser would run or load from a page: handlers, script-capable URLs, bad elements."""
    found = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag in UNSAFE_ELEMENTS:
            found.append(f"<{tag}>")
        for name, value in node.attributes.items():
            cleaned = "".join(c for c in (value or "") if ord(c) > 32).lower()
            if name.lower().startswith("on") or cleaned.startswith(UNSAFE_SCHEMES):
                found.append(f"{tag} {name}={value}")
    return found


def rendered_index(site: Path) -> tuple[str, list[PublishedRefusal]]:
    """The index page as the extension renders it, and what the extension refused on it."""
    refused: list[PublishedRefusal] = []
    md = guide_markdown(load_project(site / "mkdocs.yml"), refused.extend, BuildState())
    body = (site / "docs" / "index.md").read_text(encoding="utf-8").split("---\n", 2)[2].lstrip("\n")
    return md.convert(body), refused


def test_there_are_at_least_thirty_hostile_inputs() -> None:
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_where_it_was_written(name: str, tmp_path: Path) -> None:
    site = fixture_site(tmp_path, HOSTILE[name])
    first_added_line = len((SITES / "clean" / "docs" / "index.md").read_text(encoding="utf-8").splitlines()) + 2
    problems = check_project(load_project(site / "mkdocs.yml"), today=dt.date(2026, 11, 22))
    assert problems, f"{name} passed the checks"
    for problem in problems:
        assert problem.path == "docs/index.md", problem
        assert problem.line >= first_added_line, problem
        assert "could not be found" not in problem.message, problem
    html, refused = rendered_index(site)
    assert refused, f"{name}: the extension let it through"
    assert unsafe_things(html) == [], html


@pytest.mark.parametrize("name", sorted(INERT))
def test_inert_input_is_published_as_text(name: str, tmp_path: Path) -> None:
    site = fixture_site(tmp_path, INERT[name])
    html, refused = rendered_index(site)
    assert refused == []
    assert unsafe_things(html) == [], html
