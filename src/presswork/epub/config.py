"""The EPUB room's settings, and the Sphinx EPUB settings presswork fills in."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from presswork.epub.cover import COVER_NAME
from presswork.epub.frontpages import COVER_TEMPLATE, add_front_pages
from presswork.epub.validate import CACHE as EPUBCHECK_RECORD
from presswork.latex.config import latex_config
from presswork.publication import publication
from presswork.site.theme import FAVICON, PRINT_STYLESHEET

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_cover", "", "env", types=frozenset({str}))


def collection_uuid(config: Config) -> str:
    """A stable identifier: the same collection always gets the same UUID."""
    return (
        f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'presswork:{config.project}:{config.author}')}"
    )


WEB_ONLY_FILES = (f"_static/{FAVICON.name}", f"_static/{PRINT_STYLESHEET}")


def configure_epub(app: Sphinx, config: Config) -> None:
    """Fill in what Sphinx's EPUB needs to be valid and honest: identifier, rights, version."""
    isbn = config.presswork_isbn or publication(config).isbn_for("epub")
    if isbn:
        config.epub_scheme, config.epub_identifier = "ISBN", isbn
    elif config.epub_identifier in ("", "unknown"):
        config.epub_scheme, config.epub_identifier = "UUID", collection_uuid(config)
    config.epub_uid = "presswork-id"
    config.epub_author = latex_config(config).editors or config.epub_author
    config.epub_publisher = config.presswork_publisher or config.epub_publisher or config.author
    rights = config.presswork_rights or config.copyright
    config.epub_copyright = rights or config.epub_copyright
    if not config.version:
        config.version = config.release or dt.date.today().isoformat()
    # The web site's own files, and presswork epubcheck's record, are not part of any book.
    config.epub_exclude_files = [*config.epub_exclude_files, *WEB_ONLY_FILES, EPUBCHECK_RECORD]
    config.epub_show_urls = "no"
    config.epub_use_index = False  # an index of Sphinx objects, empty for essays
    config.epub_theme = "epub"
    cover = config.presswork_cover or f"_static/{COVER_NAME}"
    if not config.epub_cover:
        config.epub_cover = (cover, COVER_TEMPLATE)
    add_front_pages(config)
