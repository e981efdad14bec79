"""The citations room's settings, read through one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from presswork.essays.config import essays_config

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.config import Config

EXEMPT_MARKER = "presswork: no-citation-check"


@dataclass(frozen=True)
class CitationsConfig:
    """Typed view of the citation settings."""

    levels: dict[str, str]
    strict: bool


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_bibfiles", None, "env", types=frozenset({list, tuple}))
    app.add_config_value("presswork_citation_checks", {}, "env", types=frozenset({dict}))
    app.add_config_value(
        "presswork_citation_style", "chicago-author-date", "env", types=frozenset({str})
    )
    app.add_config_value("presswork_strict", False, "env", types=frozenset({bool}))


def citations_config(config: Config) -> CitationsConfig:
    """The one way to read the citation settings."""
    levels = {str(key): str(value) for key, value in config.presswork_citation_checks.items()}
    return CitationsConfig(levels=levels, strict=bool(config.presswork_strict))


def bibfiles(config: Config, srcdir: Path) -> list[str]:
    """The .bib files to read: the setting's, else every .bib under the essays folder."""
    if config.presswork_bibfiles is not None:
        return [str(name) for name in config.presswork_bibfiles]
    folder = srcdir / essays_config(config).essays_dir
    return sorted(path.relative_to(srcdir).as_posix() for path in folder.rglob("*.bib"))
