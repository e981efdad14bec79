"""Slugs for terms: stable, safe as a file name, and never shared by two terms."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from slugify import slugify

# Characters that carry meaning in a term ('C++' is not 'C'), spelled out before slugifying.
MEANINGFUL = [["+", "plus"], ["#", "sharp"], ["&", "and"], ["@", "at"]]
SAFE_SLUG = re.compile(r"^[\w-]+$")
RESERVED = frozenset({"index", "genindex", "search", "py-modindex", "feed", "atom"})
MAX_LENGTH = 80


def base_slug(name: str, *, transliterate: bool) -> str:
    """The slug a name would like: lower case, words joined by hyphens, or '' if none."""
    slug = slugify(
        name,
        allow_unicode=not transliterate,
        replacements=MEANINGFUL,
        max_length=MAX_LENGTH,
        word_boundary=True,
    )
    if not SAFE_SLUG.match(slug) or slug in RESERVED or slug.strip("-_") == "":
        return ""
    return slug


def fallback_slug(prefix: str, key: str) -> str:
    """A stable slug for a term whose name gives none (emoji, punctuation only)."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def _claim_order(slug: str, key: str) -> tuple[bool, str]:
    """A term whose key is the slug itself keeps it; then the first key in order."""
    return (key != slug, key)


def assign_slugs(
    keys: Iterable[str], names: dict[str, str], *, prefix: str, transliterate: bool
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Give every key a unique slug; return the slugs and each collision (loser, winner, slug).

    Colliding terms are ordered deterministically: a term whose key is its own slug first,
    then by key; the first keeps the slug and the others get -2, -3 ….
    """
    wanted: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        slug = base_slug(names[key], transliterate=transliterate) or fallback_slug(prefix, key)
        wanted[slug].append(key)
    slugs: dict[str, str] = {}
    collisions: list[tuple[str, str, str]] = []
    taken = set(wanted)
    for slug, claimants in sorted(wanted.items()):
        claimants.sort(key=partial(_claim_order, slug))
        slugs[claimants[0]] = slug
        number = 2
        for loser in claimants[1:]:
            while f"{slug}-{number}" in taken:
                number += 1
            slugs[loser] = f"{slug}-{number}"
            taken.add(slugs[loser])
            collisions.append((loser, claimants[0], slugs[loser]))
    return slugs, collisions
