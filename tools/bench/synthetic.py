"""A synthetic guide of any size, for benchmarks: valid, deterministic and as dense as the real one.

``write_synthetic_guide(target, pages)`` writes a folder that passes ``python -m guidekit check``
and ``mkdocs build --strict``: ``pages`` chapters (``index.md`` is the first), a glossary of about
pages/2 terms and a bibliography of about pages/2 sources (at least 10 each), about 20 glossary
links and 10 citations a chapter, a figure every 5 chapters, and the Glossary and References pages
(so the site has pages + 2 pages). Its ``mkdocs.yml`` follows the project's own: the Material
theme (Zensical's classic variant), the same Markdown extensions with the guide's extension
settings, the data folder watched, and the project's real hooks (by absolute path), so both
MkDocs and Zensical build it.

With ``features=False`` the content is the same but the guide's own machinery is gone: no
``guidekit.extension``, no hooks, citations written as plain "(key)" text, glossary links to the
glossary page without an anchor, and the Glossary and References pages as static lists. Comparing
the two builds measures what the guide's extension and hooks cost.

Everything comes from a seeded pseudo-random generator over fixed word lists: the same
(pages, seed, features, today) gives the same bytes. No network.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

import guidekit
from guidekit.core.dates import today as current_day

# The project's real hooks: hooks/ next to scripts/ in the repository this package is installed from.
HOOKS_DIR = Path(guidekit.__file__).resolve().parents[2] / "hooks"
HOOKS = ("guide_checks.py", "glightbox_pages.py")

LINKS_PER_PAGE = 20
CITATIONS_PER_PAGE = 10
FIGURE_EVERY = 5
REVIEW_DAYS = 300
WRAP = 100  # line width of the Markdown, as contributors write it

# Glossary terms are "<place> <thing>": 24 x 24 = 576 distinct names before a number is needed.
PLACES = (
    "bone", "liver", "lung", "brain", "lymph", "blood", "skin", "breast", "bowel", "kidney", "spine", "chest",
    "belly", "throat", "stomach", "bladder", "muscle", "nerve", "marrow", "heart", "pelvis", "hip", "neck", "gland",
)  # fmt: skip
THINGS = (
    "scan", "test", "biopsy", "therapy", "marker", "nurse", "clinic", "tumor", "dose", "drain", "trial",
    "report", "plan", "team", "team lead", "stent", "pump", "ward", "x-ray", "swelling", "tissue", "sample",
    "support", "check",
)  # fmt: skip
SUBJECTS = (
    "Your care team", "Many people", "A nurse", "Your doctor", "This kind of care", "A family member",
    "The hospital", "Some people", "A specialist", "Your family doctor", "A friend", "The team",
)  # fmt: skip
VERBS = (  # all with a modal verb, so they agree with every subject
    "can explain", "may talk about", "can help with", "will ask about", "can plan", "may suggest",
    "will check", "can help you with", "might want to know about", "will write down", "can arrange",
)  # fmt: skip
OBJECTS = (
    "what happens next", "how you feel each day", "the choices you have", "the side effects", "the next visit",
    "pain and tiredness", "what matters most to you", "the results", "help at home", "the questions you have",
    "how long it takes", "who to call at night", "money and work", "sleep and appetite",
)  # fmt: skip
ENDINGS = (
    "", "", " over time", " at home", " in the first weeks", " when you are ready", " before each visit",
    " if things change", " with the people close to you", " in plain words",
)  # fmt: skip
OPENERS = (
    "It is fine to ask again.", "Take your time.", "Write your questions down before you go.",
    "Bring someone with you if you can.", "Nobody expects you to remember everything.",
    "You can come back to this later.", "Every person is different.", "Ask what a word means.",
)  # fmt: skip
SECTIONS = (
    "What it means", "What to expect", "How it is done", "Living with it", "Getting ready",
    "After the visit", "At home", "Talking with your team", "When to get help", "Looking after yourself",
)  # fmt: skip
PUBLISHERS = (
    ("nci", "National Cancer Institute", "www.cancer.gov"),
    ("acs", "American Cancer Society", "www.cancer.org"),
    ("nhs", "NHS", "www.nhs.uk"),
    ("macmillan", "Macmillan Cancer Support", "www.macmillan.org.uk"),
    ("cruk", "Cancer Research UK", "www.cancerresearchuk.org"),
)
FAMILIES = ("Temel", "Smith", "Garcia", "Nguyen", "Okafor", "Larsen", "Kim", "Rossi", "Haddad", "Novak")
JOURNALS = ("Journal of Clinical Oncology", "The Lancet Oncology", "Supportive Care in Cancer", "JAMA Oncology")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120" role="img">'
    '<title>A scanner</title><rect x="20" y="20" width="200" height="80" rx="16" fill="none" '
    'stroke="currentColor" stroke-width="6"/><circle cx="120" cy="60" r="22" fill="none" '
    'stroke="currentColor" stroke-width="6"/></svg>\n'
)
FIGURE = (
    "![A simple drawing of a scanner: a rounded box with a round opening in the middle, where the "
    'table slides through](images/scanner.svg){ width="240" height="120" loading=lazy }'
)
QUESTIONS = "Questions to ask"  # the heading every chapter has; other chapters link to its anchor

_CITATION = re.compile(r"\[@([^\[\]\n]+)\]")
_GLOSSARY_ANCHOR = re.compile(r"\(glossary\.md#[a-z0-9-]+\)")


@dataclass(frozen=True)
class Term:
    name: str
    slug: str
    alias: str | None
    abbreviation: str | None
    definition: str
    see_also: str | None


@dataclass(frozen=True)
class Source:
    key: str
    lines: tuple[str, ...]  # its CSL-YAML fields, one "field: value" a line
    plain: str  # as a static references list shows it


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML for ASCII text)."""
    return json.dumps(text)


