"""The taxonomy room: tags, categories and the year archive, in every output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.taxonomy import config, nodes
from presswork.taxonomy.collect import collect_taxonomy
from presswork.taxonomy.directives import ArchiveDirective, TermsDirective
from presswork.taxonomy.domain import TaxonomyDomain
from presswork.taxonomy.feeds import write_feeds
from presswork.taxonomy.pages import browse_links, generated_pages
from presswork.taxonomy.resolve import resolve_taxonomy

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ENV_VERSION = 1
AFTER_ESSAYS_ORDERED = 600


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the taxonomy room with Sphinx."""
    app.setup_extension("presswork.essays")
    config.register(app)
    nodes.register(app)
    app.add_domain(TaxonomyDomain)
    app.add_directive("terms", TermsDirective)
    app.add_directive("archive", ArchiveDirective)
    app.connect("env-updated", collect_taxonomy, priority=AFTER_ESSAYS_ORDERED)
    app.connect("doctree-resolved", resolve_taxonomy)
    app.connect("html-collect-pages", generated_pages)
    app.connect("html-page-context", browse_links, priority=AFTER_ESSAYS_ORDERED)
    app.connect("build-finished", write_feeds)
    return {
        "version": "builtin",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
