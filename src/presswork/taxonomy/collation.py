"""Sorting terms as readers expect: by the Unicode Collation Algorithm, not by code point."""

from __future__ import annotations

from functools import cache
from typing import Any

# Primary weights the Default Unicode Collation Element Table gives printable ASCII (space to
# tilde): each such character has a single collation element (primary, 32, 2 or 8 for capitals).
# With them an ASCII name gets its UCA key without loading the whole table.
ASCII_PRIMARY = [
    521,
    608,
    780,
    920,
    7186,
    921,
    918,
    773,
    791,
    792,
    911,
    1558,
    546,
    525,
    631,
    916,
    7229,
    7230,
    7231,
    7232,
    7233,
    7234,
    7235,
    7236,
    7237,
    7238,
    569,
    564,
    1562,
    1563,
    1564,
    614,
    910,
    7239,
    7264,
    7290,
    7311,
    7338,
    7397,
    7412,
    7448,
    7474,
    7500,
    7525,
    7543,
    7594,
    7609,
    7645,
    7692,
    7713,
    7731,
    7793,
    7829,
    7861,
    7907,
    7925,
    7935,
    7947,
    7969,
    793,
    917,
    794,
    1157,
    523,
    1154,
    7239,
    7264,
    7290,
    7311,
    7338,
    7397,
    7412,
    7448,
    7474,
    7500,
    7525,
    7543,
    7594,
    7609,
    7645,
    7692,
    7713,
    7731,
    7793,
    7829,
    7861,
    7907,
    7925,
    7935,
    7947,
    7969,
    795,
    1566,
    796,
    1568,
]
FIRST_ASCII, LAST_ASCII = 32, 126
SECONDARY = 32
TERTIARY_LOWER, TERTIARY_UPPER = 2, 8


@cache
def collator() -> Any:
    """The UCA collator (DUCET), loaded once, and only when a name is not plain ASCII."""
    from pyuca import Collator  # noqa: PLC0415 (the table takes a tenth of a second to load)

    return Collator()


def uca_key(text: str) -> tuple[int, ...]:
    """The UCA sort key of ``text``, as pyuca computes it."""
    if all(FIRST_ASCII <= ord(char) <= LAST_ASCII for char in text):
        primaries = [ASCII_PRIMARY[ord(char) - FIRST_ASCII] for char in text]
        tertiaries = [TERTIARY_UPPER if char.isupper() else TERTIARY_LOWER for char in text]
        return (*primaries, 0, *[SECONDARY] * len(text), 0, *tertiaries, 0)
    return tuple(collator().sort_key(text))


def collation_key(text: str) -> tuple[tuple[int, ...], str]:
    """A sort key: UCA order first ('Émile' beside 'eagle'), then the text for ties."""
    return (uca_key(text), text)
