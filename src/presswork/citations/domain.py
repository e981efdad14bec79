"""Where citation data lives: cited keys and prose findings per document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from presswork.domains import PerDocumentDomain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from presswork.citations.findings import Finding


class CitationsDomain(PerDocumentDomain):
    """Keys each document cites (with lines) and what the prose checks found in it."""

    name = "presswork-citations"
    label = "Citations"
    data_version = 1
    per_document = ("cited", "findings")
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


def citations_domain(env: BuildEnvironment) -> CitationsDomain:
    """The citations domain of ``env``."""
    return cast("CitationsDomain", env.get_domain(CitationsDomain.name))
