"""Every rule the checks apply, by a stable id: what it means, how to fix it, and how bad it is.

A problem names its rule (``Problem.rule``), and the output shows the id after the message, so a
contributor can ask ``python -m guidekit check --explain ID``. A guide may change a rule's level in
``mkdocs.yml``, as MkDocs' own ``validation:`` setting does for its link checks:

    markdown_extensions:
      - guidekit.extension:
          rules:
            line-length: warning     # error, warning or ignore

The rules that keep readers safe (unsafe HTML) and those without which nothing can be judged
(unreadable files) are fixed: their level cannot be lowered.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from guidekit.core.suggest import did_you_mean


class Level(enum.Enum):
    """What a problem does to a build: errors always fail; warnings fail in strict mode; ignored ones are not shown."""

    ERROR = "error"
    WARNING = "warning"
    IGNORE = "ignore"


@dataclass(frozen=True)
class Rule:
    """One rule: its id, what it checks (a line), why and how to fix it, its level, whether that is fixed."""

    id: str
    summary: str
    fix: str
    level: Level = Level.ERROR
    fixed: bool = False
    # A warning that strict mode lists but does not fail on: the English can be fixed and published
    # before its translation catches up (the translation rules that follow an English change).
    holds_back: bool = True


_E, _W = Level.ERROR, Level.WARNING

_RULES = (
    # Files
    Rule(
        "file-unreadable",
        "A file the guide needs cannot be read.",
        "Check that the file exists at the path shown and that you can open it; restore it from git if it was deleted by mistake.",
        fixed=True,
    ),
    Rule(
        "file-encoding",
        "A file is not saved as UTF-8 text.",
        "Save the file with UTF-8 encoding in your editor; the byte shown is the first character written in another encoding.",
        fixed=True,
    ),
    Rule(
        "file-bom",
        "A file starts with an invisible byte-order mark.",
        "Save the file as 'UTF-8' (not 'UTF-8 with BOM').",
        _W,
    ),
    # YAML: data files and front matter
    Rule(
        "yaml-syntax",
        "A data file or a page's front matter is not valid YAML (or JSON).",
        "Fix the line shown: often a missing ']' or quote, a missing space after ':', or a ':' inside a value that needs quotes.",
        fixed=True,
    ),
    Rule(
        "yaml-plain",
        "YAML features the guide does not read: tags (!!python…), aliases (*name), keys that are not plain words.",
        "Write plain text, numbers, lists and mappings; copy a value out in full instead of pointing at it with *name.",
    ),
    Rule(
        "yaml-duplicate-key",
        "The same key twice in one entry: YAML would silently keep only the last.",
        "Remove one of the two, or merge them.",
    ),
    # Fields of data files and front matter, checked by one declared schema per file
    Rule(
        "data-shape",
        "A data file or front matter that is not shaped as expected (a list of entries, a mapping).",
        "Compare with an entry that works, in the same file, or with the examples in CONTRIBUTING.md.",
    ),
    Rule(
        "unknown-field",
        "A field the file does not have: usually a misspelt name, which would otherwise be ignored silently.",
        "Fix the spelling (the message suggests the closest name) or remove the field.",
    ),
    Rule(
        "required-field",
        "A field every entry (or every page) must have is missing.",
        "Add the field named in the message.",
    ),
    Rule(
        "field-type",
        "A field holds the wrong kind of value (text, a list, a number, a date, true or false).",
        "Write the value as the message asks, e.g. a list as [a, b].",
    ),
    Rule(
        "field-choice",
        "A field holds a value outside its list of allowed values.",
        "Use one of the values the message lists (it suggests the closest).",
    ),
    Rule(
        "field-format",
        "A field's value is not written the way it must be: a date, a citation key, an https address, a DOI, a range.",
        "Rewrite the value in the form the message shows.",
    ),
    # What the data files say
    Rule(
        "glossary-duplicate",
        "Two glossary entries share a term, alias or abbreviation (case and punctuation ignored).",
        "Keep one entry; move the other name into its aliases if readers use it.",
    ),
    Rule(
        "glossary-see-also",
        "A glossary entry's 'see also' names a term that is not in the glossary.",
        "Fix the name, or add that term to the glossary.",
    ),
    Rule(
        "glossary-definition",
        "A glossary definition is empty, too long (more than three sentences) or its term has no letter or digit.",
        "Write one to three short, plain sentences; longer explanations belong in a chapter.",
    ),
    Rule(
        "bibliography-duplicate-key",
        "Two bibliography entries have the same id.",
        "Give each source its own id; if they are the same source, keep one.",
    ),
    Rule(
        "bibliography-creator",
        "A source has neither an author nor a publisher.",
        "Add 'author' (people) or 'publisher' (an organisation) so readers know who wrote it.",
    ),
    Rule(
        "bibliography-locator",
        "A source has neither a URL nor a DOI.",
        "Add 'URL' (https://…) or 'DOI' so readers can find the source.",
    ),
    Rule(
        "date-in-future",
        "A date that has not happened yet: an 'accessed' date or a changelog entry.",
        "Write the day it really happened; check the year.",
    ),
    Rule(
        "changelog-page",
        "A changelog entry names a page that is not in docs/.",
        "Name the page's file as it is in docs/, e.g. treatment.md.",
    ),
    Rule(
        "survival-duplicate", "The survival data lists one cancer twice.", "Keep one row per cancer, from one source."
    ),
    Rule(
        "emergency-text",
        "Emergency advice holds links, HTML or citations inside its text.",
        "Write emergency text as plain words; give its sources in the item's 'sources' list.",
    ),
    # Front matter and review
    Rule(
        "front-matter-missing",
        "A page has no front matter, or an empty one.",
        "Start the page with '---', then 'title:', 'description:' and the review fields, then '---' (see Add a page).",
    ),
    Rule(
        "description-length",
        "A page's description is longer than search engines show.",
        "Shorten it to one sentence of 160 characters or fewer.",
    ),
    Rule(
        "review-dates",
        "A page's review dates are out of order, or more than twelve months apart.",
        "Set 'next_review' after 'last_reviewed' and no more than twelve months later.",
    ),
    Rule(
        "review-overdue",
        "A page is past its 'next_review' date.",
        "Have the page reviewed (see How review works), then update 'last_reviewed' and 'next_review'. Do not just move the date.",
    ),
    Rule(
        "review-reviewers",
        "A page says 'clinically reviewed' without naming its reviewers.",
        "Only a completed review sets this status and adds 'reviewers'; otherwise set it back to 'awaiting clinical review'.",
    ),
    # Pages
    Rule("page-size", "A page is larger than readers on a phone should download.", "Split the page into two pages."),
    Rule("page-empty", "A page has no content.", "Write the page, or delete it and its nav entry."),
    Rule("line-length", "A line is very long.", "Break the line; Markdown joins the lines of a paragraph again."),
    Rule(
        "image-alt",
        "An image has no alt text, so screen-reader users miss it.",
        "Describe what the image shows inside ![…].",
    ),
    Rule(
        "image-size",
        "An image has no width and height, so the page jumps as it loads.",
        'Add { width="…" height="…" } right after the image.',
    ),
    Rule("citation-in-heading", "A citation in a heading.", "Cite in the text below the heading."),
    Rule(
        "citation-syntax",
        "A citation is written wrongly: empty, not closed, a key twice, text that is not a key.",
        "Write citations as [@key] or [@a; @b], keys made of letters, digits and -.",
    ),
    Rule(
        "citation-unknown-key",
        "A citation names a source that is not in the bibliography.",
        "Fix the key's spelling (the message suggests the closest), or add the source to docs/data/bibliography.yml.",
    ),
    Rule(
        "glossary-link",
        "A glossary link names a term the glossary does not have, or another name of a term, or the wrong case.",
        "Link to the term's own anchor as the message shows, e.g. glossary.md#metastasis, or add the term.",
    ),
    Rule(
        "link-target",
        "A link or image points to a file or an anchor that does not exist.",
        "Fix the file name or anchor (the message suggests the closest), or create the page.",
    ),
    Rule(
        "link-form",
        "A link written in a way that breaks somewhere: to this site's address, absolute (/…), to a folder, or out of docs/.",
        "Link to the page's .md file with a relative path, e.g. about.md or ../treatment.md.",
    ),
    Rule(
        "nav-missing-file",
        "The nav in mkdocs.yml names a page that does not exist.",
        "Fix the file name in nav, or create the page.",
    ),
    Rule(
        "nav-orphan-page",
        "A page that is not in the nav, so readers cannot find it.",
        "Add the page to nav in mkdocs.yml, or delete it.",
    ),
    Rule(
        "marker-data",
        "A page asks for generated content (survival table, emergency box) that has no data, or for one that does not exist.",
        "Use a name that is in the data file (the message suggests the closest), or set the data file in mkdocs.yml.",
    ),
    Rule(
        "emergency-by-hand",
        "A temperature written by hand next to an emergency box.",
        "Use the emergency marker, so every page gives the same thresholds from docs/data/emergencies.yml.",
    ),
    Rule(
        "unused-term",
        "A glossary term no page links to.",
        "Link to it where a page first uses the term, or remove it.",
        _W,
    ),
    Rule(
        "unused-source", "A bibliography entry no page cites.", "Cite it where a page relies on it, or remove it.", _W
    ),
    # Translations (mkdocs.es.yml): each translated page against its English page
    Rule(
        "translation-missing",
        "An English page has no translated page in a translation's folder (docs-es/).",
        "Translate the page into a file with the same name in the translation's folder, or ask for help in the pull request.",
    ),
    Rule(
        "translation-orphan",
        "A translated page has no English page of the same name.",
        "Rename it after its English page, or remove it if the English page was removed.",
    ),
    Rule(
        "translation-unrecorded",
        "A translated page does not say which version of its English page it translates (translated_from).",
        "Add 'translated_from:' with the value the message gives, once the page matches that version of the English.",
    ),
    Rule(
        "translation-outdated",
        "The English page has changed since the translated page was made from it.",
        "Bring the changes into the translation (git diff shows them), then set translated_from to the value the message gives.",
        _W,
        holds_back=False,
    ),
    Rule(
        "translation-citations",
        "A translated page does not cite the same sources as its English page.",
        "Cite the same keys at the same facts; a source only the translation cites must be in its language (language: es).",
    ),
    Rule(
        "translation-numbers",
        "A figure (percentage, temperature, phone number, year) is in one language's page and not the other's.",
        "Write the same figure in both, in digits; a number only the translation needs goes in its numbers_not_in_english.",
    ),
    Rule(
        "translation-term-missing",
        "A term of the English glossary has no entry in a translation's glossary yet.",
        "Add an entry to the translation's glossary with 'translates:' naming the English term.",
        _W,
        holds_back=False,
    ),
    Rule(
        "translation-glossary",
        "An entry of a translation's glossary translates no English term.",
        "Write the English term exactly as the English glossary spells it after 'translates:'.",
    ),
    Rule(
        "translation-labels",
        "A cancer or place of the survival table has no translated name.",
        "Add the name to the translation's survival labels file (docs-es/data/survival-labels.yml).",
    ),
    # What is published
    Rule(
        "html-element",
        "Raw HTML the guide does not allow (script, iframe, style, forms …): it could run code in a reader's browser.",
        "Write it in Markdown; see 'Unsafe HTML' in CONTRIBUTING.md for what is allowed.",
        fixed=True,
    ),
    Rule(
        "html-attribute",
        "An HTML attribute the guide does not allow (on… handlers, style=, unknown data-*).",
        "Remove the attribute; use a class and overrides/stylesheets/guide.css for looks.",
        fixed=True,
    ),
    Rule(
        "html-url-scheme",
        "An address with a scheme the guide does not allow (javascript:, data:, vbscript: …).",
        "Use an https://, mailto: or tel: address, or a relative link.",
        fixed=True,
    ),
    Rule(
        "page-render",
        "A page that cannot be rendered at all, or Markdown extensions that cannot be loaded.",
        "Read the error shown; it names the extension or the Markdown that failed.",
        fixed=True,
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _RULES})


class RuleConfigError(ValueError):
    """The ``rules:`` setting names a rule or a level that does not exist, or lowers a fixed rule."""


def rule_levels(setting: Any) -> Mapping[str, Level]:
    """The levels a guide sets in ``rules:`` (a mapping of rule id to error, warning or ignore)."""
    if setting in (None, ""):
        return MappingProxyType({})
    if not isinstance(setting, Mapping):
        raise RuleConfigError("the 'rules' setting of guidekit.extension must map rule ids to error, warning or ignore")
    levels: dict[str, Level] = {}
    allowed = ", ".join(level.value for level in Level)
    for rule_id, value in setting.items():
        rule = RULES.get(str(rule_id))
        if rule is None:
            raise RuleConfigError(f"'rules' names no rule {rule_id!r}{did_you_mean(str(rule_id), RULES)}")
        try:
            level = Level(str(value).strip().lower())
        except ValueError:
            raise RuleConfigError(f"'rules' sets {rule_id!r} to {value!r}; use one of: {allowed}") from None
        if rule.fixed and level is not rule.level:
            raise RuleConfigError(f"'rules' cannot change {rule_id!r}: it keeps readers safe or the checks working")
        levels[rule.id] = level
    return MappingProxyType(levels)


def explain(rule_id: str) -> str:
    """What ``python -m guidekit check --explain ID`` prints; KeyError (with a hint) for an unknown id."""
    rule = RULES.get(rule_id)
    if rule is None:
        hint = did_you_mean(rule_id, RULES) or "; every rule is listed in CONTRIBUTING.md"
        raise KeyError(f"no rule {rule_id!r}{hint}")
    fixed = ", and it cannot be changed" if rule.fixed else "; a guide may change it under 'rules:' in mkdocs.yml"
    return f"{rule.id}\n\n{rule.summary}\n\nHow to fix it: {rule.fix}\n\nLevel: {rule.level.value} by default{fixed}.\n"
