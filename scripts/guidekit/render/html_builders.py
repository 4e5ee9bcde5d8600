"""HTML elements the extension adds: a source as it reads in a list, the Sources list of a page,
the A–Z glossary and the References list. Built as ElementTree so nothing needs escaping by hand.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from guidekit.core.words import Words
from guidekit.data.bibliography import Reference
from guidekit.data.glossary import Glossary, Term, first_letter, letter_id
from guidekit.data.pages import CitingPlace, citation_anchor, source_anchor


def _append_text(parent: etree.Element, text: str) -> None:
    """Add text after the parent's last child (ElementTree keeps it in .text or a child's .tail)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _site_name(url: str) -> str:
    """'https://www.cancer.gov/types/x' -> 'cancer.gov'."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _date(parts: tuple[int, ...] | None, written: str | None, words: Words) -> str | None:
    """A source's date in the page's language ("No date given" when it shows none)."""
    if parts is None:
        return written
    return words.date(parts) if parts else words.no_date


def fill_reference(parent: etree.Element, reference: Reference, words: Words) -> None:
    """Write a source into ``parent``: creator. Title. Journal. Publisher. Date. Link. Accessed."""
    if reference.authors:
        creator = ", ".join(reference.authors[:3]) + (", et al" if len(reference.authors) > 3 else "")
    else:
        creator = reference.publisher or ""
    _append_text(parent, f"{creator.rstrip('.')}. " if creator else "")
    title = etree.SubElement(parent, "cite")
    title.text = reference.title.rstrip(".")
    title.tail = ". "
    details = [reference.container_title]
    if reference.authors and reference.publisher:
        details.append(reference.publisher)
    details.append(_date(reference.issued_parts, reference.issued, words))
    for detail in details:
        if detail:
            _append_text(parent, f"{detail.rstrip('.')}. ")
    link = reference.link
    if link:
        anchor = etree.SubElement(parent, "a", {"href": link, "class": "guide-source-link"})
        # The site's name reads better on a phone than a long address; print shows the address.
        anchor.text = f"doi:{reference.doi}" if reference.doi else _site_name(link)
        anchor.tail = ". "
    if reference.accessed:
        accessed = _date(reference.accessed_parts, reference.accessed, words)
        _append_text(parent, words.accessed.format(date=accessed) + " ")
    if len(parent) and parent[-1].tail:
        parent[-1].tail = parent[-1].tail.rstrip()
    elif parent.text:
        parent.text = parent.text.rstrip()


KEY_ATTRIBUTE = "data-guide-key"


def citation_element(keys: list[str]) -> etree.Element:
    """A superscript with one placeholder link per key; numbers are given later, in page order."""
    sup = etree.Element("sup", {"class": "guide-cite"})
    for index, key in enumerate(keys):
        if index:
            _append_text(sup, ", ")
        etree.SubElement(sup, "a", {KEY_ATTRIBUTE: key})
    return sup


def number_citation(link: etree.Element, number: int, occurrence: int, reference: Reference | None) -> None:
    """Turn a placeholder link into source ``number``'s link, or a visible mark for an unknown key."""
    key = link.attrib.pop(KEY_ATTRIBUTE)
    if reference is None:
        link.tag = "span"
        link.set("class", "guide-cite-missing")
        link.text = f"[unknown source: {key}]"
        return
    link.set("href", f"#{source_anchor(number)}")
    link.set("id", citation_anchor(number, occurrence))
    link.set("aria-label", f"Source {number}")
    link.text = str(number)


def sources_section(cited: list[Reference], words: Words) -> list[etree.Element]:
    """A page's closing "Sources" heading and list, numbered in citation order."""
    # Material's search leaves these out: a reader searching "chemo" wants the chapter, not its sources.
    heading = etree.Element("h2", {"id": "sources", "data-search-exclude": ""})
    heading.text = words.sources
    listing = etree.Element("ol", {"class": "guide-sources", "data-search-exclude": ""})
    for number, reference in enumerate(cited, start=1):
        item = etree.SubElement(listing, "li", {"id": source_anchor(number)})
        fill_reference(item, reference, words)
        back = etree.SubElement(
            item,
            "a",
            {
                "href": f"#{citation_anchor(number)}",
                "class": "guide-backref",
                "aria-label": words.back_to_source.format(number=number),
            },
        )
        back.text = "↩"
        previous = item[-2] if len(item) > 1 else None
        if previous is not None:
            previous.tail = (previous.tail or "") + " "
        else:
            item.text = (item.text or "") + " "
    return [heading, listing]


def glossary_elements(glossary: Glossary, words: Words) -> list[etree.Element]:
    """The A–Z glossary: a row of letter links, then per letter a heading and a definition list."""
    terms = sorted(glossary.terms.values(), key=lambda term: term.name.casefold())
    letters: dict[str, list[Term]] = {}
    for term in terms:
        letters.setdefault(first_letter(term), []).append(term)
    jump = etree.Element("nav", {"class": "guide-az", "aria-label": words.glossary_letters})
    for index, letter in enumerate(letters):
        if index:
            _append_text(jump, " ")
        etree.SubElement(jump, "a", {"href": f"#{letter_id(letter)}"}).text = letter
    elements = [jump]
    for letter, group in letters.items():
        heading = etree.Element("h2", {"id": letter_id(letter)})
        heading.text = letter
        listing = etree.Element("dl", {"class": "guide-glossary"})
        for term in group:
            title = etree.SubElement(listing, "dt", {"id": term.slug})
            title.text = term.name
            if term.abbreviation and term.abbreviation.lower() != term.name.lower():
                title.text += f" ({term.abbreviation})"
            definition = etree.SubElement(listing, "dd")
            etree.SubElement(definition, "p").text = term.definition
            _term_details(definition, term, glossary, words)
        elements += [heading, listing]
    return elements


def _term_details(definition: etree.Element, term: Term, glossary: Glossary, words: Words) -> None:
    aliases = [alias for alias in term.aliases if alias.lower() != (term.abbreviation or "").lower()]
    if aliases:
        etree.SubElement(definition, "p", {"class": "guide-also-called"}).text = (
            "Also called: " + ", ".join(aliases) + "."
        )
    related = [glossary.by_name(name) for name in term.see_also]
    related = [other for other in related if other is not None]
    if related:
        see = etree.SubElement(definition, "p", {"class": "guide-see-also"})
        see.text = words.see_also
        for index, other in enumerate(related):
            if index:
                _append_text(see, ", ")
            etree.SubElement(
                see, "a", {"href": f"#{other.slug}", "title": other.summary, "class": "guide-term"}
            ).text = other.name
        _append_text(see, ".")


def references_elements(
    references: list[Reference], places: dict[str, list[CitingPlace]], references_page: str, words: Words
) -> list[etree.Element]:
    """Every source, A–Z, each with links back to the pages that cite it."""
    listing = etree.Element("ul", {"class": "guide-references"})
    base = posixpath.dirname(references_page)
    for reference in sorted(references, key=lambda ref: ref.sort_key):
        item = etree.SubElement(listing, "li", {"id": f"ref-{reference.key}"})
        fill_reference(item, reference, words)
        cited_on = places.get(reference.key, [])
        if cited_on:
            note = etree.SubElement(item, "span", {"class": "guide-cited-on"})
            note.text = words.cited_on
            for index, place in enumerate(cited_on):
                if index:
                    _append_text(note, ", ")
                href = posixpath.relpath(place.docs_path, base or ".") + f"#{place.anchor}"
                etree.SubElement(note, "a", {"href": href}).text = place.title
            _append_text(note, ".")
    return [listing]
