"""The marks a proof sets where words changed, and how each builder writes them."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from presswork.changes.words import DELETED, INSERTED

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

SPACES = re.compile(r"(\s+)")
LATEX_MACROS = {INSERTED: r"\PressworkInserted", DELETED: r"\PressworkDeleted"}
HTML_TAGS = {INSERTED: "ins", DELETED: "del"}
TEXT_SIGNS = {INSERTED: ("[+", "+]"), DELETED: ("[-", "-]")}

# In every proof, so an .aux written by a proof with changes reads in one without.
PREAMBLE = r"""
\definecolor{PressworkInserted}{RGB}{0,84,166}
\definecolor{PressworkDeleted}{RGB}{178,34,34}
\makeatletter
\newcommand{\PressworkChangeBar}{\leavevmode\marginnote{\hspace*{-1.6mm}%
  \textcolor{PressworkInserted}{\rule[-0.3\baselineskip]{1.4pt}{\baselineskip}}}}
\newcommand{\PressworkChangeAt}[1]{\protected@write\@auxout{}%
  {\string\PressworkChangePage{#1}{\thepage}}}
\newcommand{\PressworkChangePage}[2]{\@ifundefined{PressworkPages@#1}%
  {\global\@namedef{PressworkPages@#1}{#2}\global\@namedef{PressworkLast@#1}{#2}}%
  {\def\Presswork@page{#2}\expandafter\ifx\csname PressworkLast@#1\endcsname\Presswork@page
   \else\expandafter\xdef\csname PressworkPages@#1\endcsname{%
     \csname PressworkPages@#1\endcsname, #2}\global\@namedef{PressworkLast@#1}{#2}\fi}}
\newcommand{\PressworkChangedPages}[1]{\@ifundefined{PressworkPages@#1}{?}%
  {\@nameuse{PressworkPages@#1}}}
\newcommand{\Presswork@ruled}[2]{\setbox\z@\hbox{#2}\rlap{\rule[#1]{\wd\z@}{0.5pt}}\box\z@}
\newcommand{\PressworkInserted}[2]{\PressworkChangeAt{#1}\PressworkChangeBar
  {\color{PressworkInserted}\Presswork@ruled{-0.3ex}{#2}}}
\newcommand{\PressworkDeleted}[2]{\PressworkChangeAt{#1}\PressworkChangeBar
  {\color{PressworkDeleted}\Presswork@ruled{0.55ex}{#2}}}
\newcommand{\PressworkChangeNote}[2]{\PressworkChangeAt{#1}\PressworkChangeBar
  \marginnote{\hspace*{1.2mm}\sffamily\scriptsize\color{PressworkInserted}#2\par}}
\newenvironment{PressworkChangedHeading}{\par\noindent\small\sffamily}{\par}
\newcommand{\PressworkChangesPage}[1]{\clearpage\chapter*{#1}\PressworkRunningHeads{#1}{#1}%
  \begingroup\parindent\z@\parskip0.6ex}
\newcommand{\PressworkChangedEssay}[3]{\par{#1}{\small\itshape\ #2}\dotfill
  \mbox{\PressworkChangedPages{#3}}\par}
\newcommand{\PressworkRemovedEssay}[2]{\par{#1}\dotfill\mbox{\small\itshape #2}\par}
\newcommand{\PressworkChangesEnd}{\endgroup\clearpage}
\makeatother
"""


class inserted(nodes.Inline, nodes.TextElement):
    """Words that are new since the revision (``essay``: the essay's number on the changes page)."""


class deleted(nodes.Inline, nodes.TextElement):
    """Words that are gone since the revision, shown struck through where they stood."""


class change_note(nodes.Inline, nodes.TextElement):
    """A change bar and a note in the margin ("new essay"), counted on the changes page."""


class changed_heading(nodes.paragraph):
    """Under a heading whose words changed, the heading with its changes marked."""


def latex_runs(encode: Callable[[str], str], runs: list[list[str]], essay: int) -> str:
    """Front matter runs (``[op, text]``) as LaTeX, the changed words marked."""
    out = []
    for op, text in runs:
        out.append(marked_words(encode, text, LATEX_MACROS.get(op), essay))
    return " ".join(out)


def marked_words(encode: Callable[[str], str], text: str, macro: str | None, essay: int) -> str:
    """Each word in its own mark, so every line it falls on gets a change bar."""
    if macro is None:
        return encode(text)
    pieces = SPACES.split(text)
    return "".join(
        piece if SPACES.fullmatch(piece) or not piece else f"{macro}{{{essay}}}{{{encode(piece)}}}"
        for piece in pieces
    )


def visit_mark_latex(self: LaTeXTranslator, node: inserted | deleted) -> None:
    """Every word marked; a script run inside keeps its font."""
    op = INSERTED if isinstance(node, inserted) else DELETED
    macro, essay = LATEX_MACROS[op], node["essay"]
    for child in node.children:
        if isinstance(child, nodes.Text):
            self.body.append(marked_words(self.encode, child.astext(), macro, essay))
            continue
        self.body.append(f"{macro}{{{essay}}}{{")
        child.walkabout(self)
        self.body.append("}")
    raise nodes.SkipNode


def visit_note_latex(self: LaTeXTranslator, node: change_note) -> None:
    """The bar and the note, beside the line the node stands on."""
    self.body.append(rf"\PressworkChangeNote{{{node['essay']}}}{{{self.encode(node.astext())}}}")
    raise nodes.SkipNode


def visit_heading_latex(self: LaTeXTranslator, node: changed_heading) -> None:
    """Open the small line under the heading."""
    self.body.append("\n\\begin{PressworkChangedHeading}")


def depart_heading_latex(self: LaTeXTranslator, node: changed_heading) -> None:
    """Close it."""
    self.body.append("\\end{PressworkChangedHeading}\n")


def visit_mark_html(self: Any, node: nodes.Element) -> None:
    """``<ins>`` and ``<del>``."""
    op = INSERTED if isinstance(node, inserted) else DELETED
    self.body.append(f'<{HTML_TAGS[op]} class="presswork-change">')


def depart_mark_html(self: Any, node: nodes.Element) -> None:
    """Close it."""
    op = INSERTED if isinstance(node, inserted) else DELETED
    self.body.append(f"</{HTML_TAGS[op]}>")


def visit_note_html(self: Any, node: change_note) -> None:
    """A note in small type."""
    self.body.append(f'<small class="presswork-change-note">{escape(node.astext())}</small>')
    raise nodes.SkipNode


def visit_mark_text(self: TextTranslator, node: nodes.Element) -> None:
    """``[+new+]`` and ``[-old-]``."""
    op = INSERTED if isinstance(node, inserted) else DELETED
    self.add_text(TEXT_SIGNS[op][0])


def depart_mark_text(self: TextTranslator, node: nodes.Element) -> None:
    """Close it."""
    op = INSERTED if isinstance(node, inserted) else DELETED
    self.add_text(TEXT_SIGNS[op][1])


def visit_note_text(self: TextTranslator, node: change_note) -> None:
    """``[note]``."""
    self.add_text(f"[{node.astext()}] ")
    raise nodes.SkipNode


def visit_paragraph(self: Any, node: nodes.Element) -> None:
    """Any other builder writes the heading line as a paragraph."""
    self.visit_paragraph(node)


def depart_paragraph(self: Any, node: nodes.Element) -> None:
    """Close it."""
    self.depart_paragraph(node)


def register(app: Sphinx) -> None:
    """The nodes, each with writers for latex, html and text (EPUB uses html's)."""
    for mark in (inserted, deleted):
        app.add_node(
            mark,
            latex=(visit_mark_latex, None),
            html=(visit_mark_html, depart_mark_html),
            text=(visit_mark_text, depart_mark_text),
        )
    app.add_node(
        change_note,
        latex=(visit_note_latex, None),
        html=(visit_note_html, None),
        text=(visit_note_text, None),
    )
    app.add_node(
        changed_heading,
        latex=(visit_heading_latex, depart_heading_latex),
        html=(visit_paragraph, depart_paragraph),
        text=(visit_paragraph, depart_paragraph),
    )
