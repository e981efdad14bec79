"""The collection's taxonomy: every term once, its display name, slug, essays and parent."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from presswork.diagnostics import Subtype
from presswork.taxonomy.registry import KINDS, Registry, term_key
from presswork.taxonomy.slugs import assign_slugs

SLUG_PREFIX = {"tags": "tag", "categories": "category"}


@dataclass(frozen=True)
class Use:
    """One essay naming one term, as written, at a line of its front matter."""

    docname: str
    kind: str
    written: str
    line: int


@dataclass(frozen=True)
class Finding:
    """A problem the editor should see: where, what kind, and what to do."""

    docname: str | None
    line: int
    subtype: Subtype
    message: str


@dataclass
class Term:
    """One tag or category of the collection."""

    kind: str
    key: str
    name: str
    slug: str = ""
    description: str = ""
    parent: str | None = None
    declared: bool = False
    docnames: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    """Every term by kind and key, with the alias table that maps other spellings in."""

    terms: dict[str, dict[str, Term]] = field(default_factory=lambda: {k: {} for k in KINDS})
    aliases: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in KINDS})
    rank: dict[str, dict[str, int]] = field(default_factory=lambda: {k: {} for k in KINDS})
    positions: dict[str, int] = field(default_factory=dict)

    def position(self, docname: str) -> int:
        """Where an essay stands in the collection, newest first."""
        return self.positions.get(docname, len(self.positions))

    def in_reading_order(self, terms: list[Term]) -> list[Term]:
        """Terms in the order ``rank`` gives them (collation order, set once per build)."""
        return sorted(terms, key=lambda term: self.rank[term.kind].get(term.key, 0))

    def find(self, kind: str, written: str) -> Term | None:
        """The term an essay means by ``written``."""
        key = term_key(written)
        return self.terms[kind].get(self.aliases[kind].get(key, key))

    def used(self, kind: str) -> list[Term]:
        """Terms with at least one essay (in a subtree, for categories)."""
        return [term for term in self.terms[kind].values() if self.essays_under(term)]

    def essays_under(self, term: Term) -> list[str]:
        """The essays of a term and of every term below it, each once, newest first."""
        if not term.children:
            return term.docnames
        seen: set[str] = set(term.docnames)
        for child in term.children:
            seen.update(self.essays_under(self.terms[term.kind][child]))
        return sorted(seen, key=self.position)

    def roots(self, kind: str) -> list[Term]:
        """Terms without a parent."""
        return [term for term in self.terms[kind].values() if term.parent is None]


def build_taxonomy(
    registry: Registry, uses: list[Use], *, strict: bool, transliterate: bool
) -> tuple[Taxonomy, list[Finding]]:
    """Merge declared and used terms into one taxonomy, and report what an editor must fix."""
    taxonomy = Taxonomy()
    findings: list[Finding] = []
    for kind in KINDS:
        findings += _build_kind(
            taxonomy, registry, kind, [u for u in uses if u.kind == kind], strict
        )
    findings += _link_parents(taxonomy, registry)
    for kind in KINDS:
        names = {term.key: term.name for term in taxonomy.used(kind)}
        slugs, collisions = assign_slugs(
            names, names, prefix=SLUG_PREFIX[kind], transliterate=transliterate
        )
        for key, slug in slugs.items():
            taxonomy.terms[kind][key].slug = slug
        for loser, winner, slug in collisions:
            findings.append(_collision(taxonomy.terms[kind], (loser, winner, slug), uses))
    return taxonomy, findings


def _build_kind(
    taxonomy: Taxonomy, registry: Registry, kind: str, uses: list[Use], strict: bool
) -> list[Finding]:
    """Collect one kind's terms; report variants and, when strict, undeclared terms."""
    declared = registry.terms[kind]
    aliases = registry.aliases(kind)
    taxonomy.aliases[kind] = aliases
    findings: list[Finding] = []
    spellings: dict[str, Counter[str]] = {}
    for key, entry in declared.items():
        taxonomy.terms[kind][key] = Term(
            kind, key, entry.name, description=entry.description, declared=True
        )
    for use in sorted(uses, key=lambda u: (u.docname, u.line)):
        written_key = term_key(use.written)
        key = aliases.get(written_key, written_key)
        if strict and key not in declared:
            findings.append(
                Finding(
                    use.docname,
                    use.line,
                    Subtype.TAXONOMY_UNKNOWN,
                    f"{kind[:-1]} {use.written!r} is not in the taxonomy registry",
                )
            )
        term = taxonomy.terms[kind].get(key)
        if term is None:
            term = taxonomy.terms[kind][key] = Term(kind, key, use.written)
        if use.docname not in term.docnames:
            term.docnames.append(use.docname)
        if written_key == key:
            spellings.setdefault(key, Counter())[use.written] += 1
    for key, counter in spellings.items():
        term = taxonomy.terms[kind][key]
        if not term.declared:
            term.name = max(counter, key=lambda spelling: counter[spelling])
    for use in uses:
        written_key = term_key(use.written)
        term = taxonomy.terms[kind].get(aliases.get(written_key, written_key))
        if term is not None and written_key == term.key and use.written != term.name:
            findings.append(
                Finding(
                    use.docname,
                    use.line,
                    Subtype.TAXONOMY_VARIANT,
                    f"{kind[:-1]} {use.written!r} is written {term.name!r} elsewhere; "
                    f"both are shown as {term.name!r}",
                )
            )
    return findings


def _collision(terms: dict[str, Term], collision: tuple[str, str, str], uses: list[Use]) -> Finding:
    """Report that two terms wanted the same slug, at the first use of the one that moved."""
    loser, winner, slug = collision
    kind = terms[loser].kind
    first = next((u for u in uses if u.kind == kind and term_key(u.written) == loser), None)
    return Finding(
        first.docname if first else None,
        first.line if first else 1,
        Subtype.TAXONOMY_SLUG,
        f"{kind[:-1]} {terms[loser].name!r} would share a page with {terms[winner].name!r}; "
        f"its page is '{slug}'",
    )


def _link_parents(taxonomy: Taxonomy, registry: Registry) -> list[Finding]:
    """Attach declared parents to categories, refusing unknown parents and cycles."""
    findings: list[Finding] = []
    categories = taxonomy.terms["categories"]
    for key, entry in registry.terms["categories"].items():
        if entry.parent is None:
            continue
        parent = term_key(entry.parent)
        parent = taxonomy.aliases["categories"].get(parent, parent)
        message = None
        if parent not in categories:
            message = f"parent {entry.parent!r} of {entry.name!r} is not a known category"
        elif _is_ancestor(categories, key, parent):
            message = f"making {entry.parent!r} the parent of {entry.name!r} would be a cycle"
        if message:
            findings.append(Finding(None, entry.line, Subtype.TAXONOMY_FILE, message))
            continue
        categories[key].parent = parent
        categories[parent].children.append(key)
    return findings


def _is_ancestor(categories: dict[str, Term], key: str, candidate: str) -> bool:
    """Whether ``key`` is ``candidate`` or one of its ancestors."""
    current: str | None = candidate
    while current is not None:
        if current == key:
            return True
        current = categories[current].parent
    return False
