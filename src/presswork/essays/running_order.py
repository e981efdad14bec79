"""The book's running order: the editors' order of essays and parts, or by date if none is set."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswork.diagnostics import Subtype, warn
from presswork.essays.domain import essays_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from presswork.essays.model import Essay

SETTING = "presswork_running_order"


@dataclass(frozen=True)
class Part:
    """A run of essays in the book, under a part title or (``title`` None) under none."""

    title: str | None
    docnames: tuple[str, ...]


def oldest_first(essay: Essay) -> tuple[bool, int, str]:
    """The default order of a book: oldest first, undated essays last, ties by file name."""
    date = essay.meta.date
    return (date is None, date.toordinal() if date else 0, essay.docname)


def register(app: Sphinx) -> None:
    """Declare the setting: a list of docnames and ``("Part title", [docnames])`` pairs."""
    app.add_config_value(SETTING, [], "env", types=frozenset({list, tuple}))


def setting_location(app: Sphinx) -> str | None:
    """Where the setting is written in conf.py, as ``path:line``."""
    path = Path(app.confdir) / "conf.py"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(rf"^{SETTING}\b", text, re.MULTILINE)
    return f"{path}:{text.count(chr(10), 0, match.start()) + 1}" if match else f"{path}:1"


def as_part(entry: Any) -> Part | None:
    """A ``("Part title", [names])`` pair (or ``{"part": …, "essays": […]}``) as a part."""
    if isinstance(entry, dict):
        entry = (entry.get("part"), entry.get("essays"))
    if not isinstance(entry, (list, tuple)) or len(entry) != len(("title", "essays")):
        return None
    title, names = entry
    if not isinstance(title, str) or not isinstance(names, (list, tuple)):
        return None
    if not all(isinstance(name, str) for name in names):
        return None
    return Part(title.strip() or None, tuple(names))


def parts_in_setting(value: Any, where: str | None) -> list[Part]:
    """The setting read as parts; an entry of the wrong shape is reported and left out."""
    parts: list[Part] = []
    loose: list[str] = []
    for entry in value if isinstance(value, (list, tuple)) else ():
        if isinstance(entry, str):
            loose.append(entry)
            continue
        part = as_part(entry)
        if part is None:
            warn(
                Subtype.RUNNING_ORDER,
                f"{SETTING}: {entry!r} is neither an essay's name nor a pair "
                "('Part title', [essay names]); left out",
                where,
            )
            continue
        if loose:
            parts.append(Part(None, tuple(loose)))
            loose = []
        parts.append(part)
    if loose:
        parts.append(Part(None, tuple(loose)))
    return parts


def plan_running_order(app: Sphinx, env: BuildEnvironment) -> None:
    """Once every essay is read, fix the book's order; report names that are not essays."""
    domain = essays_domain(env)
    essays = domain.essays
    value = app.config[SETTING]
    if not value:
        ordered = sorted(essays.values(), key=oldest_first)
        domain.data["running_order"] = [Part(None, tuple(essay.docname for essay in ordered))]
        return
    where = setting_location(app)
    placed: set[str] = set()
    parts = []
    for part in parts_in_setting(value, where):
        names = []
        for raw_name in part.docnames:
            name = raw_name.strip().removesuffix(".md").strip("/")
            if name not in essays:
                warn(Subtype.RUNNING_ORDER, f"{SETTING}: {raw_name!r} is not an essay", where)
            elif name in placed:
                warn(Subtype.RUNNING_ORDER, f"{SETTING}: {raw_name!r} is placed twice", where)
            else:
                placed.add(name)
                names.append(name)
        parts.append(Part(part.title, tuple(names)))
    rest = sorted((e for name, e in essays.items() if name not in placed), key=oldest_first)
    for essay in rest:
        warn(
            Subtype.RUNNING_ORDER,
            f"essay not placed in {SETTING}; it goes at the end of the book",
            (essay.docname, 1),
        )
    if rest:
        parts.append(Part(None, tuple(essay.docname for essay in rest)))
    domain.data["running_order"] = [part for part in parts if part.docnames]


def running_order(env: BuildEnvironment) -> list[Part]:
    """The book's parts in order, as planned once the essays were read."""
    parts: list[Part] = essays_domain(env).data.get("running_order", [])
    return parts


def essays_in_running_order(env: BuildEnvironment) -> list[str]:
    """Every essay's docname, in the book's order."""
    return [name for part in running_order(env) for name in part.docnames]
