"""Navigation whose size per page does not grow with the collection."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswork.essays.config import essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.nodes import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from presswork.essays.model import Essay

HERE = Path(__file__).parent
SIDEBAR_TEMPLATE = "presswork-sidebar.html"
BOOK_THEME_SIDEBAR = [
    "navbar-logo.html",
    "icon-links.html",
    "search-button-field.html",
    SIDEBAR_TEMPLATE,
]
STYLESHEET = "presswork.css"
# Context values sphinx-book-theme fills with a title's text and writes unescaped.
THEME_PLAIN_TITLES = ("pagetitle", "root_title")
AFTER_THEME = 600


def add_theme_files(app: Sphinx, config: Config) -> None:
    """Make presswork's templates and stylesheet available; bound the book theme's sidebar."""
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    if config.html_theme == "sphinx_book_theme" and not config.html_sidebars:
        config.html_sidebars = {"**": list(BOOK_THEME_SIDEBAR)}
    app.add_css_file(STYLESHEET)


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give each page a few recent essays; an essay's neighbours follow the listing order."""
    domain = essays_domain(app.env)
    settings = essays_config(app.config)
    context["presswork_recent"] = [
        {**link(app, pagename, essay), "current": essay.docname == pagename}
        for essay in domain.newest_first(settings.sidebar_recent)
    ]
    context["presswork_sidebar_links"] = settings.sidebar_links
    context["presswork_browse"] = [
        {
            "link": app.builder.get_relative_uri(pagename, app.config.root_doc),
            "title": _("All essays"),
        }
    ]
    essay = domain.essays.get(pagename)
    if essay is None:
        return
    if essay.meta.lang:
        context["language"] = essay.meta.lang
    older, newer = domain.neighbours(pagename)
    context["prev"] = link(app, pagename, newer) if newer else None
    context["next"] = link(app, pagename, older) if older else None


def escape_theme_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """sphinx-book-theme puts titles into its templates as plain text; they must be escaped."""
    for key in THEME_PLAIN_TITLES:
        if isinstance(context.get(key), str):
            context[key] = escape(context[key], quote=False)
    if "pagetitle" not in context and isinstance(context.get("title"), str):
        context["pagetitle"] = context["title"]  # a generated page's title is HTML already


def link(app: Sphinx, fromdocname: str, essay: Essay) -> dict[str, str]:
    """A link in the shape Sphinx's templates expect for ``prev`` and ``next``."""
    return {
        "link": app.builder.get_relative_uri(fromdocname, essay.docname),
        "title": escape(essay.display_title),
    }
