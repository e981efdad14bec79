"""What the current build reads again or loses: work on the whole collection waits for it."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TOUCHED: WeakKeyDictionary[BuildEnvironment, set[str]] = WeakKeyDictionary()


def note_removed(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """A build starts: what it has lost so far (it reads nothing more for this event)."""
    TOUCHED[env] = set(removed)
    return []


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The documents this build is about to read; the environment it loaded is set aside.

    A large collection's environment is a million objects that live until the build ends;
    Python's cycle collector would otherwise walk them all again at every full collection
    (a no-change build of 1,000 essays spent a fifth of its time there).
    """
    TOUCHED.setdefault(env, set()).update(docnames)
    gc.freeze()


def release(app: Sphinx, exception: Exception | None) -> None:
    """The build is over: the environment is the collector's again."""
    gc.unfreeze()


def nothing_touched(env: BuildEnvironment) -> bool:
    """Whether this build read no document and lost none: what was collected still holds."""
    return env in TOUCHED and not TOUCHED[env]


def register(app: Sphinx) -> None:
    """Listen to the start of reading."""
    app.connect("env-get-outdated", note_removed, priority=100)
    app.connect("env-before-read-docs", note_read, priority=900)
    app.connect("build-finished", release, priority=1000)
