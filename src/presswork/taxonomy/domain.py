"""Where taxonomy data lives: index pages by docname, and the taxonomy built after reading."""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain

from presswork.taxonomy.model import Taxonomy

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class TaxonomyDomain(Domain):
    """Index pages per document; the collection-wide taxonomy, rebuilt once per build."""

    name = "taxonomy"
    label = "Taxonomy"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "indexes": {},
        "taxonomy": None,
        "signatures": {},
        "registry_digest": "",
        "browse": None,
        "collation_keys": {},
    }

    @property
    def indexes(self) -> dict[str, set[str]]:
        """Documents holding an index, with the kinds ('tags', 'categories', 'archive')."""
        return cast("dict[str, set[str]]", self.data["indexes"])

    @property
    def taxonomy(self) -> Taxonomy:
        """The taxonomy built after the last read."""
        return cast("Taxonomy", self.data["taxonomy"] or Taxonomy())

    def index_page(self, kind: str) -> str | None:
        """The first document holding an index of ``kind``."""
        return next((name for name in sorted(self.indexes) if kind in self.indexes[name]), None)

    def note_index(self, docname: str, kind: str) -> None:
        """Remember that ``docname`` holds an index of ``kind``."""
        self.indexes.setdefault(docname, set()).add(kind)

    def clear_doc(self, docname: str) -> None:
        """Forget what ``docname`` contributed."""
        self.indexes.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take over what a parallel reader learnt about ``docnames``."""
        for docname in docnames:
            if docname in otherdata["indexes"]:
                self.indexes[docname] = set(otherdata["indexes"][docname])

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        """The taxonomy defines no cross-reference targets."""
        return []


def taxonomy_domain(env: BuildEnvironment) -> TaxonomyDomain:
    """The taxonomy domain of ``env``."""
    return cast("TaxonomyDomain", env.get_domain(TaxonomyDomain.name))
