"""citeproc-py made fast enough for a thousand essays: lookups remembered, sort keys kept.

citeproc-py finds a style's child elements, its root and its locale options again on every
use; the style never changes once read, so each answer is remembered per element. It sorts
a reference list by rendering each sort key's macro for every entry, every time; an essay's
list is sorted from keys computed once per entry and style instead, compared as citeproc-py
compares them (Sort.sort): lower-cased text, numbers as numbers, entries without a key last,
descending keys reversed. tests/test_csl.py checks the order against citeproc-py's own.
"""

from __future__ import annotations

from contextlib import suppress
from functools import cmp_to_key
from typing import Any

from citeproc import CitationItem, model

REFERENCE = "_presswork_reference"
FAST = "_presswork_fast"
_children: dict[tuple[Any, str], Any] = {}
_roots: dict[Any, Any] = {}
_locale_options: dict[tuple[Any, str], Any] = {}


def remember_lookups() -> None:
    """Child elements, roots and locale options, remembered per element (the tree is fixed)."""
    if getattr(model, FAST, False):
        return
    find_child = model.SomewhatObjectifiedElement.__getattr__
    find_root = model.CitationStylesElement.get_root
    locale_option = model.Locale.get_option

    def child(self: Any, name: str) -> Any:
        if name.startswith("__"):
            return find_child(self, name)
        if (self, name) not in _children:
            _children[(self, name)] = find_child(self, name)
        return _children[(self, name)]

    def root(self: Any) -> Any:
        if self not in _roots:
            _roots[self] = find_root(self)
        return _roots[self]

    def option(self: Any, name: str) -> Any:
        if (self, name) not in _locale_options:
            try:
                _locale_options[(self, name)] = locale_option(self, name)
            except IndexError:
                _locale_options[(self, name)] = IndexError
        value = _locale_options[(self, name)]
        if value is IndexError:
            raise IndexError(name)
        return value

    model.SomewhatObjectifiedElement.__getattr__ = child
    model.CitationStylesElement.get_root = root
    model.Locale.get_option = option
    setattr(model, FAST, True)


def remember_references() -> None:
    """A citation item looks its reference up once (citeproc-py asks thousands of times)."""
    item_class = CitationItem
    if getattr(item_class, REFERENCE, False):
        return
    lookup = item_class.reference.fget

    def reference(self: Any) -> Any:
        cached = self.__dict__.get(REFERENCE)
        if cached is None:
            cached = self.__dict__[REFERENCE] = lookup(self)
        return cached

    item_class.reference = property(reference)
    setattr(item_class, REFERENCE, True)


def sort_elements(csl: Any) -> tuple[Any, list[Any]]:
    """The bibliography layout and its sort keys (none when the style does not sort)."""
    bibliography = csl.root.bibliography
    if bibliography is None:
        return None, []
    layout = bibliography.layout
    sort = bibliography.find("cs:sort", csl.root.nsmap)
    return layout, [] if sort is None else list(sort.findall("cs:key", csl.root.nsmap))


class SortKeys:
    """One entry's sort keys, each rendered the first time a comparison needs it."""

    def __init__(self, csl: Any, item: Any) -> None:
        self.csl = csl
        self.item = item
        self.values: dict[int, Any] = {}

    def __getitem__(self, index: int) -> Any:
        """The entry's value for the style's sort key number ``index``."""
        if index not in self.values:
            layout, keys = sort_elements(self.csl)
            self.values[index] = keys[index].sort_keys([self.item], layout)[0]
        return self.values[index]


def sort_keys(csl: Any, item: Any) -> SortKeys:
    """One entry's sort keys in the style's reference list (found when first compared)."""
    return SortKeys(csl, item)


def descending_keys(csl: Any) -> list[bool]:
    """Which of the style's reference-list sort keys descend."""
    _layout, keys = sort_elements(csl)
    return [key.get("sort", "ascending").lower() == "descending" for key in keys]


def comparable(left: Any, right: Any) -> tuple[Any, Any]:
    """Two keys as citeproc-py compares them: lower-cased text, or numbers."""
    with suppress(AttributeError):
        left, right = str(left.lower()), str(right.lower())
    try:
        return int(str(left)), int(str(right))
    except ValueError:
        return left, right


def compare(left: SortKeys, right: SortKeys, descending: list[bool]) -> int:
    """citeproc-py's comparison of two entries' keys."""
    for index, desc in enumerate(descending):
        left_key, right_key = left[index], right[index]
        if left_key is not None and right_key is not None:
            a, b = comparable(left_key, right_key)
            result = int(a > b) - int(a < b)
            if result:
                return -result if desc else result
        elif left_key is not None:
            return -1
        elif right_key is not None:
            return 1
    return 0


def sorted_keys(entries: dict[str, SortKeys], descending: list[bool]) -> list[str]:
    """Citation keys in reference-list order, from each entry's sort keys (a stable sort)."""

    def by_keys(a: str, b: str) -> int:
        return compare(entries[a], entries[b], descending)

    return sorted(entries, key=cmp_to_key(by_keys))
