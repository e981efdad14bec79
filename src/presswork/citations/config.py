"""The citations room's settings, read through one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from presswork.essays.config import essays_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

EXEMPT_MARKER = "presswork: no-citation-check"


@dataclass(frozen=True)
class CitationsConfig:
    """Typed view of the citation settings."""

    bibfiles: tuple[str, ...]
    levels: dict[str, str]
    strict: bool


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_bibfiles", None, "env", types=frozenset({list, tuple}))
    app.add_config_value("presswork_citation_checks", {}, "env", types=frozenset({dict}))
    app.add_config_value("presswork_strict", False, "env", types=frozenset({bool}))


def citations_config(config: Config, srcdir: Path) -> CitationsConfig:
    """The one way to read the citation settings; by default every .bib under the essays."""
    if config.presswork_bibfiles is not None:
        bibfiles = tuple(str(name) for name in config.presswork_bibfiles)
    else:
        folder = srcdir / essays_config(config).essays_dir
        bibfiles = tuple(sorted(p.relative_to(srcdir).as_posix() for p in folder.rglob("*.bib")))
    levels = {str(key): str(value) for key, value in config.presswork_citation_checks.items()}
    return CitationsConfig(bibfiles=bibfiles, levels=levels, strict=bool(config.presswork_strict))
