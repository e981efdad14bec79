"""What presswork puts into Sphinx's LaTeX: engine, fonts, page, metadata, proof marks."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.osutil import make_filename

from presswork.changes.marks import PREAMBLE as CHANGE_MARKS
from presswork.diagnostics import Subtype, warn
from presswork.essays.domain import essays_domain
from presswork.latex.backmatter import colophon
from presswork.latex.config import latex_config
from presswork.latex.fonts import FONTS_MARK, babel_setup, engine_for, typefaces
from presswork.latex.frontmatter import MACROS, front_matter
from presswork.latex.scripts import scripts_domain
from presswork.latex.trim import GUTTER_INPUT, TRIMS, trim_named
from presswork.publication import publication

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

ENGINE = "lualatex"
LAYOUT = r"""
\usepackage{xurl}
% Paragraphs as in a book: indented, no space between them (Sphinx loads parskip).
\setlength{\parskip}{0pt plus 0.5pt}
\setlength{\parindent}{1.2em}
\clubpenalty=10000
\widowpenalty=10000
\displaywidowpenalty=10000
\raggedbottom
\setlength{\emergencystretch}{3em}
\tolerance=2000
\hbadness=10000
% A citation links to its reference in upright type, not in Sphinx's italic cross-reference.
\makeatletter
\@namedef{DUrolepresswork-citation}#1{{\let\sphinxcrossref\@firstofone#1}}
\makeatother
"""
# A book of essays: no chapter numbers, no "Release"; verso head the essay's authors, recto its
# title, page numbers at the outer corner; an essay's opening page has no running head.
BOOK = r"""
\makeatletter
\newcommand{\PressworkVerso}{}
\newcommand{\PressworkRecto}{}
\newcommand{\PressworkRunningHeads}[2]{\renewcommand{\PressworkVerso}{#1}%
  \renewcommand{\PressworkRecto}{#2}}
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[LE]{{\py@HeaderFamily\small\PressworkVerso}}%
  \fancyhead[RO]{{\py@HeaderFamily\small\PressworkRecto}}%
  \fancyfoot[LE,RO]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0pt}%
  \renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{%
  \fancyhf{}%
  \fancyfoot[LE,RO]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0pt}%
  \renewcommand{\footrulewidth}{0pt}}
\AtBeginDocument{\renewcommand{\releasename}{}}
% The next right-hand page, any blank left-hand page before it without head or folio.
\newcommand{\PressworkNextRecto}{\clearpage\if@twoside\ifodd\c@page\else
  \hbox{}\thispagestyle{empty}\newpage\fi\fi}
\newcommand{\PressworkPart}[1]{\PressworkNextRecto\thispagestyle{empty}%
  \phantomsection\addcontentsline{toc}{part}{#1}%
  \vspace*{0.3\textheight}{\centering\py@HeaderFamily\Huge\bfseries #1\par}\PressworkNextRecto}
\newcommand{\PressworkContentsAuthors}[1]{{\vskip 2pt\leftskip=1.5em\rightskip=2.55em
  \noindent\normalfont\small\itshape #1\par}}
\makeatother
"""
UNNUMBERED = r"""
\setcounter{secnumdepth}{-1}
"""
# Sections numbered 1, 1.1 within each essay; the essay itself keeps no number.
SECTION_NUMBERS = r"""
\makeatletter
\renewcommand{\thechapter}{}
\renewcommand{\thesection}{\arabic{section}}
\renewcommand{\@makechapterhead}[1]{\vspace*{40\p@}{\parindent\z@\raggedright\normalfont
  \interlinepenalty\@M\py@HeaderFamily\huge\bfseries #1\par\nobreak\vskip 30\p@}}
\makeatother
"""
PROOF = r"""
\usepackage[pagewise]{lineno}
\renewcommand\linenumberfont{\normalfont\tiny\sffamily\color{gray}}
\AtBeginDocument{\linenumbers}
\usepackage{draftwatermark}
\DraftwatermarkOptions{text=PROOF,scale=1,color={[gray]{0.85}}}
\usepackage{eso-pic}
\AddToShipoutPictureFG{\AtPageLowerLeft{\raisebox{6mm}{\makebox[\paperwidth]{%
  \sffamily\scriptsize PROOF \textbullet{} STAMP \textbullet{} page \thepage}}}}
\usepackage{marginnote}
\renewcommand*{\raggedrightmarginnote}{\raggedright}
\newcommand{\PressworkProofNote}[1]{\leavevmode\marginnote{\sffamily\scriptsize\color{red}#1\par}}
\geometry{right=32mm,marginparwidth=24mm,marginparsep=3mm}
"""


def configure_latex(app: Sphinx, config: Config) -> None:
    """Unicode by default: LuaLaTeX with fonts for every script, and presswork's page."""
    settings = latex_config(config)
    if trim_named(settings.paper) is None:
        warn(
            Subtype.CONFIG,
            f"presswork_paper {config.presswork_paper!r} is not a trim size presswork knows "
            f"({', '.join(TRIMS)}); using A4",
            None,
        )
    if config.latex_engine == "pdflatex":
        config.latex_engine = ENGINE
    elements = dict(config.latex_elements)
    elements.setdefault("fontenc", "")
    elements.setdefault("fontpkg", "")
    elements.setdefault("polyglossia", "")
    elements.setdefault("babel", babel_setup(config.language or "en"))
    elements.setdefault("geometry", rf"\usepackage[{settings.geometry}]{{geometry}}")
    elements.setdefault("maxlistdepth", "10")
    sides = "oneside" if settings.proof else "twoside"  # a proof's notes need the right margin
    elements.setdefault("extraclassoptions", f"openany,{sides}")
    elements.setdefault("fncychap", "")
    elements.setdefault("maketitle", front_matter(publication(config)))
    elements.setdefault("tableofcontents", r"\PressworkContents")
    stamp = version_stamp(Path(app.srcdir))
    proof = PROOF.replace("STAMP", stamp) + CHANGE_MARKS if settings.proof else ""
    numbers = SECTION_NUMBERS if settings.section_numbers else UNNUMBERED
    gutter = GUTTER_INPUT + "\n" if settings.designed_margins and not settings.proof else ""
    elements["preamble"] = (
        elements.get("preamble", "") + gutter + LAYOUT + BOOK + MACROS + numbers + proof
    )
    config.latex_elements = elements
    if config.presswork_editors:
        config.latex_documents = [
            (
                config.root_doc,
                f"{make_filename(config.project)}.tex",
                config.project,
                settings.editors,
                "manual",
            ),
        ]


def fit_fonts_to_collection(app: Sphinx, env: BuildEnvironment) -> None:
    """Once every essay is read: the fonts, scripts and languages it uses, and the colophon."""
    builder: Any = app.builder
    if builder.format != "latex":
        return
    needs = scripts_domain(env).collection_needs()
    if not builder.context.get("atendofbody"):
        engine = engine_for(needs)
        builder.context["atendofbody"] = colophon(engine, typefaces(needs), app.config.version)
    if FONTS_MARK not in builder.context.get("multilingual", ""):
        return  # the publication set its own babel
    others = frozenset(
        essay.meta.lang for essay in essays_domain(env).essays.values() if essay.meta.lang
    )
    setup = babel_setup(app.config.language or "en", needs, others)
    builder.context["babel"] = builder.context["multilingual"] = setup


def version_stamp(srcdir: Path) -> str:
    """'commit 1a2b3c4, 2026-11-25' in git, else 'built 2026-11-25'."""
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%h, %cs"],
            cwd=srcdir,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    if commit:
        return f"commit {commit}"
    return f"built {dt.date.today().isoformat()}"
