"""The taxonomy room's nodes: index placeholders and a page reference for print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from presswork.latex.transforms import doc_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


class term_index(nodes.General, nodes.Element):
    """Placeholder for the index of one kind of term, resolved once everything is read."""


class year_archive(nodes.General, nodes.Element):
    """Placeholder for the archive of essays by year."""


class essay_page(nodes.Inline, nodes.Element):
    """The page where an essay starts, in print; nothing elsewhere."""


def visit_page_latex(self: LaTeXTranslator, node: essay_page) -> None:
    """``p. 12``: the page of the label Sphinx puts at the start of every document."""
    self.body.append(rf", p.~\pageref{{\detokenize{{{doc_label(node['docname'])}}}}}")
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    """Write nothing."""
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """Register the nodes with writers for every builder family."""
    nothing = (skip, None)
    for node in (term_index, year_archive):
        app.add_node(node, html=nothing, latex=nothing, text=nothing, man=nothing, texinfo=nothing)
    app.add_node(
        essay_page,
        html=nothing,
        latex=(visit_page_latex, None),
        text=nothing,
        man=nothing,
        texinfo=nothing,
    )
