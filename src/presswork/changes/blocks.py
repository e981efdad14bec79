"""A MyST source as blocks of words, read with the parser MyST itself uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser

from presswork.changes.words import OPAQUE, Block

if TYPE_CHECKING:
    from markdown_it.token import Token

# Inline tokens whose content is words a reader sees.
WORDED = frozenset({"text", "code_inline", "math_inline"})
SPACES = frozenset({"softbreak", "hardbreak", "image"})
# Directives whose body is not Markdown: their text is not compared word by word.
VERBATIM = frozenset(
    {
        "code-block", "code", "code-cell", "sourcecode", "literalinclude", "include", "math",
        "raw", "toctree", "csv-table", "mermaid", "graphviz", "eval-rst", "essays", "terms",
        "archive",
    }
)  # fmt: skip
DIRECTIVE_FENCES = frozenset({"fence", "colon_fence"})


def source_blocks(text: str, myst_config: Any, offset: int = 0) -> list[Block]:
    """Every run of inline text in the source (paragraphs, headings, cells, notes) as a block.

    A table's cells all carry the table's first line, as MyST gives them; a directive's body
    is read as the Markdown it is, at its own lines.
    """
    tokens = create_md_parser(myst_config, RendererHTML).parse(text)
    blocks = []
    table_line: int | None = None
    for index, token in enumerate(tokens):
        if token.type == "table_open" and token.map:
            table_line = token.map[0] + 1
        elif token.type == "table_close":
            table_line = None
        elif token.type in DIRECTIVE_FENCES and token.map:
            blocks.extend(directive_blocks(token, myst_config, offset))
        if token.type != "inline":
            continue
        opener = tokens[index - 1] if index else None
        where = token.map or (opener.map if opener else None) or [0, 0]
        kind = opener.type.removesuffix("_open") if opener else "inline"
        if index > 1 and tokens[index - 2].type == "list_item_open":
            kind = "list_item"
        words = tuple(" ".join(inline_words(token.children or [])).split())
        if words:
            blocks.append(Block(offset + (table_line or where[0] + 1), kind, words))
    return blocks


def directive_blocks(token: Token, myst_config: Any, offset: int) -> list[Block]:
    """The blocks of a directive's Markdown body; none for code and other verbatim bodies."""
    name = token.info.strip()
    if not (name.startswith("{") and "}" in name):
        return []
    if name[1 : name.index("}")].strip() in VERBATIM:
        return []
    lines = token.content.split("\n")
    options = 0
    if lines and lines[0].strip() == "---":  # options as YAML between --- lines
        closing = next((n for n, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        options = closing + 1 if closing is not None else 0
    else:
        while options < len(lines) and lines[options].startswith(":"):
            options += 1
    body = "\n".join(lines[options:])
    assert token.map is not None
    return source_blocks(body, myst_config, offset + token.map[0] + 1 + options)


def inline_words(children: list[Token]) -> list[str]:
    """The pieces of text of an inline token, in order (MyST's inline tokens are flat).

    A role (a citation, say) prints something else than it says, so it is one opaque word:
    a change to it is marked in the margin, and its markup is never printed.
    """
    pieces = []
    for child in children:
        if child.type in WORDED:
            pieces.append(child.content)
        elif child.type in SPACES:
            pieces.append(" ")
        elif child.type == "myst_role":
            role = f"{child.meta.get('name', '')}:{child.content}"
            pieces.append(f" {OPAQUE}{''.join(role.split())} ")
    return pieces
