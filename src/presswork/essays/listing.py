"""The ``essays`` directive: a list of essays, newest first, resolved once all are read."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from presswork.essays.domain import essays_domain
from presswork.essays.nodes import _, essay_listing, join_names, listing_title
from presswork.essays.reading import display_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from presswork.essays.model import Essay


class EssaysDirective(SphinxDirective):
    """``{essays}``: list the collection's essays, newest first.

    Options: ``:limit: N`` shows only the newest N; ``:no-abstract:`` leaves abstracts out.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "limit": directives.nonnegative_int,
        "no-abstract": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder and note that this page lists essays."""
        node = essay_listing(
            "",
            limit=self.options.get("limit", 0),
            abstracts="no-abstract" not in self.options,
        )
        self.set_source_info(node)
        essays_domain(self.env).note_listing(self.env.docname)
        return [node]


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every listing placeholder with the essays it names; in print, with nothing."""
    placeholders = list(doctree.findall(essay_listing))
    if not placeholders:
        return
    if app.builder.format == "latex":  # a book's contents list its essays, with their pages
        for placeholder in placeholders:
            placeholder.parent.remove(placeholder)
        return
    essays = essays_domain(app.env).newest_first()
    for placeholder in placeholders:
        chosen = essays[: placeholder["limit"]] if placeholder["limit"] else essays
        placeholder.replace_self(
            listing_nodes(
                app,
                docname,
                chosen,
                abstracts=placeholder["abstracts"],
                level=heading_level(placeholder),
            )
        )


def heading_level(node: nodes.Node) -> int:
    """One level below the sections around ``node``: 2 under the page's title; at most 6."""
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += isinstance(parent, nodes.section)
        parent = parent.parent
    return min(depth + 1, 6)


def entry_details(app: Sphinx, essay: Essay) -> str:
    """'Authors · date' as a listing shows it."""
    date = display_date(
        essay.meta.date,
        app.config.presswork_date_format,
        essay.meta.lang or app.config.language,
    )
    return " · ".join(part for part in (join_names(list(essay.author_names)), date) if part)


def listing_nodes(
    app: Sphinx, fromdocname: str, essays: list[Essay], *, abstracts: bool = True, level: int = 2
) -> nodes.Element:
    """A list of essays as plain docutils nodes, so every builder can write it."""
    if not essays:
        empty = _("No essays yet.")
        return nodes.paragraph(empty, empty, classes=["presswork-listing-empty"])
    listing = nodes.bullet_list(classes=["presswork-listing"])
    for essay in essays:
        item = nodes.list_item(classes=["presswork-listing-entry"])
        title = listing_title(classes=["presswork-listing-title"], level=level)
        title += essay_link(app.builder, fromdocname, essay)
        item += title
        details = entry_details(app, essay)
        if details:
            item += nodes.paragraph(details, details, classes=["presswork-listing-meta"])
        if abstracts and essay.meta.abstract:
            item += nodes.paragraph(
                essay.meta.abstract, essay.meta.abstract, classes=["presswork-listing-abstract"]
            )
        listing += item
    return listing


def listing_html(app: Sphinx, pagename: str, essays: list[Essay]) -> str:
    """The same list written straight to HTML, for generated web pages with long lists."""
    if not essays:
        return f'<p class="presswork-listing-empty">{escape(_("No essays yet."))}</p>'
    items = []
    for essay in essays:
        uri = escape(app.builder.get_relative_uri(pagename, essay.docname))
        parts = [
            f'<h2 class="presswork-listing-title"><a class="reference internal" href="{uri}">'
            f"<span>{escape(essay.display_title)}</span></a></h2>"
        ]
        details = entry_details(app, essay)
        if details:
            parts.append(f'<p class="presswork-listing-meta">{escape(details)}</p>')
        if essay.meta.abstract:
            parts.append(f'<p class="presswork-listing-abstract">{escape(essay.meta.abstract)}</p>')
        items.append(f'<li class="presswork-listing-entry">{"".join(parts)}</li>')
    return f'<ul class="presswork-listing simple">{"".join(items)}</ul>'


def essay_link(builder: Builder, fromdocname: str, essay: Essay) -> nodes.Element:
    """A reference to an essay that works in every builder."""
    title = nodes.inline(essay.display_title, essay.display_title)
    return make_refnode(builder, fromdocname, essay.docname, "", title, essay.display_title)
