"""Where citation data lives: cited keys and prose findings per document."""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from presswork.citations.findings import Finding


class CitationsDomain(Domain):
    """Keys each document cites (with lines) and what the prose checks found in it."""

    name = "presswork-citations"
    label = "Citations"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "cited": {},
        "findings": {},
        "bibliography": None,
    }

    @property
    def cited(self) -> dict[str, list[tuple[str, int]]]:
        """(key, line) for every key each document cites."""
        return cast("dict[str, list[tuple[str, int]]]", self.data["cited"])

    @property
    def findings(self) -> dict[str, list[Finding]]:
        """What the prose checks found in each document."""
        return cast("dict[str, list[Finding]]", self.data["findings"])

    def clear_doc(self, docname: str) -> None:
        """Forget what ``docname`` contributed."""
        self.cited.pop(docname, None)
        self.findings.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take over what a parallel reader learnt about ``docnames``."""
        for docname in docnames:
            for key in ("cited", "findings"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        """Citations are resolved by sphinxcontrib-bibtex."""
        return []


def citations_domain(env: BuildEnvironment) -> CitationsDomain:
    """The citations domain of ``env``."""
    return cast("CitationsDomain", env.get_domain(CitationsDomain.name))
