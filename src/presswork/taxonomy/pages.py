"""Web pages per term and per year, each written only when what it shows has changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswork import __version__
from presswork.diagnostics import Subtype, warn
from presswork.essays.domain import essays_domain
from presswork.essays.listing import listing_html
from presswork.essays.nodes import _
from presswork.outputs import OutputRecord
from presswork.taxonomy.config import taxonomy_config
from presswork.taxonomy.domain import taxonomy_domain
from presswork.taxonomy.feeds import SITE_FEED, feed_path
from presswork.taxonomy.registry import KINDS
from presswork.taxonomy.resolve import has_term_pages, term_uri, year_groups, year_page

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx

    from presswork.essays.model import Essay
    from presswork.taxonomy.model import Taxonomy, Term

WRITTEN_PAGES = ".presswork-pages.json"
INDEX_KINDS = (*KINDS, "archive")


@dataclass(frozen=True)
class GeneratedPage:
    """A page presswork makes: its name, title, what it shows (as a digest) and its body."""

    pagename: str
    title: str
    signature: str
    body: Callable[[], str]


def generated_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield every term and year page whose content changed; remove pages nothing shows now.

    A page whose file a document of the collection already writes is not made: the document
    is kept, with a warning.
    """
    if not has_term_pages(app):
        return
    outdir = Path(app.outdir)
    record = OutputRecord.load(outdir, WRITTEN_PAGES)
    around = surroundings(app)
    pages = [*term_pages(app, around), *year_pages(app, around)]
    documents = documents_by_output(app, {page.pagename for page in pages})
    for page in pages:
        name = output_file(app, page.pagename).relative_to(outdir).as_posix()
        if name in documents:
            record.disown(name)
            warn(
                Subtype.OUTPUT_COLLISION,
                f"the generated page {page.pagename!r} ({page.title}) would overwrite this "
                "document's page; the document is kept and the generated page is not made",
                (documents[name], None),
            )
            continue
        if record.claim(name, page.signature) is not None:
            yield page.pagename, {"title": escape(page.title), "body": page.body()}, "page.html"
    record.finish()


def documents_by_output(app: Sphinx, pagenames: set[str]) -> dict[str, str]:
    """The collection's pages that could share a file with these generated pages.

    Only a document in the same top folder (``tags/``, say) can, so the other thousand essays
    are not asked for their file names at every build.
    """
    outdir = Path(app.outdir)
    tops = {name.split("/", 1)[0] for name in pagenames}
    return {
        output_file(app, docname).relative_to(outdir).as_posix(): docname
        for docname in app.env.found_docs
        if docname.split("/", 1)[0] in tops
    }


def surroundings(app: Sphinx) -> tuple[object, ...]:
    """What every generated page shows besides its body: settings, templates, sidebar."""
    builder: Any = app.builder
    templates = builder.templates.newest_template_mtime() if builder.templates else 0
    build_info = getattr(builder, "build_info", None)
    return (
        __version__,
        getattr(build_info, "config_hash", ""),
        presswork_settings(app),
        templates,
        essays_domain(app.env).data["sidebar"],
        taxonomy_domain(app.env).data["browse"],
    )


def signature(shown: object, around: tuple[object, ...]) -> str:
    """A digest of what a page shows, and of its surroundings."""
    return hashlib.sha1(repr((shown, around)).encode()).hexdigest()


def presswork_settings(app: Sphinx) -> tuple[tuple[str, str], ...]:
    """Every presswork setting and the language, which the generated pages depend on."""
    values = [
        (item.name, repr(item.value)) for item in app.config if item.name.startswith("presswork_")
    ]
    return (*sorted(values), ("language", repr(app.config.language)))


def listed(essays: list[Essay]) -> list[tuple[object, ...]]:
    """What a listing shows of each essay."""
    return [
        (e.docname, e.display_title, e.meta.date, e.author_names, e.meta.abstract) for e in essays
    ]


def term_pages(app: Sphinx, around: tuple[object, ...]) -> list[GeneratedPage]:
    """A page for every term that has essays."""
    settings = taxonomy_config(app.config)
    taxonomy = taxonomy_domain(app.env).taxonomy
    essays = essays_domain(app.env).essays
    pages = []
    for kind in KINDS:
        for term in taxonomy.used(kind):
            chosen = [essays[name] for name in taxonomy.essays_under(term) if name in essays]
            related = relatives(taxonomy, term)
            pagename = settings.page_name(kind, term.slug)
            shown = (term.name, term.description, [t.slug for t in related], listed(chosen))
            pages.append(
                GeneratedPage(
                    pagename,
                    term.name,
                    signature((shown, settings.site_url), around),
                    partial(term_body, app, pagename, taxonomy, term, chosen),
                )
            )
    return pages


