"""The one place presswork reaches into citeproc-py: speed and CSL's initialize="false".

citeproc-py looks every macro up again with an XPath query each time an entry is formatted,
and asks again whether each part of a style calls a variable; both answers depend only on the
style, which never changes once read, so they are remembered (about 8x faster per citation).
It also reads ``is-numeric="locator"`` in the reference instead of the citation, and turns
given names into initials where a style says ``initialize="false"`` (Chicago's reference
list), which CSL 1.0.2 says must keep full given names. tests/test_csl.py fails
when a citeproc-py release moves any of these.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

PATCHED = "_presswork_patched"
NUMERIC_LOCATOR = re.compile(r"^[a-z]*\d+[a-z]*(?:\s*[-–,&]\s*[a-z]*\d+[a-z]*)*$", re.IGNORECASE)
_xpath_results: dict[tuple[Any, str], Any] = {}
_calls_variable: dict[Any, bool] = {}


def remembered_xpath(original: Any) -> Any:
    """XPath results remembered per element and expression (the element stays alive)."""

    def xpath_search(self: Any, expression: str) -> Any:
        key = (self, expression)
        if key not in _xpath_results:
            _xpath_results[key] = original(self, expression)
        return _xpath_results[key]

    return xpath_search


def remembered_calls_variable(original: Any) -> Any:
    """Whether an element calls a variable, remembered per element."""

    def calls_variable(self: Any) -> bool:
        if self not in _calls_variable:
            _calls_variable[self] = bool(original(self))
        return _calls_variable[self]

    return calls_variable


def full_given_names(original: Any) -> Any:
    """Given names stay whole where the name element says initialize="false"."""

    def initialize(self: Any, given: Any, mark: Any, context: Any) -> Any:
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)

    return initialize


def numeric_locators(original: Any) -> Any:
    """is-numeric="locator" asks about the citation's locator, not the reference's fields."""

    def is_numeric(self: Any, item: Any) -> list[bool]:
        variables = self.get("is-numeric").split()
        if "locator" not in variables:
            return list(original(self, item))
        results = []
        for variable in variables:
            if variable == "locator":
                value = str(item.locator.identifier) if item.has_locator else ""
                results.append(bool(NUMERIC_LOCATOR.match(value)))
            else:
                self.attrib["is-numeric"] = variable
                try:
                    results += original(self, item)
                finally:
                    self.attrib["is-numeric"] = " ".join(variables)
        return results

    return is_numeric


def patch_citeproc() -> None:
    """Apply the changes once per process."""
    if getattr(model, PATCHED, False):
        return
    element = model.CitationStylesElement
    element.xpath_search = remembered_xpath(element.xpath_search)
    for cls in vars(model).values():
        if isinstance(cls, type) and "calls_variable" in vars(cls):
            setattr(cls, "calls_variable", remembered_calls_variable(vars(cls)["calls_variable"]))  # noqa: B010
    model.Name.initialize = full_given_names(model.Name.initialize)
    model.If._is_numeric = numeric_locators(model.If._is_numeric)
    setattr(model, PATCHED, True)
