"""The web site as readers and sharers expect it: social cards, sitemap, 404 page, favicon."""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING, Any

from presswork.site.card import web_site_files
from presswork.site.sitemap import note_generated_page, start_sitemap, write_sitemap
from presswork.site.social import essay_social_fields, essay_social_tags
from presswork.site.theme import site_defaults

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BEFORE_OPENGRAPH = 400
AFTER_OPENGRAPH = 600


def setup(app: Sphinx) -> dict[str, Any]:
    """Load the site extensions presswork relies on and set them up for a publication."""
    with contextlib.redirect_stdout(io.StringIO()):  # it prints that matplotlib is missing
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    app.connect("config-inited", site_defaults)
    app.connect("builder-inited", web_site_files)
    app.connect("builder-inited", start_sitemap)
    app.connect("html-page-context", note_generated_page)
    app.connect("build-finished", write_sitemap)
    app.connect("html-page-context", essay_social_fields, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", essay_social_tags, priority=AFTER_OPENGRAPH)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