def _count(pages: int) -> int:
    return max(10, pages // 2)


def make_terms(count: int, rng: random.Random) -> list[Term]:
    names = []
    for index in range(count):
        place, thing = PLACES[index % len(PLACES)], THINGS[(index // len(PLACES)) % len(THINGS)]
        lap = index // (len(PLACES) * len(THINGS))
        names.append(f"{place.capitalize()} {thing}" + (f" {lap + 1}" if lap else ""))
    terms = []
    for index, name in enumerate(names):
        lower = name.lower()
        definition = (
            f"A {lower} is part of the care of some people whose cancer has spread. "
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
        )
        # An alias that no term can have: terms never contain "for the".
        alias = f"{lower.split(' ', 1)[1]} for the {lower.split(' ', 1)[0]}" if index % 2 == 0 else None
        abbreviation = None
        if index % 12 == 5:
            # "Q" and letters: no word of the text, and never another term's name.
            abbreviation = "Q" + ALPHABET[(index // 26) % 26] + ALPHABET[index % 26] + ("Q" * (index // 676))
        see_also = names[(index + 1) % count] if index % 4 else None
        terms.append(Term(name, _slug(name), alias, abbreviation, definition, see_also))
    return terms


def make_sources(count: int, rng: random.Random, today: dt.date) -> list[Source]:
    sources = []
    for index in range(count):
        place, thing = PLACES[index % len(PLACES)], THINGS[(index // 3) % len(THINGS)]
        topic = f"{place} {thing}"
        year = 2010 + index % 15
        issued = f"{year}-{1 + index % 12:02d}-{1 + index % 28:02d}"
        if index % 3 == 2:  # a journal article, found by its DOI
            family = FAMILIES[index % len(FAMILIES)]
            key = f"{family.lower()}-{_slug(topic)}-{index + 1}"
            title = f"Outcomes of {topic} care in people with metastatic cancer: a study of {rng.randint(80, 900)}"
            journal = JOURNALS[index % len(JOURNALS)]
            doi = f"10.{1000 + index % 9000}/bench.{year}.{index + 1:05d}"
            lines = (
                f"id: {key}",
                "type: article-journal",
                f"title: {_quoted(title)}",
                "author:",
                f"  - family: {family}",
                f"    given: {ALPHABET[index % 26]}. {ALPHABET[(index * 7) % 26]}.",
                f"container-title: {_quoted(journal)}",
                f"issued: {issued}",
                f"DOI: {doi}",
            )
            plain = f"{family} {ALPHABET[index % 26]}. {title}. {journal}. {issued}. <https://doi.org/{doi}>"
        else:  # a web page, which needs the day it was read
            short, publisher, host = PUBLISHERS[index % len(PUBLISHERS)]
            key = f"{short}-{_slug(topic)}-{index + 1}"
            title = f"{topic.capitalize()}: what to expect when cancer has spread"
            url = f"https://{host}/guide/{_slug(topic)}-{index + 1}"
            lines = (
                f"id: {key}",
                "type: webpage",
                f"title: {_quoted(title)}",
                f"publisher: {_quoted(publisher)}",
                f"issued: {issued}",
                f"URL: {url}",
                f"accessed: {today.isoformat()}",
            )
            plain = f"{publisher}. {title}. {issued}. <{url}>"
        sources.append(Source(key, lines, plain))
    return sources


def _wrap(units: list[str], width: int = WRAP) -> str:
    """Join words into lines under ``width``, never breaking a link or citation (one unit each)."""
    lines: list[str] = []
    current = ""
    for unit in units:
        if current and len(current) + 1 + len(unit) > width:
            lines.append(current)
            current = unit
        else:
            current = f"{current} {unit}" if current else unit
    if current:
        lines.append(current)
    return "\n".join(lines)


def _units(sentence: str) -> list[str]:
    """Words of a sentence, keeping each [link](target) and [@citation] whole."""
    return re.findall(r"\[[^\]]*\](?:\([^)]*\))?[.,]?|\S+", sentence)


def _sentence(rng: random.Random, link: str | None, citation: str | None) -> str:
    subject, verb = rng.choice(SUBJECTS), rng.choice(VERBS)
    thing = link if link else rng.choice(OBJECTS)
    sentence = f"{subject} {verb} {thing}{rng.choice(ENDINGS)}"
    if citation:
        sentence += f" {citation}"
    return sentence + "."


def make_page(number: int, pages: int, terms: list[Term], sources: list[Source], seed: int, today: dt.date) -> str:
    """Chapter ``number`` (1-based) in Markdown, with front matter; deterministic for its arguments."""
    rng = random.Random(seed * 1_000_003 + number)
    place, thing = PLACES[number % len(PLACES)], THINGS[(number // len(PLACES)) % len(THINGS)]
    title = "Welcome to the guide" if number == 1 else f"Chapter {number}: {place} {thing}s and your care"
    description = f"What to know about {place} {thing}s when cancer has spread, in plain words (chapter {number})."
    links = []
    for j in range(LINKS_PER_PAGE):
        term = terms[((number - 1) * LINKS_PER_PAGE + j) % len(terms)]
        text = term.alias if term.alias and j % 3 == 0 else term.name.lower()
        links.append(f"[{text}](glossary.md#{term.slug})")
    citations = []
    for j in range(CITATIONS_PER_PAGE):
        first = sources[((number - 1) * CITATIONS_PER_PAGE + j) % len(sources)]
        if j == CITATIONS_PER_PAGE - 1:  # one bracket with two sources, as the real chapters have
            second = sources[((number - 1) * CITATIONS_PER_PAGE + j + 1) % len(sources)]
            citations.append(f"[@{first.key}; @{second.key}]")
        else:
            citations.append(f"[@{first.key}]")

    sections = [*rng.sample(SECTIONS, 5), QUESTIONS]
    paragraphs_per_section, sentences_per_paragraph = 3, 5
    slots = len(sections) * paragraphs_per_section * sentences_per_paragraph
    link_slots = set(rng.sample(range(slots), len(links)))
    citation_slots = set(rng.sample(range(slots), len(citations)))
    link_iter, citation_iter = iter(links), iter(citations)

    out = [
        "---",
        f"title: {_quoted(title)}",
        f"description: {_quoted(description)}",
        "review_status: awaiting clinical review",
        f"last_reviewed: {today.isoformat()}",
        f"next_review: {(today + dt.timedelta(days=REVIEW_DAYS)).isoformat()}",
        "---",
        "",
        f"# {title}",
        "",
        '!!! abstract "Key points"',
        "",
    ]
    for _ in range(3):
        point = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(ENDINGS)}."
        out.append(f"    - {point}")
    out.append("")
    slot = 0
    for section_index, section in enumerate(sections):
        out += [f"## {section}", ""]
        for paragraph in range(paragraphs_per_section):
            sentences = [rng.choice(OPENERS)] if paragraph == 0 else []
            for _ in range(sentences_per_paragraph):
                link = next(link_iter) if slot in link_slots else None
                citation = next(citation_iter) if slot in citation_slots else None
                sentences.append(_sentence(rng, link, citation))
                slot += 1
            out += [_wrap([unit for s in sentences for unit in _units(s)]), ""]
        if section_index == 0 and number % FIGURE_EVERY == 0:
            out += [FIGURE, ""]
        if section_index == 1 and number % 3 == 0:
            out += ["| When | What to do |", "|---|---|", "| Before | Write your questions down. |"]
            out += ["| After | Ask for a copy of the notes. |", ""]
        if section_index == 2 and number % 4 == 0:
            out += ['??? note "If you are caring for someone"', ""]
            out += ["    " + line for line in _wrap(_units(_sentence(rng, None, None))).split("\n")]
            out.append("")
    next_page = "index.md" if number == pages else _page_file(number + 1)
    previous = _page_file(number - 1 if number > 1 else pages)
    out += [
        _wrap(
            _units(
                f"Go on to [the next chapter]({next_page}), back to [the chapter before]({previous}), "
                f"to [its questions]({previous}#questions-to-ask) or to [the questions above](#questions-to-ask). "
                "Every source is listed under [References](references.md)."
            )
        ),
        "",
    ]
    return "\n".join(out)


def _page_file(number: int) -> str:
    return "index.md" if number == 1 else f"chapter-{number:04d}.md"


def _front_matter(title: str, description: str, today: dt.date) -> list[str]:
    return [
        "---",
        f"title: {title}",
        f"description: {description}",
        "review_status: awaiting clinical review",
        f"last_reviewed: {today.isoformat()}",
        f"next_review: {(today + dt.timedelta(days=REVIEW_DAYS)).isoformat()}",
        "---",
        "",
    ]


def glossary_yaml(terms: list[Term]) -> str:
    out = ["# Synthetic glossary for benchmarks (bench.synthetic).", ""]
    for term in terms:
        out.append(f"- term: {_quoted(term.name)}")
        if term.alias:
            out.append(f"  aliases: [{_quoted(term.alias)}]")
        if term.abbreviation:
            out.append(f"  abbreviation: {term.abbreviation}")
        out.append(f"  definition: {_quoted(term.definition)}")
        if term.see_also:
            out.append(f"  see_also: [{_quoted(term.see_also)}]")
        out.append("")
    return "\n".join(out)


def bibliography_yaml(sources: list[Source]) -> str:
    out = ["# Synthetic bibliography for benchmarks (bench.synthetic), in CSL-YAML.", ""]
    for source in sources:
        out.append(f"- {source.lines[0]}")
        out += [f"  {line}" for line in source.lines[1:]]
        out.append("")
    return "\n".join(out)


def plain_markdown(text: str) -> str:
    """A page without the guide's syntax: "[@a; @b]" -> "(a; b)", glossary links without anchors."""
    text = _CITATION.sub(lambda m: "(" + m.group(1).replace("@", "") + ")", text)
    return _GLOSSARY_ANCHOR.sub("(glossary.md)", text)


def mkdocs_config(pages: int, features: bool) -> dict:
    """A configuration modelled on the project's mkdocs.yml (without privacy, offline, custom_dir)."""
    extensions: list = [
        "abbr",
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
        {"toc": {"permalink": True}},
        "pymdownx.details",
        "pymdownx.superfences",
    ]
    if features:
        extensions.append(
            {
                "guidekit.extension": {
                    "bibliography": "docs/data/bibliography.yml",
                    "glossary": "docs/data/glossary.yml",
                    "docs_dir": "docs",
                    "glossary_page": "glossary.md",
                    "references_page": "references.md",
                }
            }
        )
    config: dict = {
        "site_name": f"Synthetic guide ({pages} chapters)",
        "site_description": "A synthetic guide for benchmarks.",
        "site_url": "https://example.org/guide/",
        "strict": True,
        "validation": {
            "omitted_files": "warn",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "docs_dir": "docs",
        # As the project's: Zensical re-renders every page when a data file changes.
        "watch": ["docs/data"],
        "exclude_docs": "data/",
        "theme": {
            "name": "material",
            "variant": "classic",  # Zensical: Material's look, as the project sets it (MkDocs ignores it)
            "language": "en",
            "font": False,
            "features": ["content.tooltips", "navigation.footer", "navigation.top", "search.highlight"],
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default"},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
            ],
        },
        "extra": {"generator": False},
        "plugins": [
            "search",
            "glightbox",
            {
                "minify": {
                    "minify_html": True,
                    "htmlmin_opts": {"remove_comments": True, "remove_optional_attribute_quotes": False},
                }
            },
        ],
    }
    if features:
        config["hooks"] = [str(HOOKS_DIR / name) for name in HOOKS]
    config["markdown_extensions"] = extensions
    nav: list = [{"Home": "index.md"}]
    nav += [{f"Chapter {number}": _page_file(number)} for number in range(2, pages + 1)]
    nav += [{"Glossary": "glossary.md"}, {"References": "references.md"}]
    config["nav"] = nav
    return config


def guide_files(pages: int, seed: int = 1, *, features: bool = True, today: dt.date | None = None) -> dict[str, str]:
    """Every file of the synthetic guide: relative path -> text."""
    if pages < 1:
        raise ValueError("a guide needs at least one page")
    today = today or current_day()
    rng = random.Random(seed)
    terms = make_terms(_count(pages), rng)
    sources = make_sources(_count(pages), rng, today)
    files: dict[str, str] = {}
    header = "# A synthetic guide for benchmarks, written by tools/bench/synthetic.py. Do not edit.\n"
    files["mkdocs.yml"] = header + yaml.safe_dump(
        mkdocs_config(pages, features), sort_keys=False, allow_unicode=True, width=120
    )
    files["docs/data/glossary.yml"] = glossary_yaml(terms)
    files["docs/data/bibliography.yml"] = bibliography_yaml(sources)
    files["docs/images/scanner.svg"] = SVG
    for number in range(1, pages + 1):
        text = make_page(number, pages, terms, sources, seed, today)
        files[f"docs/{_page_file(number)}"] = text if features else plain_markdown(text)
    glossary = _front_matter("Glossary", "Words used in this guide, explained in plain language.", today)
    references = _front_matter("References", "Every source this guide cites.", today)
    glossary += ["# Glossary", "", "Words used in this guide, from A to Z.", ""]
    references += ["# References", "", "Every source this guide cites.", ""]
    if features:
        glossary.append("<!-- guide:glossary -->")
        references.append("<!-- guide:references -->")
    else:
        glossary += [f"- **{term.name}**: {term.definition}" for term in sorted(terms, key=lambda t: t.name)]
        references += [f"- {source.plain}" for source in sources]
    files["docs/glossary.md"] = "\n".join(glossary) + "\n"
    files["docs/references.md"] = "\n".join(references) + "\n"
    return files


def write_synthetic_guide(
    target: Path, pages: int, seed: int = 1, *, features: bool = True, today: dt.date | None = None
) -> None:
    """Write a complete guide of ``pages`` chapters into ``target`` (its old docs/ is replaced).

    ``today`` (default: the real date) is ``last_reviewed`` and ``accessed``; ``next_review`` is
    300 days later, so the guide passes the checks on the day it is written.
    """
    target = Path(target)
    docs = target / "docs"
    if docs.exists():
        for path in sorted(docs.rglob("*"), reverse=True):
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
    for relative, text in guide_files(pages, seed, features=features, today=today).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
