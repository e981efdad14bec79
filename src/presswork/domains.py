"""A domain whose data is kept per document, so purging and merging are the same everywhere."""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar

from sphinx.domains import Domain


class PerDocumentDomain(Domain):
    """Data in ``per_document`` keys is a dict or set keyed by docname; the rest is derived."""

    per_document: ClassVar[tuple[str, ...]] = ()

    def clear_doc(self, docname: str) -> None:
        """Forget everything ``docname`` contributed."""
        for key in self.per_document:
            store = self.data[key]
            if isinstance(store, set):
                store.discard(docname)
            else:
                store.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take over what a parallel reader learnt about ``docnames``."""
        for key in self.per_document:
            store, other = self.data[key], otherdata[key]
            for docname in docnames:
                if docname not in other:
                    continue
                if isinstance(store, set):
                    store.add(docname)
                else:
                    store[docname] = other[docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        """presswork's domains hold data; they define no cross-reference targets."""
        return []
