"""Sorting terms as readers expect: by the Unicode Collation Algorithm, not by code point."""

from __future__ import annotations

from functools import cache

from pyuca import Collator


@cache
def collator() -> Collator:
    """The UCA collator (DUCET), loaded once."""
    return Collator()


def collation_key(text: str) -> tuple[tuple[int, ...], str]:
    """A sort key: UCA order first ('Émile' beside 'eagle'), then the text for ties."""
    return (tuple(collator().sort_key(text)), text)
