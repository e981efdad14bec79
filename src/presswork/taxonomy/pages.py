"""A web page per term, written only when what it shows has changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from presswork import __version__
from presswork.essays.domain import essays_domain
from presswork.essays.listing import listing_nodes
from presswork.essays.nodes import _
from presswork.taxonomy.config import taxonomy_config
from presswork.taxonomy.domain import taxonomy_domain
from presswork.taxonomy.feeds import feed_path
from presswork.taxonomy.registry import KINDS
from presswork.taxonomy.resolve import has_term_pages, term_uri

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from presswork.taxonomy.model import Taxonomy, Term

WRITTEN_PAGES = "presswork-term-pages.json"
INDEX_KINDS = (*KINDS, "archive")


def term_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield the page of every used term whose content changed; remove pages of gone terms."""
    if not has_term_pages(app):
        return
    settings = taxonomy_config(app.config)
    taxonomy = taxonomy_domain(app.env).taxonomy
    record = Path(app.doctreedir) / WRITTEN_PAGES
    previous: dict[str, str] = json.loads(record.read_text()) if record.is_file() else {}
    current: dict[str, str] = {}
    context_digest = page_context_digest(app)
    prepare_partial_rendering(app)
    builder: Any = app.builder
    for kind in KINDS:
        for term in taxonomy.used(kind):
            pagename = settings.page_name(kind, term.slug)
            current[pagename] = term_signature(app, taxonomy, term, context_digest)
            if previous.get(pagename) == current[pagename] and output_file(app, pagename).exists():
                continue
            section = term_page_nodes(app, pagename, taxonomy, term)
            body = builder.render_partial(section)["fragment"]
            yield pagename, {"title": term.name, "body": body, "display_toc": False}, "page.html"
    for gone in previous.keys() - current.keys():
        output_file(app, gone).unlink(missing_ok=True)
    record.write_text(json.dumps(current, sort_keys=True))


def term_signature(app: Sphinx, taxonomy: Taxonomy, term: Term, context_digest: str) -> str:
    """Everything a term's page shows, as a digest: the page is written again only if it moves."""
    essays = essays_domain(app.env).essays
    shown = [
        (name, essay.display_title, essay.meta.date, essay.author_names, essay.meta.abstract)
        for name in taxonomy.essays_under(term)
        if (essay := essays.get(name)) is not None
    ]
    related = [
        taxonomy.terms[term.kind][key].slug for key in (term.parent or "", *term.children) if key
    ]
    text = repr((term.name, term.slug, term.description, related, shown, context_digest))
    return hashlib.sha1(text.encode()).hexdigest()


def prepare_partial_rendering(app: Sphinx) -> None:
    """Term pages have no figures or numbered sections; a build that wrote no page lacks both."""
    builder: Any = app.builder
    for attribute in ("fignumbers", "secnumbers"):
        if not hasattr(builder, attribute):
            setattr(builder, attribute, {})


def page_context_digest(app: Sphinx) -> str:
    """What every page shows besides its body: settings, templates and the sidebar."""
    builder: Any = app.builder
    templates = builder.templates.newest_template_mtime() if builder.templates else 0
    sidebar = essays_domain(app.env).data["sidebar"]
    browse = taxonomy_domain(app.env).data["browse"]
    site = taxonomy_config(app.config).site_url
    return f"{__version__}{getattr(builder, 'config_hash', '')}{templates}{sidebar!r}{browse}{site}"


def output_file(app: Sphinx, pagename: str) -> Path:
    """The file a page is written to."""
    builder: Any = app.builder
    return Path(builder.get_outfilename(pagename))


def term_page_nodes(app: Sphinx, pagename: str, taxonomy: Taxonomy, term: Term) -> nodes.Element:
    """A term's page: its name, description, parent, sub-categories and essays."""
    section = nodes.section(ids=["term"], classes=["presswork-term-page"])
    section += nodes.title(term.name, term.name)
    if term.description:
        section += nodes.paragraph(term.description, term.description)
    if term.parent:
        parent = taxonomy.terms[term.kind][term.parent]
        para = nodes.paragraph(_("Part of "), _("Part of "), classes=["presswork-term-parent"])
        para += term_reference(app, pagename, parent)
        section += para
    children = [taxonomy.terms[term.kind][key] for key in term.children]
    children = [
        child for child in taxonomy.in_reading_order(children) if taxonomy.essays_under(child)
    ]
    if children:
        para = nodes.paragraph(_("Includes "), _("Includes "), classes=["presswork-term-children"])
        for position, child in enumerate(children):
            if position:
                para += nodes.Text(", ")
            para += term_reference(app, pagename, child)
        section += para
    essays = essays_domain(app.env).essays
    docnames = taxonomy.essays_under(term)
    section += listing_nodes(app, pagename, [essays[name] for name in docnames if name in essays])
    settings = taxonomy_config(app.config)
    if settings.site_url:
        feed = feed_path(term.kind, term.slug)
        uri = app.builder.get_relative_uri(pagename, app.config.root_doc)
        base = uri.rsplit("/", 1)[0] + "/" if "/" in uri else ""
        para = nodes.paragraph(classes=["presswork-feed-link"])
        para += nodes.reference("", _("Atom feed"), refuri=base + feed)
        section += para
    return section


def term_reference(app: Sphinx, pagename: str, term: Term) -> nodes.reference:
    """A link to another term's page."""
    return nodes.reference("", term.name, internal=True, refuri=term_uri(app, pagename, term))


def browse_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the tags, categories and archive pages to the sidebar's fixed links."""
    domain = taxonomy_domain(app.env)
    browse = context.setdefault("presswork_browse", [])
    for kind in INDEX_KINDS:
        docname = domain.index_page(kind)
        if docname is not None and docname in app.env.titles:
            browse.append(
                {
                    "link": app.builder.get_relative_uri(pagename, docname),
                    "title": app.env.titles[docname].astext(),
                }
            )
