"""Which scripts a collection uses, so the PDF step loads only the machinery it needs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes

from presswork.domains import PerDocumentDomain
from presswork.latex.fonts import RUN, SCRIPT_FONTS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
# What the main fonts (Noto Serif, Sans, Sans Mono) cover: Latin, Greek, Cyrillic, punctuation.
MAIN_FONTS_COVER = re.compile(
    "[\u0000-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20bf\u2100-\u2122\ufb00-\ufb06]*"
)


class ScriptsDomain(PerDocumentDomain):
    """Per document: the script fonts it needs, and whether it needs right-to-left setting."""

    name = "presswork-scripts"
    label = "Scripts"
    data_version = 2
    per_document = ("needs",)
    initial_data: ClassVar[dict[str, Any]] = {"needs": {}}

    @property
    def needs(self) -> dict[str, tuple[str, ...]]:
        """What each document needs beyond the main fonts."""
        return cast("dict[str, tuple[str, ...]]", self.data["needs"])

    def collection_needs(self) -> set[str]:
        """What the whole collection needs."""
        return {need for needs in self.needs.values() for need in needs}


def needs_of(text: str) -> tuple[str, ...]:
    """What a text needs: 'fallback' for any character beyond the main fonts, then each script
    font it uses (by SCRIPT_FONTS), and right-to-left setting."""
    if MAIN_FONTS_COVER.fullmatch(text) is not None:
        return ()
    used = {match.lastgroup for match in RUN.finditer(text)}
    needs = ["fallback", *(script.name for script in SCRIPT_FONTS if script.name in used)]
    if RIGHT_TO_LEFT.search(text):
        needs.append("right-to-left")
    return tuple(needs)


def note_scripts(app: Sphinx, doctree: nodes.document) -> None:
    """Record what a document's text needs in print."""
    domain = cast("ScriptsDomain", app.env.get_domain(ScriptsDomain.name))
    domain.needs[app.env.docname] = needs_of(doctree.astext())


def scripts_domain(env: BuildEnvironment) -> ScriptsDomain:
    """The scripts domain of ``env``."""
    return cast("ScriptsDomain", env.get_domain(ScriptsDomain.name))
