"""The e-book's front pages: cover, title page and copyright page, in the reading order."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswork.essays.nodes import _
from presswork.publication import publication

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

HERE = Path(__file__).parent
COVER_TEMPLATE = "presswork-cover.html"
TITLE_PAGE = "presswork-titlepage"
COPYRIGHT_PAGE = "presswork-copyright"
STYLESHEET = "presswork-epub.css"
EPUB_SUFFIX = ".xhtml"


def add_front_pages(config: Config) -> None:
    """Templates, the e-reader stylesheet, and the title and copyright pages before the essays."""
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.epub_css_files = [*config.epub_css_files, STYLESHEET]
    if not config.epub_pre_files:
        config.epub_pre_files = [
            (TITLE_PAGE + EPUB_SUFFIX, _("Title page")),
            (COPYRIGHT_PAGE + EPUB_SUFFIX, _("Copyright")),
        ]


def front_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """For the EPUB builder, the title and copyright pages to render with its theme."""
    if app.builder.name != "epub":
        return
    book = publication(app.config)
    context = {"presswork_book": book}
    yield TITLE_PAGE, {**context, "title": book.title}, TITLE_PAGE + ".html"
    heading = _("Copyright")
    copyright_context = {
        **context,
        "title": heading,
        "presswork_copyright_heading": heading,
        "presswork_copyright_lines": [line for group in book.copyright_groups for line in group],
    }
    yield COPYRIGHT_PAGE, copyright_context, COPYRIGHT_PAGE + ".html"


def cover_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The cover page's template needs the book's title and editors for its image's text."""
    if templatename == COVER_TEMPLATE:
        context["presswork_book"] = publication(app.config)
