"""Pictures a PDF or an e-book cannot hold left out: raw HTML ones, missing and remote files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders._epub_base import EpubBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform

from presswork.diagnostics import Subtype, warn
from presswork.safety.config import safety_config
from presswork.safety.markup import Token, tokens, xhtml
from presswork.safety.raw import is_raw_html, raw_like

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

BEFORE_IMAGE_DOWNLOADS = 90  # Sphinx's ImageDownloader runs at 100


class PicturesABookCannotHold(SphinxPostTransform):
    """In a PDF or an EPUB, a picture the book will not contain becomes its alternative text.

    Sphinx puts in a book only the files of ``![alt](file)``, ``{image}`` and ``{figure}`` that
    exist. A missing file stops LaTeX and fails EPUBCheck; a picture on the network would be
    downloaded during the build (which presswork never does) and EPUB forbids remote pictures.
    Runs before Sphinx's image downloader.
    """

    default_priority = BEFORE_IMAGE_DOWNLOADS

    def run(self, **kwargs: Any) -> None:
        """Replace each picture the book will not hold; in an EPUB, raw pictures too."""
        builder = self.env._builder_cls  # what Sphinx's own ImageDownloader asks
        if builder.supported_remote_images:
            return
        for image in list(self.document.findall(nodes.image)):
            if in_the_book(self.env, image):
                continue
            if is_remote(image):
                warn(
                    Subtype.PATH_URL,
                    f"the picture {image.get('uri')} is on the network, not in the "
                    "publication: its alternative text stands in its place in this "
                    f"{builder.format} output (save the file in the publication to include it)",
                    image,
                )
            replace_by_text(image, str(image.get("alt", "")))
        if not issubclass(builder, EpubBuilder) or safety_config(self.config).trusted_html:
            return
        for node in list(self.document.findall(nodes.raw)):
            if is_raw_html(node):
                leave_raw_pictures_out(node)


def is_remote(image: nodes.image) -> bool:
    """Whether a picture is given by a URL on the network."""
    return "?" in image.get("candidates", {}) or "://" in str(image.get("uri", ""))


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
    elif isinstance(image.parent, nodes.figure):  # a figure is its picture, then its caption
        address = str(image.get("uri", ""))
        image.replace_self(nodes.paragraph(address, address, classes=["presswork-missing-picture"]))
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
