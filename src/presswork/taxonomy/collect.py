"""Build the taxonomy once all essays are read; report its problems; say which pages moved."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from presswork.diagnostics import Subtype, warn
from presswork.essays.domain import essays_domain
from presswork.essays.rebuilt import nothing_touched
from presswork.taxonomy.collation import collation_key
from presswork.taxonomy.config import taxonomy_config
from presswork.taxonomy.domain import TaxonomyDomain, taxonomy_domain
from presswork.taxonomy.model import Taxonomy, Use, build_taxonomy
from presswork.taxonomy.registry import KINDS, read_registry

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from presswork.essays.model import Essay


def collect_taxonomy(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Rebuild the taxonomy; return essays whose terms now read differently, and index pages."""
    settings = taxonomy_config(env.config)
    registry_path = Path(app.srcdir) / settings.registry_file
    text = registry_path.read_text(encoding="utf-8") if registry_path.is_file() else ""
    if env.config.presswork_taxonomy_file and not registry_path.is_file():
        warn(Subtype.TAXONOMY_FILE, "presswork_taxonomy_file names no file", str(registry_path))
    domain = taxonomy_domain(env)
    inputs = hashlib.sha1(repr((text, settings)).encode()).hexdigest()
    unchanged = domain.data.get("inputs") == inputs and domain.data["taxonomy"] is not None
    if nothing_touched(env) and unchanged:  # no essay read or lost, the same registry
        for subtype, message, location in domain.data["reported"]:
            warn(subtype, message, location)  # the problems still stand: said again
        return set()
    domain.data["inputs"] = inputs
    reported: list[tuple[Subtype, str, object]] = []
    registry = read_registry(text)
    for line, subtype, message in registry.problems:
        reported.append((subtype, message, f"{registry_path}:{line}"))
    essays = essays_domain(env)
    uses = [use for essay in essays.essays.values() for use in uses_of(essay)]
    taxonomy, findings = build_taxonomy(
        registry, uses, strict=settings.strict, transliterate=settings.transliterate
    )
    for finding in findings:
        location = (
            (finding.docname, finding.line)
            if finding.docname
            else f"{registry_path}:{finding.line}"
        )
        reported.append((finding.subtype, finding.message, location))
    for subtype, message, location in reported:
        warn(subtype, message, location)
    domain.data["reported"] = reported
    taxonomy.positions = dict(essays.data["positions"])
    for kind in KINDS:
        for term in taxonomy.terms[kind].values():
            term.docnames.sort(key=taxonomy.position)
    rank_terms(taxonomy, domain.data.setdefault("collation_keys", {}))
    domain.data["taxonomy"] = taxonomy
    stale = stale_pages(domain, taxonomy, essays.essays.values(), text)
    browse = [
        (name, env.titles[name].astext() if name in env.titles else "")
        for name in (domain.index_page(kind) for kind in (*KINDS, "archive"))
    ]
    if browse != domain.data["browse"]:
        domain.data["browse"] = browse
        return set(env.found_docs)
    return stale


def rank_terms(taxonomy: Taxonomy, known_keys: dict[str, object]) -> None:
    """Fix each term's place in reading order; the collator loads only for names not seen before."""
    for kind in KINDS:
        terms = taxonomy.terms[kind].values()
        for term in terms:
            if term.name not in known_keys:
                known_keys[term.name] = collation_key(term.name)
        ordered = sorted(terms, key=lambda term: known_keys[term.name])  # type: ignore[arg-type,return-value]
        taxonomy.rank[kind] = {term.key: position for position, term in enumerate(ordered)}


def uses_of(essay: Essay) -> list[Use]:
    """Every term an essay names, with the line of its front matter key."""
    meta = essay.meta
    return [
        Use(essay.docname, kind, written, meta.lines.get(kind, 1))
        for kind in KINDS
        for written in getattr(meta, kind)
    ]


def stale_pages(
    domain: TaxonomyDomain, taxonomy: Taxonomy, essays: Iterable[Essay], registry_text: str
) -> set[str]:
    """Pages whose term names, links or lists changed since the last build."""
    signatures = {essay.docname: essay_signature(taxonomy, essay) for essay in essays}
    described = [
        (kind, term.key, term.name, term.slug, term.description, term.parent, term.docnames)
        for kind in KINDS
        for term in taxonomy.terms[kind].values()
    ]
    whole = hashlib.sha1(f"{described!r}{registry_text}".encode()).hexdigest()
    previous: dict[str, object] = domain.data["signatures"]
    stale = {name for name, signature in signatures.items() if previous.get(name) != signature}
    if whole != domain.data["registry_digest"]:
        stale |= set(domain.indexes)
    domain.data["signatures"] = signatures
    domain.data["registry_digest"] = whole
    return stale


def essay_signature(taxonomy: Taxonomy, essay: Essay) -> tuple[tuple[str, str], ...]:
    """How an essay's header shows its terms: each term's name and slug."""
    shown = []
    for kind in KINDS:
        for written in getattr(essay.meta, kind):
            term = taxonomy.find(kind, written)
            if term is not None:
                shown.append((term.name, term.slug))
    return tuple(shown)
