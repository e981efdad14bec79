"""Social cards per essay: the abstract as description, the article's authors, date and tags."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.errors import ExtensionError

from presswork.essays.domain import essays_domain
from presswork.outputs import is_web_build

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from presswork.essays.model import Essay


def essay_of(app: Sphinx, pagename: str) -> Essay | None:
    """The essay a page shows, when presswork's essays room is loaded."""
    try:
        domain = essays_domain(app.env)
    except ExtensionError:  # a site without essays, such as the user guide
        return None
    return domain.essays.get(pagename)


def essay_social_fields(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give sphinxext-opengraph an essay's abstract and type, without touching the environment."""
    essay = essay_of(app, pagename) if is_web_build(app.builder) else None
    if essay is None:
        return
    fields = dict(context.get("meta") or {})
    fields["og:type"] = "article"
    if essay.meta.abstract:
        fields["og:description"] = plain(essay.meta.abstract)
    context["meta"] = fields


def essay_social_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the article's date, authors and tags, and a large card for every page with an image."""
    if not is_web_build(app.builder) or "metatags" not in context:
        return
    tags: list[tuple[str, str, str]] = []
    if app.config.ogp_image:
        tags.append(("name", "twitter:card", "summary_large_image"))
    essay = essay_of(app, pagename)
    if essay is not None:
        meta = essay.meta
        if meta.date:
            tags.append(("property", "article:published_time", meta.date.isoformat()))
        tags += [("property", "article:author", name) for name in essay.author_names]
        tags += [("property", "article:tag", tag) for tag in meta.tags]
    context["metatags"] += "".join(
        f'<meta {kind}="{name}" content="{plain(value)}" />\n' for kind, name, value in tags
    )


def plain(text: str) -> str:
    """Text as a meta tag's content: one line, markup characters escaped."""
    return escape(" ".join(text.split()), quote=True)
