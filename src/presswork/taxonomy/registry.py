"""The registry of declared terms, read from ``taxonomy.yml`` with the line of every entry."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from presswork.diagnostics import Subtype

KINDS = ("tags", "categories")
ENTRY_FIELDS = frozenset({"name", "description", "aliases", "parent"})


def term_key(name: str) -> str:
    """Identity of a term: NFKC-normalised, case-folded, with single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class Declared:
    """One term as the registry declares it."""

    kind: str
    name: str
    line: int
    description: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass
class Registry:
    """Every declared term by kind and key, and where the file went wrong."""

    terms: dict[str, dict[str, Declared]] = field(default_factory=lambda: {k: {} for k in KINDS})
    problems: list[tuple[int, Subtype, str]] = field(default_factory=list)

    def aliases(self, kind: str) -> dict[str, str]:
        """Alias key → term key (the first declaration wins a clash; see ``alias_clashes``)."""
        table: dict[str, str] = {}
        for key, term in self.terms[kind].items():
            for alias in term.aliases:
                table.setdefault(term_key(alias), key)
        return table

    def alias_clashes(self, kind: str) -> list[tuple[int, str]]:
        """(line, message) for each alias that is another term's name or alias."""
        clashes = []
        owners: dict[str, str] = {}
        for key, term in self.terms[kind].items():
            for alias in term.aliases:
                alias_key = term_key(alias)
                owner = owners.setdefault(alias_key, key)
                if owner != key or (alias_key in self.terms[kind] and alias_key != key):
                    clashes.append(
                        (term.line, f"alias {alias!r} of {term.name!r} is taken already")
                    )
        return clashes


def read_registry(text: str) -> Registry:
    """Parse the registry file; every bad entry is a problem at its line, never an exception."""
    registry = Registry()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        registry.problems.append((line, Subtype.TAXONOMY_FILE, f"not valid YAML: {error}"))
        return registry
    if root is None:
        return registry
    if not isinstance(root, yaml.MappingNode):
        registry.problems.append(
            (1, Subtype.TAXONOMY_FILE, "expected a mapping with 'tags' and 'categories'")
        )
        return registry
    for kind_node, entries in root.value:
        kind = str(kind_node.value)
        line = kind_node.start_mark.line + 1
        if kind not in KINDS:
            registry.problems.append(
                (
                    line,
                    Subtype.TAXONOMY_FILE,
                    f"unknown section {kind!r}; use 'tags' or 'categories'",
                )
            )
            continue
        if not isinstance(entries, yaml.SequenceNode):
            registry.problems.append((line, Subtype.TAXONOMY_FILE, f"{kind!r} should be a list"))
            continue
        for entry in entries.value:
            _read_entry(registry, kind, entry)
    for kind in KINDS:
        registry.problems += [
            (line, Subtype.TAXONOMY_FILE, message) for line, message in registry.alias_clashes(kind)
        ]
    return registry


def _read_entry(registry: Registry, kind: str, node: yaml.Node) -> None:
    """Read one entry: a bare name, or a mapping with name, description, aliases, parent."""
    line = node.start_mark.line + 1
    value: Any = yaml.SafeLoader(yaml.serialize(node)).get_single_data()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = {"name": str(value)}
    name = value.get("name") if isinstance(value, dict) else None
    if isinstance(name, int | float) and not isinstance(name, bool):
        value["name"] = str(name)
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        registry.problems.append(
            (line, Subtype.TAXONOMY_FILE, f"each entry of {kind!r} needs a 'name'")
        )
        return
    unknown = sorted(str(key) for key in value if key not in ENTRY_FIELDS)
    if unknown:
        registry.problems.append(
            (line, Subtype.TAXONOMY_FILE, f"unknown field(s) {', '.join(unknown)} are ignored")
        )
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list):
        aliases = [aliases]
    parent = value.get("parent")
    if parent is not None and kind != "categories":
        registry.problems.append((line, Subtype.TAXONOMY_FILE, "only categories have a parent"))
        parent = None
    declared = Declared(
        kind=kind,
        name=" ".join(str(value["name"]).split()),
        line=line,
        description=str(value.get("description") or "").strip(),
        aliases=tuple(str(alias) for alias in aliases),
        parent=str(parent) if parent is not None else None,
    )
    key = term_key(declared.name)
    if key in registry.terms[kind]:
        first = registry.terms[kind][key].line
        registry.problems.append(
            (
                line,
                Subtype.TAXONOMY_FILE,
                f"{declared.name!r} is declared twice (first on line {first})",
            )
        )
        return
    registry.terms[kind][key] = declared
