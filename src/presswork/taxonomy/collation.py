"""Sorting terms as readers expect: by the Unicode Collation Algorithm, not by code point."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def collator() -> Any:
    """The UCA collator (DUCET), loaded once, and only by a build that sorts terms."""
    from pyuca import Collator  # noqa: PLC0415 (loading the table costs time; most builds skip it)

    return Collator()


def collation_key(text: str) -> tuple[tuple[int, ...], str]:
    """A sort key: UCA order first ('Émile' beside 'eagle'), then the text for ties."""
    return (tuple(collator().sort_key(text)), text)
