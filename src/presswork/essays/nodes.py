"""The essays room's nodes and how each builder writes them."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from presswork.changes.marks import latex_runs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

_ = get_translation("presswork")


class essay_header(nodes.General, nodes.Element):
    """The byline under an essay's title: authors, date, reading time, tags, categories."""


class essay_listing(nodes.General, nodes.Element):
    """Placeholder for a list of essays, filled in once every essay has been read."""


class listing_title(nodes.paragraph):
    """An essay's title in a listing: a heading one level below the section the listing is in."""


def visit_listing_title_html(self: HTML5Translator, node: listing_title) -> None:
    """Open the heading (h2 under the page title, deeper in a section)."""
    self.body.append(self.starttag(node, f"h{node['level']}", ""))


def depart_listing_title_html(self: HTML5Translator, node: listing_title) -> None:
    """Close the heading."""
    self.body.append(f"</h{node['level']}>\n")


def visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    """Other builders write the title as the paragraph it is."""
    self.visit_paragraph(node)


def depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    """Close the paragraph."""
    self.depart_paragraph(node)


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return _("%s and %s") % (", ".join(names[:-1]), names[-1])


def byline_parts(node: nodes.Element) -> list[str]:
    """The byline as plain text pieces: authors, date, reading time."""
    parts = []
    if node["authors"]:
        parts.append(join_names(node["authors"]))
    if node["date_text"]:
        parts.append(node["date_text"])
    parts.append(_("%d min read") % node["minutes"])
    return parts


def term_groups(node: nodes.Element) -> list[tuple[str, str, list[str]]]:
    """(css name, label, terms) for each non-empty group of terms."""
    groups = [
        ("tags", _("Tags"), node["tags"]),
        ("categories", _("Categories"), node["categories"]),
    ]
    return [group for group in groups if group[2]]


def term_items_html(node: nodes.Element, css: str, terms: list[str]) -> str:
    """Each term as a list item, linked where the taxonomy gave it a page."""
    uris = node.get(f"{css}_uris") or [""] * len(terms)
    items = []
    for term, uri in zip(terms, uris, strict=True):
        text = escape(term)
        if uri:
            text = f'<a class="reference internal" href="{escape(uri)}">{text}</a>'
        items.append(f'<li class="presswork-term">{text}</li>')
    return "".join(items)


