"""One raw HTML passage cleaned by nh3, and what nh3 removed from it, found by comparison."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cache

import nh3

from presswork.diagnostics import Subtype
from presswork.safety.allowlist import (
    ATTRIBUTES,
    BLOCK_TAGS,
    CONTENT_TAGS,
    FLOW_CONTAINERS,
    GLOBAL_ATTRIBUTES,
    INLINE_TAGS,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    attributes_of,
    valid_value,
)
from presswork.safety.markup import VOID, Token, start_tags, tokens

LONE_SURROGATES = re.compile("[\ud800-\udfff]")
SCHEMES = ", ".join(f"{scheme}:" for scheme in sorted(URL_SCHEMES))


@dataclass(frozen=True)
class Removal:
    """One thing taken out of a passage, as a warning will describe it."""

    subtype: Subtype
    message: str


@dataclass(frozen=True)
class Cleaned:
    """A passage after cleaning: its tokens, the elements left open, and what was removed."""

    tokens: list[Token]
    open_after: tuple[str, ...]
    removals: list[Removal]


def _keep_valid(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: drop values HTML would reject."""
    return value if valid_value(tag, attribute, value) else None


@cache
def cleaner(inline: bool) -> nh3.Cleaner:
    """The nh3 cleaner for passages inside a paragraph (``inline``) or between paragraphs."""
    attributes = {"*": set(GLOBAL_ATTRIBUTES)} | {t: set(a) for t, a in ATTRIBUTES.items()}
    return nh3.Cleaner(
        tags=set(INLINE_TAGS if inline else BLOCK_TAGS),
        clean_content_tags=set(CONTENT_TAGS),
        attributes=attributes,
        attribute_filter=_keep_valid,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )


def still_open(before: tuple[str, ...], found: list[Token]) -> tuple[tuple[str, ...], list[str]]:
    """The elements open after ``found`` given those open ``before``, and end tags closing none."""
    # Unclosed elements are closed and end tags that close nothing are dropped without a
    # warning, as every HTML parser does: nothing of the passage is lost.
    #
    # An end tag closes the innermost open element of its name and those inside it; a ``<tr>``
    # straight inside a ``<table>`` opens the ``<tbody>`` HTML implies, as nh3's parser does.
    stack = list(before)
    strays: list[str] = []
    for token in found:
        if token.name in VOID:
            continue
        if token.kind == "start":
            if token.name == "tr" and stack[-1:] == ["table"]:
                stack.append("tbody")
            stack.append(token.name)
        elif token.kind == "end":
            if token.name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(token.name) :]
            else:
                strays.append(token.name)
    return tuple(stack), strays


def clean(html: str, open_before: tuple[str, ...], inline: bool, hold: bool) -> Cleaned:
    """Clean one passage that may open elements a later passage closes, or close earlier ones."""
    # nh3 cleans whole fragments, closing what is open. So the passage is given to nh3 between
    # the start tags of the elements open before it and the end tags of those open after it;
    # those tags are then cut from nh3's output, leaving a passage that opens and closes what the
    # original did. If nh3's parser rearranged the passage so that the tags cannot be cut (HTML's
    # implied end tags, say), the passage is cleaned on its own and closes everything it opens.
    #
    # Between paragraphs, unless ``hold`` (another raw passage follows at once), elements that
    # cannot hold a paragraph (``<p>``, ``<em>``) are closed at the end of the passage, as the
    # document's next paragraph would go inside them.
    html = LONE_SURROGATES.sub("\ufffd", html)  # text nh3 (Rust) could not take
    found = tokens(html)
    open_after, _ = still_open(open_before, found)
    if not inline and not hold:
        while open_after and open_after[-1] not in FLOW_CONTAINERS:
            open_after = open_after[:-1]
    sanitizer = cleaner(inline)
    allowed = INLINE_TAGS if inline else BLOCK_TAGS
    prefix = "".join(f"<{name}>" for name in open_before)
    suffix = "".join(f"</{name}>" for name in reversed(open_after))
    head = "".join(f"<{name}>" for name in open_before if name in allowed)
    tail = "".join(f"</{name}>" for name in reversed(open_after) if name in allowed)
    output = sanitizer.clean(prefix + html + suffix)
    if output.startswith(head) and output.endswith(tail) and len(output) >= len(head + tail):
        body = output[len(head) : len(output) - len(tail)]
    else:
        body, open_after = sanitizer.clean(html), open_before
    result = tokens(body)
    removals = compare(found, result, inline)
    return Cleaned([alternative_text(token) for token in result], open_after, removals)


def alternative_text(token: Token) -> Token:
    """An ``<img>`` whose source was removed is its alternative text; the rest stays."""
    if token.kind == "start" and token.name == "img" and not token.attribute("src"):
        return Token("data", text=token.attribute("alt") or "")
    return token


def compare(before: list[Token], after: list[Token], inline: bool) -> list[Removal]:
    """What is in ``before`` and not in ``after``: tags, attributes and URLs, in order."""
    removals: list[Removal] = []
    kept: dict[str, list[Token]] = {}
    for token in start_tags(after):
        kept.setdefault(token.name, []).append(token)
    inside: str | None = None  # a removed element whose content went with it
    for token in before:
        if inside:
            inside = None if token.kind == "end" and token.name == inside else inside
            continue
        if token.kind != "start":
            continue
        if token.name in CONTENT_TAGS:
            inside = token.name
        survivors = kept.get(token.name, [])
        if not survivors:
            removals.append(Removal(Subtype.HTML_TAG, tag_message(token.name, inline)))
            continue
        survivor = survivors.pop(0)
        names = {name for name, _ in survivor.attrs}
        seen: set[str] = set()
        for name, value in token.attrs:
            if name not in names and name not in seen:
                removals.append(attribute_removal(token.name, name, value))
            seen.add(name)
    return removals


def tag_message(name: str, inline: bool) -> str:
    """Why ``<name>`` is gone."""
    content = " with its content" if name in CONTENT_TAGS else ""
    if inline and name in BLOCK_TAGS - INLINE_TAGS:
        reason = "a block element cannot stand inside a paragraph"
    elif name in BLOCK_TAGS:
        reason = "out of place, so the HTML parser dropped it"
    else:
        reason = "presswork does not allow it in an essay"
    return f"raw HTML: <{name}> removed{content} ({reason})"


def attribute_removal(tag: str, name: str, value: str) -> Removal:
    """Why attribute ``name`` is gone from ``<tag>``."""
    shown = textwrap.shorten(value, 60, placeholder="…") if value else ""
    written = f'{name}="{shown}"' if shown else name
    if name not in attributes_of(tag):
        subtype, reason = Subtype.HTML_ATTRIBUTE, "presswork does not allow this attribute"
    elif name in URL_ATTRIBUTES:
        subtype, reason = Subtype.HTML_URL, f"only {SCHEMES} URLs and relative links are allowed"
    else:
        subtype, reason = Subtype.HTML_ATTRIBUTE, "not a value HTML accepts"
    return Removal(subtype, f"raw HTML: {written} removed from <{tag}> ({reason})")
