"""The safety room: raw HTML cleaned, raw LaTeX left out, no file read outside the source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.safety import config, paths
from presswork.safety.domain import SafetyDomain, note_raw_html_left_out
from presswork.safety.ebook import PicturesABookCannotHold
from presswork.safety.myst_include import check_myst_includes
from presswork.safety.raw import CleanRawPassages

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the safety room with Sphinx."""
    app.setup_extension("myst_parser")
    config.register(app)
    paths.register(app)
    check_myst_includes()
    app.add_domain(SafetyDomain)
    app.add_transform(CleanRawPassages)
    app.add_post_transform(PicturesABookCannotHold)
    app.connect("build-finished", note_raw_html_left_out)
    return {
        "version": "builtin",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
