"""Where taxonomy data lives: index pages by docname, and the taxonomy built after reading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from presswork.domains import PerDocumentDomain
from presswork.taxonomy.model import Taxonomy

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class TaxonomyDomain(PerDocumentDomain):
    """Index pages per document; the collection-wide taxonomy, rebuilt once per build."""

    name = "taxonomy"
    label = "Taxonomy"
    data_version = 1
    per_document = ("indexes",)
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


def taxonomy_domain(env: BuildEnvironment) -> TaxonomyDomain:
    """The taxonomy domain of ``env``."""
    return cast("TaxonomyDomain", env.get_domain(TaxonomyDomain.name))
