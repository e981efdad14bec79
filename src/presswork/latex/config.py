"""The latex room's settings, read through one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PAPER_SIZES = {
    "a4": "a4paper",
    "letter": "letterpaper",
    "a5": "a5paper",
    "6x9in": "paperwidth=6in,paperheight=9in",
}


@dataclass(frozen=True)
class LatexConfig:
    """Typed view of the print settings."""

    paper: str
    margins: str
    proof: bool
    editors: str
    strict: bool
    section_numbers: bool

    @property
    def geometry(self) -> str:
        """The options for the geometry package."""
        return f"{PAPER_SIZES.get(self.paper, PAPER_SIZES['a4'])},{self.margins}"


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_paper", "a4", "env", types=frozenset({str}))
    app.add_config_value("presswork_margins", "margin=25mm", "env", types=frozenset({str}))
    app.add_config_value("presswork_proof", False, "env", types=frozenset({bool, int, str}))
    app.add_config_value("presswork_editors", "", "env", types=frozenset({str}))
    app.add_config_value("presswork_section_numbers", False, "env", types=frozenset({bool}))


def latex_config(config: Config) -> LatexConfig:
    """The one way to read the print settings."""
    proof = config.presswork_proof
    return LatexConfig(
        paper=str(config.presswork_paper).lower(),
        margins=str(config.presswork_margins),
        proof=proof not in (False, 0, "", "0", "false", "no"),
        editors=str(config.presswork_editors or config.author or ""),
        strict=bool(config.presswork_strict),
        section_numbers=bool(config.presswork_section_numbers),
    )
