"""What HTML a published page may contain: an allow-list of elements, attributes and URL schemes.

A pull request must never run code in a reader's browser, embed another site, restyle the guide
or send a reader's input elsewhere. So nothing is judged by what it looks like; everything that is
not on this list is refused. The list holds what Markdown, the enabled extensions and the guide's
own extension produce, and nothing more. Both the source rule (raw HTML in a page) and the rule on
the published page ask the same questions here, so they word every refusal the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

# Elements: prose, lists, tables, figures, details, and what the extensions emit.
ALLOWED_ELEMENTS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
        "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
# Attributes any allowed element may carry (aria-* attributes are allowed too: they only describe).
# data-search-exclude keeps a block out of Material's search index (the Sources lists use it).
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden", "data-search-exclude"})
ELEMENT_ATTRIBUTES = MappingProxyType(
    {
        # data-*: the lightbox's own (Zensical's glightbox adds them while rendering), values held below.
        "a": frozenset(
            {"href", "rel", "hreflang", "data-type", "data-width", "data-height", "data-desc-position", "data-gallery"}
        ),
        "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
        "td": frozenset({"colspan", "rowspan", "align", "style"}),
        "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
        "col": frozenset({"span"}),
        "colgroup": frozenset({"span"}),
        "ol": frozenset({"start", "reversed", "type"}),
        "li": frozenset({"value"}),
        "details": frozenset({"open"}),
        "time": frozenset({"datetime"}),
        "q": frozenset({"cite"}),
        "blockquote": frozenset({"cite"}),
        "del": frozenset({"cite", "datetime"}),
        "ins": frozenset({"cite", "datetime"}),
    }
)
# Each element's whole list, global attributes included, made once.
_ALLOWED_ATTRIBUTES = MappingProxyType({tag: GLOBAL_ATTRIBUTES | names for tag, names in ELEMENT_ATTRIBUTES.items()})
# md_in_html reads and removes this one: allowed where written, never seen on a published page.
SOURCE_ONLY_ATTRIBUTES = frozenset({"markdown"})
# Attributes whose every value is listed: another glightbox type ("external", "iframe") embeds a site.
ALLOWED_VALUES = MappingProxyType(
    {
        "data-type": frozenset({"image"}),
        "data-desc-position": frozenset({"bottom", "top", "left", "right"}),
    }
)
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The tables extension aligns columns with exactly these; any other style is refused.
ALLOWED_STYLES = frozenset({"text-align: left;", "text-align: right;", "text-align: center;"})

# Per allowed element, the attributes it may carry with any value (no listed values, no style, no
# URL): attribute_refusal passes them without reading the value, so a page's check may skip them.
ANY_VALUE_ATTRIBUTES = MappingProxyType(
    {
        tag: frozenset(
            name
            for name in _ALLOWED_ATTRIBUTES.get(tag, GLOBAL_ATTRIBUTES)
            if name not in ALLOWED_VALUES and name != "style" and name not in URL_ATTRIBUTES
        )
        for tag in ALLOWED_ELEMENTS
    }
)
# Per allowed element, the URL attributes it may carry: judged by the URL's scheme alone.
URL_ATTRIBUTES_ON = MappingProxyType(
    {tag: _ALLOWED_ATTRIBUTES.get(tag, GLOBAL_ATTRIBUTES) & URL_ATTRIBUTES for tag in ALLOWED_ELEMENTS}
)

_ELEMENT_REASONS = MappingProxyType(
    {
        "script": "it could run code in a reader's browser",
        "noscript": "it could run code in a reader's browser",
        "template": "it could hide markup that runs code",
        "style": "it could change how every page looks; use overrides/stylesheets/guide.css",
        "link": "it could load files from elsewhere",
        "meta": "it could redirect the reader",
        "base": "it would change where every link goes",
        "form": "it could send a reader's input elsewhere",
        "input": "it could collect a reader's input",
        "button": "it could send a reader's input elsewhere",
        "textarea": "it could collect a reader's input",
        "select": "it could collect a reader's input",
    }
)
_EMBEDDING = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "video", "audio",
     "source", "track", "picture", "canvas", "portal", "image"}
)  # fmt: skip

# Every element name the source rule recognises as HTML when it meets one in Markdown.
KNOWN_ELEMENTS = ALLOWED_ELEMENTS | _EMBEDDING | frozenset(_ELEMENT_REASONS) | {"html", "head", "body", "title"}


@dataclass(frozen=True)
class Refusal:
    """One thing outside the allow-list: what it is (``kind``, ``name``) and why it is refused.

    ``needle`` is the text to look for in the Markdown source to say where it came from.
    """

    kind: str  # "element", "attribute" or "url"
    name: str
    message: str
    needle: str

    @property
    def rule(self) -> str:
        """The rule it breaks (see guidekit.core.rules)."""
        return "html-url-scheme" if self.kind == "url" else f"html-{self.kind}"


def element_refusal(tag: str) -> Refusal | None:
    """Why an element may not be published, or None if it may."""
    tag = tag.lower()
    if tag in ALLOWED_ELEMENTS:
        return None
    if tag in _ELEMENT_REASONS:
        reason = _ELEMENT_REASONS[tag]
    elif tag in _EMBEDDING:
        reason = "it embeds content from elsewhere"
    else:
        reason = "it is not on the list of elements a page may use (see CONTRIBUTING.md)"
    return Refusal("element", tag, f"raw <{tag}> is not allowed: {reason}", f"<{tag}")


# What browsers strip from both ends of a URL (C0 controls and space), and drop anywhere in it.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_DROPPED = MappingProxyType(str.maketrans("", "", "\t\n\r"))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in a URL ('javascript'), or None for a relative URL.

    The value is the attribute as the browser has it (entities already decoded). Browsers strip
    leading and trailing spaces and control characters and drop tabs and newlines anywhere, so
    ``java&#9;script:`` is still javascript: and is judged as such.
    """
    cleaned = url.strip(_C0_AND_SPACE).translate(_DROPPED)
    if ":" not in cleaned:
        return None  # no scheme without a colon (most links: relative, or an anchor)
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:  # e.g. an unbalanced '[' in the host: browsers refuse it too, but say what it is
        head = cleaned.split(":", 1)
        scheme = head[0] if len(head) == 2 and "/" not in head[0] else ""
    return scheme.lower() or None


