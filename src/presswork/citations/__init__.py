"""The citations room: CSL styles through citeproc-py, and checks an editor can trust."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from presswork.citations import config
from presswork.citations.bibfiles import prepare_bibliography
from presswork.citations.collect import CheckEssayProse, check_sources, fail_strict_build
from presswork.citations.domain import CitationsDomain
from presswork.citations.findings import CHECKS, LEVELS
from presswork.citations.nodes import register_nodes
from presswork.citations.placement import register_placement
from presswork.citations.rendering import UNRESOLVED_ROLE, read_citations, unresolved_role
from presswork.citations.report import CheckBuilder, fail_on_errors
from presswork.citations.roles import register_roles
from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

ENV_VERSION = 3


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
    config.register(app)
    register_nodes(app)
    register_roles(app)
    register_placement(app)
    app.add_domain(CitationsDomain)
    app.add_role(UNRESOLVED_ROLE, unresolved_role)
    app.add_builder(CheckBuilder)
    app.connect("config-inited", check_levels)
    app.connect("builder-inited", prepare_bibliography)
    app.connect("source-read", read_citations)
    app.add_transform(CheckEssayProse)
    app.connect("env-updated", check_sources)
    app.connect("build-finished", fail_strict_build)
    app.connect("build-finished", fail_on_errors)
    return {
        "version": "builtin",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
