"""The essays room's settings: registered on the app, read through one typed object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

DRAFTS_VARIABLE = "PRESSWORK_DRAFTS"


@dataclass(frozen=True)
class EssaysConfig:
    """Typed view of the ``presswork_*`` settings the essays room reads."""

    essays_dir: str
    drafts: bool
    words_per_minute: int
    date_format: str
    sidebar_recent: int
    sidebar_links: tuple[tuple[str, str], ...]

    def is_essay(self, docname: str) -> bool:
        """Whether ``docname`` is an essay (a document under the essays folder)."""
        return docname.startswith(self.essays_dir + "/")


def drafts_from_environment(_config: Config | None = None) -> bool:
    """Drafts are published when ``PRESSWORK_DRAFTS`` is set to anything but 0 or empty."""
    return os.environ.get(DRAFTS_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def register(app: Sphinx) -> None:
    """Declare the settings with their types and defaults."""
    app.add_config_value("presswork_essays_dir", "essays", "env", types=frozenset({str}))
    app.add_config_value(
        "presswork_drafts", drafts_from_environment, "env", types=frozenset({bool})
    )
    app.add_config_value("presswork_words_per_minute", 230, "env", types=frozenset({int}))
    app.add_config_value("presswork_date_format", "long", "env", types=frozenset({str}))
    app.add_config_value("presswork_sidebar_recent", 8, "html", types=frozenset({int}))
    app.add_config_value("presswork_sidebar_links", [], "html", types=frozenset({list, tuple}))


def essays_config(config: Config) -> EssaysConfig:
    """The one way to read the essays settings."""
    return EssaysConfig(
        essays_dir=str(config.presswork_essays_dir).strip("/"),
        drafts=bool(config.presswork_drafts),
        words_per_minute=int(config.presswork_words_per_minute),
        date_format=str(config.presswork_date_format),
        sidebar_recent=max(0, int(config.presswork_sidebar_recent)),
        sidebar_links=tuple(
            (str(title), str(target)) for title, target in config.presswork_sidebar_links
        ),
    )
