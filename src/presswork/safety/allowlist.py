"""The raw HTML presswork keeps: tags, attributes, URL schemes and valid attribute values."""

from __future__ import annotations

import re

# Phrasing content: what HTML allows inside a paragraph, a heading or an emphasis.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
        "i", "img", "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small",
        "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    }
)  # fmt: skip
# Flow content besides: what a raw HTML block between paragraphs may also hold.
BLOCK_TAGS = INLINE_TAGS | frozenset(
    {
        "blockquote", "caption", "col", "colgroup", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p",
        "pre", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Elements that may hold the paragraphs and lists of the document between two raw passages.
FLOW_CONTAINERS = frozenset({"blockquote", "dd", "details", "div", "figure", "li", "td", "th"})
# Removed together with everything inside them: HTML reads most of them as text, not markup.
CONTENT_TAGS = frozenset(
    {
        "script", "style", "iframe", "noembed", "noframes", "noscript", "plaintext", "template",
        "textarea", "title", "xmp",
    }
)  # fmt: skip

GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "details": frozenset({"open"}),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Values HTML (and so EPUBCheck) accepts for the attributes above that have a grammar.
INTEGER = re.compile(r"-?[0-9]+")
POSITIVE = re.compile(r"[1-9][0-9]*")
VALUES: dict[str, re.Pattern[str]] = {
    "dir": re.compile(r"ltr|rtl|auto", re.IGNORECASE),
    "scope": re.compile(r"row|col|rowgroup|colgroup", re.IGNORECASE),
    "colspan": POSITIVE,
    "rowspan": re.compile(r"[0-9]+"),
    "span": POSITIVE,
    "start": INTEGER,
    "value": INTEGER,
    "reversed": re.compile(r"|reversed", re.IGNORECASE),
    "open": re.compile(r"|open", re.IGNORECASE),
    "lang": re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*|"),
    "id": re.compile(r"\S+"),
    "width": re.compile(r"[0-9]+"),
    "height": re.compile(r"[0-9]+"),
}
FREE_TEXT = frozenset({("data", "value")})  # ``value`` of <data> is text, of <li> a number


def attributes_of(tag: str) -> frozenset[str]:
    """The attributes kept on ``tag``."""
    return GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())


def valid_value(tag: str, attribute: str, value: str) -> bool:
    """Whether ``value`` is one HTML accepts for ``attribute`` on ``tag``."""
    if (tag, attribute) in FREE_TEXT:
        return True
    pattern = VALUES.get(attribute)
    return pattern is None or pattern.fullmatch(value.strip()) is not None
