"""The taxonomy room's settings, read through one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from presswork.essays.config import essays_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PAGE_FOLDERS = {"tags": "tags", "categories": "categories"}
FEED_FOLDER = "feeds"


@dataclass(frozen=True)
class TaxonomyConfig:
    """Typed view of the taxonomy settings."""

    registry_file: str
    strict: bool
    transliterate: bool
    site_url: str
    feed_length: int

    def page_name(self, kind: str, slug: str) -> str:
        """The HTML page name of a term: ``tags/solidarity``."""
        return f"{PAGE_FOLDERS[kind]}/{slug}"


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_taxonomy_file", "", "env", types=frozenset({str}))
    app.add_config_value("presswork_taxonomy_strict", False, "env", types=frozenset({bool}))
    app.add_config_value("presswork_taxonomy_transliterate", False, "env", types=frozenset({bool}))
    app.add_config_value("presswork_site_url", "", "html", types=frozenset({str}))
    app.add_config_value("presswork_feed_length", 20, "html", types=frozenset({int}))


def taxonomy_config(config: Config) -> TaxonomyConfig:
    """The one way to read the taxonomy settings."""
    registry = config.presswork_taxonomy_file or f"{essays_config(config).essays_dir}/taxonomy.yml"
    return TaxonomyConfig(
        registry_file=registry,
        strict=bool(config.presswork_taxonomy_strict),
        transliterate=bool(config.presswork_taxonomy_transliterate),
        site_url=str(config.presswork_site_url).rstrip("/"),
        feed_length=max(1, int(config.presswork_feed_length)),
    )
