"""Pictures in raw HTML left out of e-books, which may show only pictures they contain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders._epub_base import EpubBuilder

from presswork.diagnostics import Subtype, warn
from presswork.safety.config import safety_config
from presswork.safety.markup import Token, tokens, xhtml
from presswork.safety.raw import is_raw_html, raw_like

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def leave_pictures_out_of_ebooks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In an EPUB, an ``<img>`` of raw HTML becomes its alternative text.

    Sphinx puts in a book only the pictures of ``![alt](file)``, ``{image}`` and ``{figure}``;
    a raw ``<img>`` would point at a file the book lacks, or at the network, which EPUB forbids.
    """
    if not isinstance(app.builder, EpubBuilder) or safety_config(app.config).trusted_html:
        return
    for node in list(doctree.findall(nodes.raw)):
        if not is_raw_html(node):
            continue
        found = tokens(node.astext())
        if not any(token.kind == "start" and token.name == "img" for token in found):
            continue
        kept: list[Token] = []
        for token in found:
            if token.kind == "start" and token.name == "img":
                warn(Subtype.HTML_TAG, picture_message(token), node)
                kept.append(Token("data", text=token.attribute("alt") or ""))
            else:
                kept.append(token)
        text = xhtml(kept)
        if text.strip():
            node.replace_self(raw_like(node, text))
        else:
            node.parent.remove(node)


def picture_message(picture: Token) -> str:
    """Why a raw picture is not in the e-book."""
    src = picture.attribute("src")
    written = f'<img src="{src}">' if src else "<img>"
    return (
        f"raw HTML: {written} left out of the e-book, its alternative text kept (an EPUB "
        "holds only pictures given as ![alt](file), {image} or {figure})"
    )
