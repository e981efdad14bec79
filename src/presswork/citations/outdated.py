"""Incremental builds: an essay is read again when a work it cites, or the style, changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from presswork.citations.domain import citations_domain
from presswork.citations.processor import entry_digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from presswork.citations.bibfiles import Bibliography

CHANGED_KEYS = "changed_keys"
STYLE_CHANGED = "style_changed"


def digests(bibliography: Bibliography | None) -> dict[str, str]:
    """Each key's entry digest."""
    if bibliography is None:
        return {}
    return {key: entry_digest(entry) for key, entry in bibliography.entries.items()}


def note_changed_works(
    env: BuildEnvironment, old: Bibliography | None, new: Bibliography | None
) -> None:
    """Remember which keys were added, removed or changed since the last build (none: none)."""
    if new is None:
        citations_domain(env).data[CHANGED_KEYS] = set()
        return
    before, after = digests(old), digests(new)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    citations_domain(env).data[CHANGED_KEYS] = changed


def note_style(env: BuildEnvironment, name: str, digest: str) -> None:
    """Remember whether the style's file changed since the last build."""
    data = citations_domain(env).data
    previous = data.get("style")
    data[STYLE_CHANGED] = previous is not None and tuple(previous) != (name, digest)


def citing_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Essays that cite a changed work, or every citing essay when the style changed."""
    domain = citations_domain(env)
    keys = domain.data.pop(CHANGED_KEYS, set())
    style_changed = domain.data.pop(STYLE_CHANGED, False)
    return sorted(
        docname
        for docname, cited in domain.cited.items()
        if docname not in removed
        and docname not in changed
        and cited
        and (style_changed or any(key in keys for key, _line in cited))
    )
