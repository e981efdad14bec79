"""Strict builds for publishing: every presswork warning is an error, named once, and fails."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sphinx.util import logging as sphinx_logging

from presswork.diagnostics import WARNING_TYPE, logger

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


class PublishingProblems(logging.Filter):
    """Sees every warning on its way to the console: presswork's become errors, each shown once."""

    def __init__(self) -> None:
        super().__init__("presswork-strict")
        self.named: set[tuple[str, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        """Let a presswork warning through once, as an error; every other record as it is."""
        if getattr(record, "type", None) != WARNING_TYPE:
            return True
        key = (str(getattr(record, "location", "")), record.getMessage())
        if key in self.named:
            return False
        self.named.add(key)
        record.levelno, record.levelname = logging.ERROR, "ERROR"
        return True


def is_strict(config: Config) -> bool:
    """Whether this build publishes: ``presswork_strict``."""
    return bool(config.presswork_strict)


def watch_warnings(app: Sphinx, config: Config) -> None:
    """In a strict build, put the filter on the handlers that write warnings."""
    if not is_strict(config):
        return
    problems = PublishingProblems()
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            handler.addFilter(problems)
    app.connect("build-finished", lambda app, error: fail_on_problems(app, error, problems))


def fail_on_problems(
    app: Sphinx, exception: Exception | None, problems: PublishingProblems
) -> None:
    """A strict build with any presswork problem ends non-zero, after writing its output."""
    if exception is None and problems.named:
        logger.info("presswork: strict build: %d problem(s), listed above", len(problems.named))
        app.statuscode = 1


def read_everything(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """A strict build reads every document, so no problem hides in an unchanged one."""
    return sorted(env.found_docs - removed) if is_strict(env.config) else []


def setup(app: Sphinx) -> dict[str, Any]:
    """Register strict builds."""
    app.connect("config-inited", watch_warnings)
    app.connect("env-get-outdated", read_everything)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
