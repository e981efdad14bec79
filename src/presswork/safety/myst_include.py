"""MyST's ``include``, which runs outside Sphinx's directive registry, checked before it reads.

MyST-Parser runs every directive derived from docutils' ``Include`` through its own
``MockIncludeDirective`` and never calls the registered directive's ``run``. This module is the
one place presswork touches MyST's internals; ``tests/test_safety.py`` fails if they change.
"""

from __future__ import annotations

import functools
from typing import Any

from myst_parser import mocking

from presswork.safety.config import is_registered
from presswork.safety.paths import include_refused

# None if MyST renames it: then include-read still guards, without the directive's line.
MOCK_INCLUDE: Any = getattr(mocking, "MockIncludeDirective", None)

MARK = "presswork_checks_paths"


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
        if env is not None and is_registered(env.config):
            location = f"{self.document['source']}:{self.lineno}"
            folder = self.klass.standard_include_path
            if include_refused(env, folder, self.arguments[0], location):
                return []
        return run(self)

    setattr(checked_run, MARK, True)
    setattr(MOCK_INCLUDE, "run", checked_run)  # noqa: B010
    return True
