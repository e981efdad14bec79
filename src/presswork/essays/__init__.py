"""The essays room: front matter, the essay header, listings and navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.essays import config, nodes, rebuilt, running_order
from presswork.essays.collection import (
    ApplyRunningOrder,
    include_essays_in_root,
    navigate_hidden_toctrees,
    order_collection,
    outdated_by_essays,
)
from presswork.essays.domain import EssaysDomain
from presswork.essays.listing import EssaysDirective, resolve_listings
from presswork.essays.navigation import (
    AFTER_THEME,
    add_theme_files,
    escape_theme_titles,
    page_context,
)
from presswork.essays.reading import check_date_format, complete_essay, read_essay_source
from presswork.essays.screening import screen_sources

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ENV_VERSION = 2
BEFORE_SPHINX_COLLECTORS = 400
AFTER_SPHINX_CONFIG = 850  # source_suffix is a mapping from priority 800 on


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the essays room with Sphinx."""
    app.setup_extension("myst_parser")
    config.register(app)
    running_order.register(app)
    nodes.register(app)
    app.add_domain(EssaysDomain)
    app.add_directive("essays", EssaysDirective)
    rebuilt.register(app)
    app.connect("config-inited", screen_sources, priority=AFTER_SPHINX_CONFIG)
    app.connect("config-inited", navigate_hidden_toctrees)
    app.connect("config-inited", add_theme_files)
    app.connect("config-inited", check_date_format)
    app.connect("source-read", read_essay_source)
    app.connect("doctree-read", complete_essay, priority=BEFORE_SPHINX_COLLECTORS)
    app.connect("doctree-read", include_essays_in_root, priority=BEFORE_SPHINX_COLLECTORS)
    app.connect("env-get-outdated", outdated_by_essays)
    app.connect("env-updated", order_collection)
    app.connect("env-updated", running_order.plan_running_order)
    app.add_post_transform(ApplyRunningOrder)
    app.connect("doctree-resolved", resolve_listings)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", escape_theme_titles, priority=AFTER_THEME)
    return {
        "version": "builtin",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
