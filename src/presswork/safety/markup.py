"""HTML read into tokens with the standard library, and tokens written as polyglot XHTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip
# Characters XML 1.0 forbids, which HTML parsers let through.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\xa0": "&#160;"})
ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\xa0": "&#160;"}
)

Kind = Literal["start", "end", "data", "other"]


@dataclass(frozen=True)
class Token:
    """A start tag, an end tag, text, or anything else (comment, declaration)."""

    kind: Kind
    name: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())
    text: str = ""

    def attribute(self, name: str) -> str | None:
        """The first value of attribute ``name``, as HTML reads it."""
        return next((value for key, value in self.attrs if key == name), None)


class _Tokenizer(HTMLParser):
    """Collects what ``html.parser`` reports, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start tag, with valueless attributes given the empty value."""
        self.tokens.append(Token("start", tag, tuple((k, v or "") for k, v in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<br/>`` is a start tag in HTML, whatever its slash."""
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        """An end tag."""
        self.tokens.append(Token("end", tag))

    def handle_data(self, data: str) -> None:
        """Text, with character references already turned into characters."""
        self.tokens.append(Token("data", text=data))

    def handle_comment(self, data: str) -> None:
        """A comment."""
        self.tokens.append(Token("other", "!--", text=data))

    def handle_decl(self, decl: str) -> None:
        """A declaration such as a doctype."""
        self.tokens.append(Token("other", "!", text=decl))

    def handle_pi(self, data: str) -> None:
        """A processing instruction."""
        self.tokens.append(Token("other", "?", text=data))

    def unknown_decl(self, data: str) -> None:
        """A CDATA section or another declaration html.parser does not know."""
        self.tokens.append(Token("other", "!", text=data))


def tokens(html: str) -> list[Token]:
    """``html`` as tokens, in order."""
    tokenizer = _Tokenizer()
    tokenizer.feed(html)
    tokenizer.close()
    return tokenizer.tokens


def start_tags(found: list[Token]) -> list[Token]:
    """The start tags among ``found``."""
    return [token for token in found if token.kind == "start"]


def xhtml(found: list[Token]) -> str:
    """Tokens written so that XML and HTML parsers read them alike."""
    # Void elements are closed with `` />``, text and attribute values use only XML's own
    # entities (a no-break space becomes ``&#160;``), and characters XML forbids are left out.
    # Comments and declarations are left out too.
    parts: list[str] = []
    for token in found:
        if token.kind == "start":
            attrs = "".join(
                f' {name}="{NOT_XML.sub("", value).translate(ATTRIBUTE_ESCAPES)}"'
                for name, value in token.attrs
            )
            parts.append(f"<{token.name}{attrs}{' /' if token.name in VOID else ''}>")
        elif token.kind == "end":
            if token.name not in VOID:
                parts.append(f"</{token.name}>")
        elif token.kind == "data":
            parts.append(NOT_XML.sub("", token.text).translate(TEXT_ESCAPES))
    return "".join(parts)
