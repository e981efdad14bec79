"""The safety room's settings, read through one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class SafetyConfig:
    """Typed view of the settings that loosen presswork's treatment of raw input."""

    trusted_html: bool
    allow_raw_latex: bool


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_trusted_html", False, "env", types=frozenset({bool}))
    app.add_config_value("presswork_allow_raw_latex", False, "env", types=frozenset({bool}))


def safety_config(config: Config) -> SafetyConfig:
    """The one way to read the safety settings."""
    return SafetyConfig(
        trusted_html=bool(config.presswork_trusted_html),
        allow_raw_latex=bool(config.presswork_allow_raw_latex),
    )


def is_registered(config: Config) -> bool:
    """Whether this build loaded the safety room (library hooks are shared by every build)."""
    return "presswork_trusted_html" in config
