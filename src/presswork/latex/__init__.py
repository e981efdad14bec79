"""The latex room: Unicode PDF via LuaLaTeX, the book, offprints and proofs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.latex import config, runs
from presswork.latex.preamble import configure_latex, fit_fonts_to_collection
from presswork.latex.scripts import ScriptsDomain, note_scripts
from presswork.latex.transforms import EssayBoundaries, ProofNotes, write_manifest

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the latex room with Sphinx."""
    app.setup_extension("presswork.essays")
    app.setup_extension("presswork.citations")
    app.setup_extension("presswork.publication")
    config.register(app)
    app.add_domain(ScriptsDomain)
    app.add_post_transform(EssayBoundaries)
    app.add_post_transform(ProofNotes)
    runs.register(app)
    app.connect("config-inited", configure_latex)
    app.connect("doctree-read", note_scripts)
    app.connect("env-updated", fit_fonts_to_collection)
    app.connect("build-finished", write_manifest)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
