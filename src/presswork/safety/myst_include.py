"""MyST's ``include``, which runs outside Sphinx's directive registry, checked before it reads."""

# MyST-Parser runs every directive derived from docutils' ``Include`` through its own
# ``MockIncludeDirective`` and never calls the registered directive's ``run``. This module is the
# one place presswork touches MyST's internals; ``tests/test_safety.py`` fails if they change.

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from myst_parser import mocking

from presswork.diagnostics import Subtype, warn
from presswork.safety.config import is_registered
from presswork.safety.paths import include_refused

# None if MyST renames it: then include-read still guards, without the directive's line.
MOCK_INCLUDE: Any = getattr(mocking, "MockIncludeDirective", None)
MARK = "presswork_checks_paths"
CLIPS = ("start-line", "end-line", "start-after", "end-before")


def check_myst_includes() -> bool:
    """Make MyST's include check its path first; whether the check is in place."""
    if MOCK_INCLUDE is None:
        return False
    run = MOCK_INCLUDE.run
    if getattr(run, MARK, False):
        return True

    @functools.wraps(run)
    def checked_run(self: Any) -> Any:
        env = getattr(self.document.settings, "env", None)
        if env is None or not is_registered(env.config):
            return run(self)
        location = f"{self.document['source']}:{self.lineno}"
        written = self.arguments[0]
        if include_refused(env, self.klass.standard_include_path, written, location):
            return []
        return run_once(self, run, env.relfn2path(written)[1], location)

    setattr(checked_run, MARK, True)
    setattr(MOCK_INCLUDE, "run", checked_run)  # noqa: B010
    return True


def run_once(directive: Any, run: Any, path: str, location: str) -> Any:
    """Run an include unless it is already being included: MyST would recurse without end."""
    # The chain is kept where docutils keeps its own, in the document's ``include_log``, as
    # (file, clipping options) pairs, the first being the document itself.
    chain: list[tuple[Any, tuple[Any, ...]]] = directive.document.include_log
    if not chain:
        chain.append((str(Path(directive.document["source"]).resolve()), (None,) * len(CLIPS)))
    key = (str(Path(path).resolve()), tuple(directive.options.get(name) for name in CLIPS))
    if key in chain:
        names = " → ".join(Path(file).name for file, _ in [*chain, key])
        warn(
            Subtype.DIRECTIVE,
            f"include {directive.arguments[0]!r} goes round in a circle ({names}); left out",
            location,
        )
        return []
    chain.append(key)
    try:
        return run(directive)
    finally:
        chain.remove(key)
