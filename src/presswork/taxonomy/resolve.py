"""Fill in term links and index pages once everything is read, for whichever builder runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from presswork.essays.domain import essays_domain
from presswork.essays.listing import entry_details, essay_link
from presswork.essays.nodes import _, essay_header
from presswork.outputs import is_web_build
from presswork.taxonomy.config import taxonomy_config
from presswork.taxonomy.domain import taxonomy_domain
from presswork.taxonomy.nodes import essay_page, term_index, year_archive
from presswork.taxonomy.registry import KINDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from presswork.essays.model import Essay
    from presswork.taxonomy.model import Taxonomy, Term

LABELS = {"tags": _("Tags"), "categories": _("Categories")}


def has_term_pages(app: Sphinx) -> bool:
    """Whether this builder gives every term a page of its own (the web site does)."""
    return is_web_build(app.builder)


def anchor(kind: str, slug: str) -> str:
    """The id of a term's section on an index page."""
    return f"{kind[:-1] if kind.endswith('s') else kind}-{slug}"


def term_uri(app: Sphinx, fromdocname: str, term: Term) -> str:
    """Where a link to ``term`` goes from ``fromdocname``: its page, or its index section."""
    if has_term_pages(app):
        page = taxonomy_config(app.config).page_name(term.kind, term.slug)
        return app.builder.get_relative_uri(fromdocname, page)
    index = taxonomy_domain(app.env).index_page(term.kind)
    if index is None:
        return ""
    base = app.builder.get_relative_uri(fromdocname, index) if index != fromdocname else ""
    if "#" in base:  # a single-page build addresses documents by fragment already
        base = ""
    return f"{base}#{anchor(term.kind, term.slug)}"


def resolve_taxonomy(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Link each essay header's terms and fill every index placeholder."""
    taxonomy = taxonomy_domain(app.env).taxonomy
    for header in doctree.findall(essay_header):
        link_header(app, docname, header, taxonomy)
    for index in list(doctree.findall(term_index)):
        index.replace_self(index_nodes(app, docname, taxonomy, index["kind"]))
    for archive in list(doctree.findall(year_archive)):
        archive.replace_self(archive_nodes(app, docname))


def link_header(app: Sphinx, docname: str, header: essay_header, taxonomy: Taxonomy) -> None:
    """Show each term under its collection-wide name, linked to its page where there is one."""
    for kind in KINDS:
        shown: dict[str, str] = {}
        for written in header[kind]:
            term = taxonomy.find(kind, written)
            name = term.name if term else written
            if name not in shown:
                shown[name] = term_uri(app, docname, term) if term and term.slug else ""
        header[kind] = list(shown)
        header[f"{kind}_uris"] = list(shown.values())


def index_nodes(app: Sphinx, docname: str, taxonomy: Taxonomy, kind: str) -> list[nodes.Node]:
    """The index of one kind: an overview with counts, then (off the web) every term's essays."""
    used = {term.key for term in taxonomy.used(kind)}
    if not used:
        empty = _("No essays have %s yet.") % LABELS[kind].lower()
        return [nodes.paragraph(empty, empty, classes=["presswork-index-empty"])]
    top = [term for term in taxonomy.terms[kind].values() if term.parent is None]
    overview = term_list(app, docname, taxonomy, taxonomy.in_reading_order(top), used)
    result: list[nodes.Node] = [overview]
    if not has_term_pages(app):
        for term in taxonomy.in_reading_order([taxonomy.terms[kind][key] for key in used]):
            result += term_section(app, docname, taxonomy, term)
    return result


def term_list(
    app: Sphinx, docname: str, taxonomy: Taxonomy, terms: list[Term], used: set[str]
) -> nodes.bullet_list:
    """Terms with their counts, sub-categories nested under their parent."""
    listing = nodes.bullet_list(classes=["presswork-term-index"])
    for term in terms:
        if term.key not in used:
            continue
        count = len(taxonomy.essays_under(term))
        item = nodes.list_item(classes=["presswork-term-entry"])
        para = nodes.paragraph()
        label = nodes.inline(term.name, term.name, classes=["presswork-term-name"])
        uri = term_uri(app, docname, term)
        para += nodes.reference("", "", label, internal=True, refuri=uri) if uri else label
        para += nodes.inline(f" ({count})", f" ({count})", classes=["presswork-term-count"])
        item += para
        children = [taxonomy.terms[term.kind][key] for key in term.children]
        if children:
            item += term_list(app, docname, taxonomy, taxonomy.in_reading_order(children), used)
        listing += item
    return listing


def term_section(app: Sphinx, docname: str, taxonomy: Taxonomy, term: Term) -> list[nodes.Node]:
    """One term's essays under an anchor, for e-books and print."""
    target = nodes.target("", "", ids=[anchor(term.kind, term.slug)])
    heading = nodes.rubric(term.name, term.name, classes=["presswork-term-heading"])
    result: list[nodes.Node] = [target, heading]
    if term.description:
        result.append(nodes.paragraph(term.description, term.description))
    result.append(essay_entries(app, docname, taxonomy.essays_under(term)))
    return result


def essay_entries(app: Sphinx, docname: str, docnames: list[str]) -> nodes.bullet_list:
    """Essays as short entries: title, authors, date, and in print the page they start on."""
    essays = essays_domain(app.env).essays
    listing = nodes.bullet_list(classes=["presswork-term-essays"])
    for name in docnames:
        essay = essays.get(name)
        if essay is None:
            continue
        para = nodes.paragraph()
        para += essay_link(app.builder, docname, essay)
        details = entry_details(app, essay)
        if details:
            para += nodes.inline(f" · {details}", f" · {details}", classes=["presswork-entry-meta"])
        para += essay_page("", docname=essay.docname)
        listing += nodes.list_item("", para)
    return listing


def year_page(year: str) -> str:
    """The web page of one year of the archive."""
    return f"archive/{year.lower()}"


def year_groups(app: Sphinx) -> dict[str, list[Essay]]:
    """Essays by year, newest year first; undated essays last."""
    years: dict[str, list[Essay]] = {}
    for essay in essays_domain(app.env).newest_first():
        year = str(essay.meta.date.year) if essay.meta.date else _("Undated")
        years.setdefault(year, []).append(essay)
    return years


def archive_nodes(app: Sphinx, docname: str) -> list[nodes.Node]:
    """Every year with its count; on the web each links its page, elsewhere its section."""
    years = year_groups(app)
    if not years:
        empty = _("No essays yet.")
        return [nodes.paragraph(empty, empty, classes=["presswork-index-empty"])]
    overview = nodes.bullet_list(classes=["presswork-archive-years"])
    result: list[nodes.Node] = [overview]
    for year, essays in years.items():
        label = nodes.inline(year, year, classes=["presswork-archive-year"])
        count = f" ({len(essays)})"
        if has_term_pages(app):
            uri = app.builder.get_relative_uri(docname, year_page(year))
            link: nodes.Node = nodes.reference("", "", label, internal=True, refuri=uri)
        else:
            link = make_refnode(app.builder, docname, docname, f"year-{year.lower()}", label)
            result.append(nodes.target("", "", ids=[f"year-{year.lower()}"]))
            result.append(nodes.rubric(year, year, classes=["presswork-archive-heading"]))
            result.append(essay_entries(app, docname, [essay.docname for essay in essays]))
        overview += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(count)))
    return result
