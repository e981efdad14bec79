"""Each offprint's source line: where it comes from, set in the empty head of its opening page.

The lines are typeset together, one page each, in a small document with the book's fonts and
trim size; the PDF step lays each page over its offprint's first page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util import texescape

from presswork.latex.fonts import NEEDS_ALL, babel_setup
from presswork.latex.trim import Trim

SOURCES_FOLDER = "presswork-sources"
SOURCES_TEX = "sources.tex"


def source_line(book: dict[str, Any], first: str, last: str) -> str:
    """'From *Title*, edited by …, Publisher, Year, pp. 23–41.' as LaTeX."""
    title = rf"\textit{{{texescape.escape(str(book.get('title', '')))}}}"
    editors = f"edited by {book['editors']}" if book.get("editors") else ""
    pages = f"p. {first}" if first == last else f"pp. {first}–{last}"
    rest = [editors, str(book.get("publisher", "")), str(book.get("year", "")), pages]
    return ", ".join([f"From {title}", *(texescape.escape(part) for part in rest if part)]) + "."


def sources_document(book: dict[str, Any], lines: list[str], trim: Trim, lualatex: bool) -> str:
    """A document of one page per offprint, its source line (and the licence) in the head."""
    licence = str(book.get("licence", ""))
    licence_tex = rf"\\{texescape.escape(licence)}" if licence else ""
    fonts = babel_setup(str(book.get("language", "en")), frozenset(NEEDS_ALL if lualatex else ()))
    pages = "\n".join(
        rf"\noindent\parbox[t]{{\textwidth}}{{\centering\footnotesize {line}{licence_tex}}}\newpage"
        for line in lines
    )
    return (
        "\\documentclass{article}\n"
        f"{fonts}"
        f"\\usepackage[paperwidth={trim.width:.4g}in,paperheight={trim.height:.4g}in,"
        f"top={trim.top / 3:.4g}in,bottom=0.2in,hmargin={trim.outer:.4g}in]{{geometry}}\n"
        "\\pagestyle{empty}\n\\begin{document}\n"
        f"{pages}\n\\end{{document}}\n"
    )


def write_sources(folder: Path, text: str) -> Path:
    """Write the source lines' document in a folder of its own, only when it changed."""
    (folder / SOURCES_FOLDER).mkdir(exist_ok=True)
    path = folder / SOURCES_FOLDER / SOURCES_TEX
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
