"""The changes room: proofs that mark what changed since an earlier revision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the changes room with Sphinx."""
    from presswork.changes import apply, marks  # noqa: PLC0415 (essays' nodes import marks)

    app.setup_extension("presswork.latex")
    marks.register(app)
    apply.register(app)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
