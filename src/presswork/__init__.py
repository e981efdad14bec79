"""presswork: publish a collection of essays to the web, to print and to e-book readers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

SUB_EXTENSIONS = (
    "presswork.essays",
    "presswork.taxonomy",
    "presswork.citations",
    "presswork.latex",
    "presswork.changes",
    "presswork.epub",
    "presswork.strict",
    "presswork.safety",
    "presswork.redirects",
    "presswork.site",
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Load every presswork sub-extension."""
    for extension in SUB_EXTENSIONS:
        app.setup_extension(extension)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
