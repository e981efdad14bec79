"""What the safety room keeps per document: the raw HTML passages the PDF leaves out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.util import logging

from presswork.domains import PerDocumentDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("presswork")


class SafetyDomain(PerDocumentDomain):
    """The number of raw HTML passages in each document, for the LaTeX build's note."""

    name = "presswork-safety"
    label = "Safety"
    data_version = 1
    per_document = ("raw_html",)
    initial_data: ClassVar[dict[str, Any]] = {"raw_html": {}}

    @property
    def raw_html(self) -> dict[str, int]:
        """Raw HTML passages (after cleaning) per document."""
        return cast("dict[str, int]", self.data["raw_html"])


def safety_domain(env: BuildEnvironment) -> SafetyDomain:
    """The safety domain of ``env``."""
    return cast("SafetyDomain", env.get_domain(SafetyDomain.name))


def in_latex_documents(app: Sphinx) -> set[str]:
    """The documents in the LaTeX builder's books: their start documents and all they include."""
    env = app.env
    found: set[str] = set()
    waiting = [str(entry[0]) for entry in app.config.latex_documents]
    while waiting:
        docname = waiting.pop()
        if docname in found:
            continue
        found.add(docname)
        waiting.extend(env.toctree_includes.get(docname, ()))
    return found


def note_raw_html_left_out(app: Sphinx, exception: Exception | None) -> None:
    """After a LaTeX build, say once how many raw HTML passages the PDF does not show."""
    if exception is not None or app.builder.format != "latex":
        return
    counts = safety_domain(app.env).raw_html
    left_out = sum(counts.get(docname, 0) for docname in in_latex_documents(app))
    if left_out:
        passages = "passage" if left_out == 1 else "passages"
        logger.info(
            f"presswork: {left_out} raw HTML {passages} left out of the PDF "
            "(raw HTML is for web pages and e-books only)"
        )
