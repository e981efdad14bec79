"""A MyST source as blocks of words, read with the parser MyST itself uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser

from presswork.changes.words import Block

if TYPE_CHECKING:
    from markdown_it.token import Token

# Inline tokens whose content is words a reader sees.
WORDED = frozenset({"text", "code_inline", "math_inline", "myst_role"})
SPACES = frozenset({"softbreak", "hardbreak", "image"})


def source_blocks(text: str, myst_config: Any) -> list[Block]:
    """Every run of inline text in the source (paragraphs, headings, cells, notes) as a block."""
    tokens = create_md_parser(myst_config, RendererHTML).parse(text)
    blocks = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[index - 1] if index else None
        where = token.map or (opener.map if opener else None) or [0, 0]
        kind = opener.type.removesuffix("_open") if opener else "inline"
        words = tuple(" ".join(inline_words(token.children or [])).split())
        if words:
            blocks.append(Block(where[0] + 1, kind, words))
    return blocks


def inline_words(children: list[Token]) -> list[str]:
    """The pieces of text of an inline token, in order (MyST's inline tokens are flat)."""
    pieces = []
    for child in children:
        if child.type in WORDED:
            pieces.append(child.content)
        elif child.type in SPACES:
            pieces.append(" ")
    return pieces
