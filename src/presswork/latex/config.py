"""The latex room's settings, read through one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from presswork.latex.trim import TRIMS, Trim, trim_named

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

DEFAULT_TRIM = "a4"


@dataclass(frozen=True)
class LatexConfig:
    """Typed view of the print settings."""

    paper: str
    margins: str
    bleed: bool
    proof: bool
    editors: str
    strict: bool
    section_numbers: bool

    @property
    def trim(self) -> Trim:
        """The page's trim size (A4 when the name is unknown)."""
        return trim_named(self.paper) or TRIMS[DEFAULT_TRIM]

    @property
    def designed_margins(self) -> bool:
        """Whether presswork sets the margins (and so widens the gutter with the page count)."""
        return not self.margins

    @property
    def geometry(self) -> str:
        """The options for the geometry package."""
        trim = self.trim
        if self.designed_margins:
            return trim.geometry()
        return f"paperwidth={trim.width:.4g}in,paperheight={trim.height:.4g}in,{self.margins}"


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_paper", "a4", "env", types=frozenset({str}))
    app.add_config_value("presswork_margins", "", "env", types=frozenset({str}))
    app.add_config_value("presswork_bleed", False, "env", types=frozenset({bool}))
    app.add_config_value("presswork_contributors", "", "env", types=frozenset({str}))
    app.add_config_value("presswork_proof", False, "env", types=frozenset({bool, int, str}))
    app.add_config_value("presswork_section_numbers", False, "env", types=frozenset({bool}))


def latex_config(config: Config) -> LatexConfig:
    """The one way to read the print settings."""
    proof = config.presswork_proof
    return LatexConfig(
        paper=str(config.presswork_paper).lower(),
        margins=str(config.presswork_margins).strip(),
        bleed=bool(config.presswork_bleed),
        proof=proof not in (False, 0, "", "0", "false", "no"),
        editors=str(config.presswork_editors or config.author or ""),
        strict=bool(config.presswork_strict),
        section_numbers=bool(config.presswork_section_numbers),
    )
