"""The citations room's nodes and how each builder writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

HANGING_INDENT = "2em"


class pending_citation(addnodes.pending_xref):
    """A citation as written, formatted once the whole essay is read.

    A cross-reference to the ``cite`` domain, as the prose checks read citations, but never
    resolved as one: the essay's citations are formatted together before reading ends.
    """


class references_placeholder(nodes.General, nodes.Element):
    """Where an essay's reference list goes."""


class references_list(nodes.General, nodes.Element):
    """An essay's reference list: one entry per work, with hanging indents."""


class reference_entry(nodes.Part, nodes.TextElement):
    """One work in a reference list, the target its citations link to."""


def visit_pending_text(self: Any, node: pending_citation) -> None:
    """A citation that was never formatted is shown as typed."""
    self.body.append(self.encode(node["rawtext"]))
    raise nodes.SkipNode


def visit_pending_plain(self: TextTranslator, node: pending_citation) -> None:
    """A citation that was never formatted is shown as typed, in plain text."""
    self.add_text(node["rawtext"])
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    """Write nothing."""
    raise nodes.SkipNode


def visit_list_html(self: HTML5Translator, node: references_list) -> None:
    """A list without bullets; each entry's second line indented."""
    self.body.append(self.starttag(node, "ul", CLASS="presswork-references", role="list"))


def depart_list_html(self: HTML5Translator, node: references_list) -> None:
    """Close the list."""
    self.body.append("</ul>\n")


def visit_entry_html(self: HTML5Translator, node: reference_entry) -> None:
    """One entry, its id the target of the essay's citations."""
    self.body.append(self.starttag(node, "li", CLASS="presswork-reference"))


def depart_entry_html(self: HTML5Translator, node: reference_entry) -> None:
    """Close the entry."""
    self.body.append("</li>\n")


def visit_list_latex(self: LaTeXTranslator, node: references_list) -> None:
    """A list whose items hang: the first line at the margin, the rest indented."""
    self.body.append(
        "\n\\begin{list}{}{\\setlength{\\leftmargin}{" + HANGING_INDENT + "}"
        "\\setlength{\\itemindent}{-" + HANGING_INDENT + "}"
        "\\setlength{\\itemsep}{0.35\\baselineskip}\\setlength{\\parsep}{0pt}"
        "\\setlength{\\topsep}{0.5\\baselineskip}\\raggedright}\n"
    )


def depart_list_latex(self: LaTeXTranslator, node: references_list) -> None:
    """Close the list."""
    self.body.append("\n\\end{list}\n")


def visit_entry_latex(self: LaTeXTranslator, node: reference_entry) -> None:
    """An item, with the labels citations link to."""
    self.body.append("\n\\item " + self.hypertarget_to(node, anchor=True))


def depart_entry_latex(self: LaTeXTranslator, node: reference_entry) -> None:
    """Nothing to close."""


def visit_list_text(self: TextTranslator, node: references_list) -> None:
    """Entries one after another."""


def depart_list_text(self: TextTranslator, node: references_list) -> None:
    """Nothing to close."""


def visit_entry_text(self: TextTranslator, node: reference_entry) -> None:
    """One entry as a paragraph."""
    self.new_state(0)


def depart_entry_text(self: TextTranslator, node: reference_entry) -> None:
    """End the paragraph."""
    self.end_state()


def register_nodes(app: Sphinx) -> None:
    """Give every node a visitor for html (and EPUB), LaTeX, text, man and texinfo."""
    app.add_node(
        pending_citation,
        html=(visit_pending_text, None),
        latex=(visit_pending_text, None),
        text=(visit_pending_plain, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(
        references_placeholder,
        html=(skip, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(
        references_list,
        html=(visit_list_html, depart_list_html),
        latex=(visit_list_latex, depart_list_latex),
        text=(visit_list_text, depart_list_text),
        man=(visit_list_text, depart_list_text),
        texinfo=(visit_list_text, depart_list_text),
    )
    app.add_node(
        reference_entry,
        html=(visit_entry_html, depart_entry_html),
        latex=(visit_entry_latex, depart_entry_latex),
        text=(visit_entry_text, depart_entry_text),
        man=(visit_list_text, depart_list_text),
        texinfo=(visit_list_text, depart_list_text),
    )