def attribute_refusal(tag: str, name: str, value: str | None, *, in_source: bool = False) -> Refusal | None:
    """Why an attribute may not be published on an element, or None if it may.

    ``in_source``: the attribute is read from Markdown, where md_in_html's ``markdown`` may appear.
    """
    tag, name = tag.lower(), name.lower()
    if in_source and name in SOURCE_ONLY_ATTRIBUTES:
        return None
    shown = f"{name}="
    if name.startswith("on"):
        return Refusal("attribute", name, f"inline event handler {shown} is not allowed: it could run code", name)
    allowed = _ALLOWED_ATTRIBUTES.get(tag, GLOBAL_ATTRIBUTES)
    if name not in allowed and not name.startswith("aria-"):
        reason = _attribute_reason(name)
        return Refusal("attribute", name, f"attribute {shown} is not allowed on <{tag}>: {reason}", name)
    if name in ALLOWED_VALUES and (value or "").strip().lower() not in ALLOWED_VALUES[name]:
        listed = ", ".join(sorted(ALLOWED_VALUES[name]))
        return Refusal("attribute", name, f"attribute {shown} may only be {listed}, not {value!r}", name)
    if name == "style" and (value or "").strip() not in ALLOWED_STYLES:
        message = "attribute style= is not allowed: use a class and overrides/stylesheets/guide.css"
        return Refusal("attribute", name, message, name)
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value or "")
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            return Refusal("url", scheme, f"a {scheme}: URL is not allowed in {shown}", f"{scheme}:")
    return None


def _attribute_reason(name: str) -> str:
    if name == "style":
        return "use a class and overrides/stylesheets/guide.css"
    if name in {"srcset", "formaction", "action", "background", "poster", "xlink:href", "data", "ping", "src"}:
        return "it could load or send something elsewhere"
    if name == "target":
        return "links open in the same tab, so readers do not lose their place"
    return "it is not on the list of attributes a page may use (see CONTRIBUTING.md)"
