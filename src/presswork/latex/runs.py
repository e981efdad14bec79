"""Runs of text in a script the main fonts lack, marked so LaTeX sets each in its own font.

Choosing the font per run, from SCRIPT_FONTS, costs LaTeX nothing where the text is Latin; a
fallback font chain on the main fonts made every font LuaLaTeX loads carry seven more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from presswork.latex.fonts import OWN_CHARACTERS, RUN, SCRIPTS
from presswork.latex.scripts import MAIN_FONTS_COVER

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

# Text whose characters LaTeX sets verbatim or not at all: no font commands go in there.
VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.comment)


class script_run(nodes.inline):
    """Characters of one script (``script``: a name of SCRIPT_FONTS), in the book only."""


class ScriptRuns(SphinxPostTransform):
    """Wrap each run of a script the main fonts lack in a script_run."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Split every Text node at its script runs."""
        for text in list(self.document.findall(nodes.Text)):
            if MAIN_FONTS_COVER.fullmatch(text) or in_verbatim(text):
                continue
            pieces = split_runs(str(text))
            if len(pieces) > 1 or isinstance(pieces[0], script_run):
                text.parent.replace(text, pieces)


def in_verbatim(node: nodes.Node) -> bool:
    """Whether a node sits in code, raw output, maths or a comment."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, VERBATIM):
            return True
        parent = parent.parent
    return False


def split_runs(text: str) -> list[nodes.Node]:
    """Text and script_run nodes, in order, that together say ``text``."""
    pieces: list[nodes.Node] = []
    position = 0
    for match in RUN.finditer(text):
        if match.start() > position:
            pieces.append(nodes.Text(text[position : match.start()]))
        pieces.append(script_run(match.group(), nodes.Text(match.group()), script=match.lastgroup))
        position = match.end()
    if position < len(text) or not pieces:
        pieces.append(nodes.Text(text[position:]))
    return pieces


def visit_run_latex(self: LaTeXTranslator, node: script_run) -> None:
    """A right-to-left run in its language; any other in its font, breakable where it may be."""
    script = SCRIPTS[node["script"]]
    characters = [self.encode(character) for character in node.astext()]
    if not script.breaks_anywhere:  # spaces and punctuation between, which the font may lack
        own = OWN_CHARACTERS[script.name]
        characters = [
            text if own.match(character) else rf"{{\PressworkMainFont {text}}}"
            for character, text in zip(node.astext(), characters, strict=True)
        ]
    if script.language:
        self.body.append(rf"\foreignlanguage{{{script.language}}}{{{''.join(characters)}}}")
    else:
        joined = (r"\allowbreak{}" if script.breaks_anywhere else "").join(characters)
        self.body.append(rf"{{\PressworkScript{script.name} {joined}}}")
    raise nodes.SkipNode


def visit_run_plain(self: Any, node: script_run) -> None:
    """Other builders never see a run; if one does, it writes the text as it is."""


def depart_run_plain(self: Any, node: script_run) -> None:
    """Nothing to close."""


def register(app: Sphinx) -> None:
    """The node, with writers for latex, html and text, and the transform that makes it."""
    plain = (visit_run_plain, depart_run_plain)
    app.add_node(script_run, latex=(visit_run_latex, None), html=plain, text=plain)
    app.add_post_transform(ScriptRuns)
