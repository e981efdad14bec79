"""The book's front matter in the Chicago order: half-title, title, copyright, contents."""

from __future__ import annotations

from sphinx.util import texescape

from presswork.publication import Publication

# Macros the front matter uses; they go into the preamble once.
MACROS = r"""
\makeatletter
\newcommand{\PressworkContents}{\PressworkNextRecto
  \begingroup\parskip\z@skip\sphinxtableofcontentshook\tableofcontents\endgroup}
\newcommand{\PressworkIntroduction}[1]{\PressworkNextRecto
  \chapter*{#1}\addcontentsline{toc}{chapter}{#1}}
\newcommand{\PressworkMainMatter}{\PressworkNextRecto\pagenumbering{arabic}}
\newcommand{\PressworkBackMatter}[1]{\PressworkNextRecto
  \chapter*{#1}\addcontentsline{toc}{chapter}{#1}\PressworkRunningHeads{#1}{#1}}
\newcommand{\PressworkColophon}[2]{\clearpage\thispagestyle{empty}\vspace*{\fill}
  {\centering\small{\scshape #1}\par\medskip #2\par}\vspace*{2\baselineskip}}
\newcommand{\PressworkBlankPage}{\thispagestyle{empty}\hbox{}\clearpage}
\makeatother
"""


def lines(*parts: str) -> str:
    """The parts that are set, each a paragraph of the page."""
    return "".join(rf"{texescape.escape(part)}\par" + "\n" for part in parts if part)


def half_title(book: Publication) -> str:
    """Page i: the title alone."""
    return (
        "\\thispagestyle{empty}\\vspace*{0.25\\textheight}\n"
        f"{{\\centering\\py@HeaderFamily\\LARGE {lines(book.title)}}}\\clearpage\n"
    )


def title_page(book: Publication) -> str:
    """Page iii: title, subtitle, "Edited by …", publisher and place."""
    subtitle = rf"\vskip 1ex{{\Large\itshape {lines(book.subtitle)}}}" if book.subtitle else ""
    editors = rf"\vskip 3em{{\Large {lines(book.edited_by)}}}" if book.editors else ""
    imprint = rf"{{\large {lines(book.publisher, book.place)}}}" if book.imprint else ""
    return (
        "\\thispagestyle{empty}\\vspace*{0.12\\textheight}\n"
        f"{{\\centering\\py@HeaderFamily{{\\Huge\\bfseries {lines(book.title)}}}{subtitle}"
        f"{editors}\\vfill{imprint}}}\\clearpage\n"
    )


def copyright_page(book: Publication) -> str:
    """Page iv: © line, licence, edition, one ISBN per format, publisher and place."""
    body = (r"\medskip" + "\n").join(lines(*group) for group in book.copyright_groups)
    return (
        "\\thispagestyle{empty}\\vspace*{\\fill}\n"
        f"{{\\raggedright\\small\\parskip=0.6ex\\noindent {body}}}\\clearpage\n"
    )


def epigraph_page(book: Publication) -> str:
    """Page v, when set: the dedication and the epigraph, then a blank verso."""
    if not (book.dedication or book.epigraph):
        return ""
    dedication = rf"{{\centering\itshape {lines(book.dedication)}}}" if book.dedication else ""
    indents = r"\leftskip=0.2\textwidth\rightskip=0.1\textwidth"
    epigraph = rf"\vskip 4em{{{indents}\small {lines(book.epigraph)}}}" if book.epigraph else ""
    return (
        f"\\thispagestyle{{empty}}\\vspace*{{0.2\\textheight}}\n{dedication}{epigraph}\\clearpage\n"
        "\\PressworkBlankPage\n"
    )


def front_matter(book: Publication) -> str:
    """Everything before the contents, numbered in roman from the half-title."""
    return (
        "\\makeatletter\\pagenumbering{roman}\n"
        "\\hypersetup{pdfauthor={\\@author}, pdftitle={\\@title}}\n"
        + half_title(book)
        + "\\PressworkBlankPage\n"
        + title_page(book)
        + copyright_page(book)
        + epigraph_page(book)
        + "\\makeatother\n"
    )
