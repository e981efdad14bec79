"""Defaults that make sphinx-book-theme's pages pass a reader's checks, unless conf.py differs."""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx.locale import get_translation
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.config import Config

logger = logging.getLogger(__name__)
_ = get_translation("presswork")
HERE = Path(__file__).parent
FAVICON = HERE / "static" / "presswork-favicon.svg"
CARD_DESIGN = "1"  # raise when the card's drawing changes, so that it is drawn again
PRINT_STYLESHEET = "presswork-print.css"
# The theme's own defaults that readers notice: an empty colour mode logs an error at the first
# visit, and the header repeats the sidebar's search box on wide screens.
BOOK_THEME_OPTIONS: dict[str, object] = {"navbar_persistent": []}
THEME_CONTEXT = {"default_mode": "auto"}


def site_defaults(app: object, config: Config) -> None:
    """Fill in what conf.py left unset: theme options, favicon, site address, social cards."""
    raw = config._raw_config  # what conf.py itself set, as opposed to a default
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    if config.html_theme == "sphinx_book_theme":
        config.html_theme_options = {**BOOK_THEME_OPTIONS, **config.html_theme_options}
        config.html_context = {**THEME_CONTEXT, **config.html_context}
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)
    base = site_address(config)
    config.html_baseurl = base
    if not base:
        logger.info("presswork: no sitemap and no canonical addresses: no presswork_site_url")
    if "ogp_site_url" not in raw:
        config.ogp_site_url = base
    if "ogp_image" not in raw:
        own = is_url(config.html_logo)
        config.ogp_image = config.html_logo if own else card_name(config.project, config.author)
    if "ogp_social_cards" not in raw:
        config.ogp_social_cards = {"enable": False}
    if "notfound_urls_prefix" not in raw:
        config.notfound_urls_prefix = urlsplit(base).path or "/" if base else "/"
    if "notfound_context" not in raw:
        config.notfound_context = not_found_page(config.notfound_urls_prefix or "/")


def not_found_page(prefix: str) -> dict[str, str]:
    """The 404 page's words: what happened, and where the reader can go from here."""
    home = escape(f"{prefix.rstrip('/')}/index.html", quote=True)
    return {
        "title": _("Page not found"),
        "body": (
            f"<h1>{escape(_('Page not found'))}</h1>\n<p>"
            + escape(_("There is no page at this address, or there is no longer."))
            + f' <a href="{home}">'
            + escape(_("Every essay is listed on the home page"))
            + "</a>"
            + escape(_(", and you can search them with the search box."))
            + "</p>\n"
        ),
    }


def site_address(config: Config) -> str:
    """The site's address, ending in a slash: html_baseurl, else presswork_site_url, else ''."""
    address = config.html_baseurl or getattr(config, "presswork_site_url", "")
    return f"{address.rstrip('/')}/" if address else ""


def card_name(title: str, byline: str) -> str:
    """The sharing card's file: named by what it shows, so a card with other words is new."""
    digest = hashlib.sha256(f"{CARD_DESIGN}\n{title}\n{byline}".encode()).hexdigest()[:12]
    return f"_static/presswork-card-{digest}.png"


def is_url(value: object) -> bool:
    """Whether a setting is a web address rather than a file."""
    return isinstance(value, str) and "://" in value
