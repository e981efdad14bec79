"""Pictures an e-book cannot hold left out of it: those of raw HTML, and files that are missing."""

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
    from sphinx.environment import BuildEnvironment


def leave_pictures_out_of_ebooks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In an EPUB, a picture the book will not contain becomes its alternative text."""
    # Sphinx puts in a book only the files of ``![alt](file)``, ``{image}`` and ``{figure}`` that
    # exist. A raw ``<img>``, a missing file or a picture left on the network (EPUB forbids
    # remote pictures) would each make the book fail EPUBCheck.
    if not isinstance(app.builder, EpubBuilder):
        return
    for image in list(doctree.findall(nodes.image)):
        if not in_the_book(app.env, image):
            replace_by_text(image, str(image.get("alt", "")))
    if safety_config(app.config).trusted_html:
        return
    for node in list(doctree.findall(nodes.raw)):
        if is_raw_html(node):
            leave_raw_pictures_out(node)


def in_the_book(env: BuildEnvironment, image: nodes.image) -> bool:
    """Whether Sphinx will copy ``image``'s file into the book (or it is a ``data:`` URL)."""
    candidates: dict[str, str] = dict(image.get("candidates", {}))
    remote = candidates.pop("?", str(image.get("uri", "")))
    return any(path in env.images for path in candidates.values()) or remote.startswith("data:")


def replace_by_text(image: nodes.image, text: str) -> None:
    """Put ``text`` where ``image`` was, inline or as a paragraph of its own."""
    if isinstance(image.parent, nodes.TextElement):
        image.replace_self(nodes.Text(text))
    elif text:
        image.replace_self(nodes.paragraph(text, text))
    else:
        image.parent.remove(image)


def leave_raw_pictures_out(node: nodes.raw) -> None:
    """Each ``<img>`` of a raw HTML passage becomes its alternative text, with a warning."""
    found = tokens(node.astext())
    if not any(token.kind == "start" and token.name == "img" for token in found):
        return
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
