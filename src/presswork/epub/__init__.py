"""The EPUB room: Sphinx's EPUB made valid, described and accessible, checked by EPUBCheck."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.epub import config
from presswork.epub.downloads import copy_downloads, download_links
from presswork.epub.essays import essay_epubs, prepare_epub_folder
from presswork.epub.frontpages import cover_context, front_pages
from presswork.epub.package import finish_epub

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the EPUB room with Sphinx."""
    app.setup_extension("presswork.taxonomy")
    app.setup_extension("presswork.latex")
    app.setup_extension("presswork.publication")
    config.register(app)
    app.connect("config-inited", config.configure_epub)
    app.connect("env-updated", copy_downloads)
    app.connect("html-page-context", download_links)
    app.connect("html-page-context", cover_context)
    app.connect("html-collect-pages", front_pages)
    app.connect("write-started", prepare_epub_folder)
    app.connect("build-finished", finish_epub)
    app.connect("build-finished", essay_epubs, priority=600)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