def relatives(taxonomy: Taxonomy, term: Term) -> list[Term]:
    """A term's parent and its sub-terms that have essays."""
    terms = taxonomy.terms[term.kind]
    parent = [terms[term.parent]] if term.parent else []
    children = [terms[key] for key in term.children if taxonomy.essays_under(terms[key])]
    return parent + taxonomy.in_reading_order(children)


def term_body(
    app: Sphinx, pagename: str, taxonomy: Taxonomy, term: Term, essays: list[Essay]
) -> str:
    """A term's page: name, description, parent, sub-categories, essays and feed."""
    out = [f'<section id="term" class="presswork-term-page"><h1>{escape(term.name)}</h1>']
    if term.description:
        out.append(f"<p>{escape(term.description)}</p>")
    if term.parent:
        parent_term = taxonomy.terms[term.kind][term.parent]
        parent = link_html(term_uri(app, pagename, parent_term), parent_term)
        out.append(f'<p class="presswork-term-parent">{escape(_("Part of"))} {parent}</p>')
    children = [t for t in relatives(taxonomy, term) if t.parent == term.key]
    if children:
        links = ", ".join(link_html(term_uri(app, pagename, child), child) for child in children)
        out.append(f'<p class="presswork-term-children">{escape(_("Includes"))} {links}</p>')
    out.append(listing_html(app, pagename, essays))
    if taxonomy_config(app.config).site_url:
        feed = relative_to_root(app, pagename) + feed_path(term.kind, term.slug)
        out.append(
            f'<p class="presswork-feed-link"><a href="{escape(feed)}">'
            f"{escape(_('Atom feed'))}</a></p>"
        )
    out.append("</section>")
    return "".join(out)


def link_html(uri: str, term: Term) -> str:
    """A link to a term page."""
    return f'<a class="reference internal" href="{escape(uri)}">{escape(term.name)}</a>'


def relative_to_root(app: Sphinx, pagename: str) -> str:
    """The path from ``pagename`` up to the site's root folder."""
    uri = app.builder.get_relative_uri(pagename, app.config.root_doc)
    return uri.rsplit("/", 1)[0] + "/" if "/" in uri else ""


def year_pages(app: Sphinx, around: tuple[object, ...]) -> list[GeneratedPage]:
    """A page for every year of the archive, when the collection has an archive page."""
    if taxonomy_domain(app.env).index_page("archive") is None:
        return []
    pages = []
    for year, essays in year_groups(app).items():
        pagename = year_page(year)
        body = partial(year_body, app, pagename, year, essays)
        pages.append(GeneratedPage(pagename, year, signature((year, listed(essays)), around), body))
    return pages


def year_body(app: Sphinx, pagename: str, year: str, essays: list[Essay]) -> str:
    """A year's page: its essays, newest first."""
    return (
        f'<section id="year" class="presswork-year-page"><h1>{escape(year)}</h1>'
        f"{listing_html(app, pagename, essays)}</section>"
    )


def output_file(app: Sphinx, pagename: str) -> Path:
    """The file a page is written to."""
    builder: Any = app.builder
    return Path(builder.get_outfilename(pagename))


def browse_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the tags, categories and archive pages to the sidebar's fixed links."""
    browse = context.setdefault("presswork_browse", [])
    for docname, title in browse_pages(app):
        browse.append({"link": app.builder.get_relative_uri(pagename, docname), "title": title})
    if taxonomy_config(app.config).site_url and has_term_pages(app):
        feed = relative_to_root(app, pagename) + SITE_FEED
        browse.append({"link": feed, "title": _("Atom feed")})


def browse_pages(app: Sphinx) -> list[tuple[str, str]]:
    """(docname, title) of the tags, categories and archive pages that exist."""
    domain = taxonomy_domain(app.env)
    pages = [domain.index_page(kind) for kind in INDEX_KINDS]
    return [
        (name, app.env.titles[name].astext())
        for name in pages
        if name is not None and name in app.env.titles
    ]
