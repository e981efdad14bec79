"""Where essay data lives: a domain keyed by docname, purged and merged by Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from presswork.domains import PerDocumentDomain
from presswork.essays.model import Essay

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class EssaysDomain(PerDocumentDomain):
    """Holds every essay read, and which documents list essays."""

    name = "essays"
    label = "Essays"
    data_version = 1
    per_document = ("essays", "listings")
    initial_data: ClassVar[dict[str, Any]] = {
        "essays": {},
        "listings": set(),
        "newest_first": [],
        "positions": {},
        "links": {},
        "sidebar": None,
    }

    @property
    def essays(self) -> dict[str, Essay]:
        """Every essay read, by docname."""
        return cast("dict[str, Essay]", self.data["essays"])

    @property
    def listings(self) -> set[str]:
        """Documents whose content lists essays and so goes stale when an essay changes."""
        return cast("set[str]", self.data["listings"])

    def newest_first(self, limit: int | None = None) -> list[Essay]:
        """Essays newest first (the first ``limit`` of them); sorted once per build by ``order``."""
        essays = self.essays
        names = self.data["newest_first"][:limit]
        return [essays[name] for name in names if name in essays]

    def neighbours(self, docname: str) -> tuple[Essay | None, Essay | None]:
        """The essays just older and just newer than ``docname``."""
        names: list[str] = self.data["newest_first"]
        position = self.data["positions"].get(docname)
        if position is None:
            return None, None
        older = names[position + 1] if position + 1 < len(names) else None
        newer = names[position - 1] if position > 0 else None
        return self.essays.get(older or ""), self.essays.get(newer or "")

    def order(self, recent: int) -> tuple[bool, set[str]]:
        """Sort the collection once all documents are read, and say which links moved.

        Returns whether the sidebar's list of recent essays changed, and the essays whose
        newer or older neighbour (or its title) changed: their pages must be written again.
        """
        ordered = sorted(self.essays.values(), key=Essay.newest_first)
        names = [essay.docname for essay in ordered]
        titles = [essay.display_title for essay in ordered]
        links = {
            name: (names[i - 1 : i], titles[i - 1 : i], names[i + 1 : i + 2], titles[i + 1 : i + 2])
            for i, name in enumerate(names)
        }
        sidebar = list(zip(names[:recent], titles[:recent], strict=True))
        previous = self.data["links"]
        moved = {name for name, link in links.items() if previous.get(name) != link}
        sidebar_changed = sidebar != self.data["sidebar"]
        self.data.update(
            newest_first=names,
            positions={name: i for i, name in enumerate(names)},
            links=links,
            sidebar=sidebar,
        )
        return sidebar_changed, moved

    def note_essay(self, essay: Essay) -> None:
        """Store (or replace) what is known of one essay."""
        self.essays[essay.docname] = essay

    def note_listing(self, docname: str) -> None:
        """Remember that ``docname`` lists essays."""
        self.listings.add(docname)


def essays_domain(env: BuildEnvironment) -> EssaysDomain:
    """The essays domain of ``env``."""
    return cast("EssaysDomain", env.get_domain(EssaysDomain.name))