def visit_header_html(self: HTML5Translator, node: essay_header) -> None:
    """Write the header as a small block of semantic HTML."""
    out = ['<div class="presswork-essay-header">']
    if node.get("subtitle"):
        out.append(f'<p class="presswork-subtitle">{escape(node["subtitle"])}</p>')
    out.append('<p class="presswork-byline">')
    pieces = []
    if node["authors"]:
        names = escape(join_names(node["authors"]))
        pieces.append(f'<span class="presswork-authors">{names}</span>')
    if node["date_text"]:
        pieces.append(
            f'<time class="presswork-date" datetime="{escape(node["date_iso"])}">'
            f"{escape(node['date_text'])}</time>"
        )
    reading = escape(_("%d min read") % node["minutes"])
    pieces.append(f'<span class="presswork-reading-time">{reading}</span>')
    out.append('<span class="presswork-sep" aria-hidden="true"> · </span>'.join(pieces))
    out.append("</p>")
    for css, label, terms in term_groups(node):
        items = term_items_html(node, css, terms)
        out.append(
            f'<div class="presswork-terms presswork-{css}"><span class="presswork-label">'
            f'{escape(label)}:</span> <ul class="presswork-term-list">{items}</ul></div>'
        )
    if node.get("epigraph"):
        source = node.get("epigraph_source")
        cite = f'<p class="presswork-epigraph-source">{escape(source)}</p>' if source else ""
        out.append(
            f'<blockquote class="presswork-epigraph"><p>{escape(node["epigraph"])}</p>{cite}'
            "</blockquote>"
        )
    if node["abstract"]:
        out.append(
            f'<div class="presswork-abstract"><p class="presswork-label">{escape(_("Abstract"))}'
            f"</p><p>{escape(node['abstract'])}</p></div>"
        )
    out.append("</div>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def latex_field(self: LaTeXTranslator, node: essay_header, key: str, text: str) -> str:
    """A header field in LaTeX; in a proof since a revision, its changed words marked."""
    runs = dict(node.get("changes") or {}).get(key)
    return latex_runs(self.encode, runs, node["change_essay"]) if runs else self.encode(text)


def visit_header_latex(self: LaTeXTranslator, node: essay_header) -> None:
    """Write the header as a flush-left byline, term lines and an abstract quote."""
    changes = dict(node.get("changes") or {})
    byline = [self.encode(part) for part in byline_parts(node)]
    position = 0
    for key, text in (("authors", join_names(node["authors"])), ("date", node["date_text"])):
        if text:
            byline[position] = latex_field(self, node, key, text)
        elif key in changes:  # removed since the revision: shown struck through
            byline.insert(position, latex_field(self, node, key, ""))
        else:
            continue
        position += 1
    lines = [r" \textbullet{} ".join(byline)]
    for _css, label, terms in term_groups(node):
        lines.append(rf"\textit{{{self.encode(label)}:}} " + self.encode(", ".join(terms)))
    out = []
    if node.get("subtitle") or "subtitle" in changes:
        subtitle = latex_field(self, node, "subtitle", node["subtitle"])
        out.append(f"\n{{\\Large\\itshape\\raggedright {subtitle}\\par}}\n")
    out += ["\n\\begin{flushleft}\\small\n", "\\\\\n".join(lines), "\n\\end{flushleft}\n"]
    if node.get("epigraph") or "epigraph" in changes or "epigraph_source" in changes:
        source = node.get("epigraph_source") or ""
        cite = (
            f"\\\\\n\\upshape — {latex_field(self, node, 'epigraph_source', source)}"
            if source or "epigraph_source" in changes
            else ""
        )
        out.append(
            f"\\begin{{flushright}}\\small\\itshape "
            f"{latex_field(self, node, 'epigraph', node['epigraph'])}{cite}"
            "\\end{flushright}\n"
        )
    if node["abstract"] or "abstract" in changes:
        abstract = latex_field(self, node, "abstract", node["abstract"])
        out.append(f"\\begin{{quote}}\\small {abstract}\\end{{quote}}\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def visit_header_text(self: TextTranslator, node: essay_header) -> None:
    """Write the header as plain lines."""
    for line in header_lines(node):
        self.new_state(0)
        self.add_text(line)
        self.end_state()
    raise nodes.SkipNode


def header_lines(node: essay_header) -> list[str]:
    """The header as plain lines, for writers without markup of their own."""
    lines = [node["subtitle"]] if node.get("subtitle") else []
    lines.append(" · ".join(byline_parts(node)))
    lines += [f"{label}: {', '.join(terms)}" for _css, label, terms in term_groups(node)]
    if node.get("epigraph"):
        source = node.get("epigraph_source")
        lines.append(node["epigraph"] + (f" — {source}" if source else ""))
    if node["abstract"]:
        lines.append(node["abstract"])
    return lines


def visit_header_man(self: Any, node: essay_header) -> None:
    """Write the header as man page paragraphs."""
    for line in header_lines(node):
        self.body.append(f"\n.sp\n{self.deunicode(line)}\n")
    raise nodes.SkipNode


def visit_header_texinfo(self: Any, node: essay_header) -> None:
    """Write the header as Texinfo paragraphs."""
    for line in header_lines(node):
        self.body.append(f"\n{self.escape(line)}\n")
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    """Unresolved placeholders write nothing."""
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """Register the nodes with a writer for html, latex and text (EPUB uses html's)."""
    app.add_node(
        essay_header,
        html=(visit_header_html, None),
        latex=(visit_header_latex, None),
        text=(visit_header_text, None),
        man=(visit_header_man, None),
        texinfo=(visit_header_texinfo, None),
    )
    paragraph = (visit_as_paragraph, depart_as_paragraph)
    app.add_node(
        listing_title,
        html=(visit_listing_title_html, depart_listing_title_html),
        latex=paragraph,
        text=paragraph,
        man=paragraph,
        texinfo=paragraph,
    )
    placeholder = (skip, None)
    app.add_node(
        essay_listing,
        html=placeholder,
        latex=placeholder,
        text=placeholder,
        man=placeholder,
        texinfo=placeholder,
    )
