"""The citations room: sphinxcontrib-bibtex rendering, and checks an editor can trust."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.citations import config
from presswork.citations.bibfiles import point_bibtex_at_copies, prepare_bibliography
from presswork.citations.collect import check_essay_prose, check_sources, fail_strict_build
from presswork.citations.domain import CitationsDomain
from presswork.citations.findings import CHECKS, LEVELS
from presswork.citations.rendering import (
    UNRESOLVED_ROLE,
    EssayReferencesInPrint,
    read_citations,
    unresolved_role,
)
from presswork.citations.report import CheckBuilder, fail_on_errors
from presswork.citations.roles import guard_citation_roles
from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

ENV_VERSION = 1
BEFORE_BIBTEX = 400


def replace_bibtex_warnings(app: Sphinx, config: Config) -> None:
    """presswork reports unknown keys and missing fields itself, with its own subtypes."""
    config.suppress_warnings = [
        *config.suppress_warnings,
        "bibtex.key_not_found",
        "bibtex.missing_field",
        "bibtex.duplicate_citation",  # each essay lists its own references; links stay local
    ]


def check_levels(app: Sphinx, config: Config) -> None:
    """A check or a level that does not exist in presswork_citation_checks is reported once."""
    names = {check.value for check in CHECKS} | {check.value[5:] for check in CHECKS}
    for name, level in config.presswork_citation_checks.items():
        if name not in names or level not in LEVELS:
            warn(
                Subtype.CONFIG,
                f"presswork_citation_checks: {name!r}: {level!r} is not a check and a level "
                f"({', '.join(LEVELS)}); it is ignored",
                None,
            )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the citations room with Sphinx."""
    app.setup_extension("presswork.essays")
    app.setup_extension("sphinxcontrib.bibtex")
    config.register(app)
    guard_citation_roles(app)
    app.add_domain(CitationsDomain)
    app.add_role(UNRESOLVED_ROLE, unresolved_role)
    app.add_post_transform(EssayReferencesInPrint)
    app.add_builder(CheckBuilder)
    app.connect("config-inited", replace_bibtex_warnings)
    app.connect("config-inited", point_bibtex_at_copies)
    app.connect("config-inited", check_levels)
    app.connect("builder-inited", prepare_bibliography, priority=BEFORE_BIBTEX)
    app.connect("source-read", read_citations)
    app.connect("doctree-read", check_essay_prose)
    app.connect("env-updated", check_sources)
    app.connect("build-finished", fail_strict_build)
    app.connect("build-finished", fail_on_errors)
    return {
        "version": "builtin",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
