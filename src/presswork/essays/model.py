"""The essay model: what presswork knows about one essay once it has been read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Author:
    """One author: a name, and optional details such as an affiliation or ORCID."""

    name: str
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EssayMeta:
    """Validated front matter; absent values stay absent, never invented."""

    title: str | None = None
    subtitle: str | None = None
    short_title: str | None = None
    epigraph: str | None = None
    epigraph_source: str | None = None
    authors: tuple[Author, ...] = ()
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    abstract: str | None = None
    lang: str | None = None
    draft: bool = False
    readable: bool = True
    lines: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Essay:
    """An essay as read: its docname, its metadata, its displayed title and its length."""

    docname: str
    meta: EssayMeta
    title: str | None = None
    words: int = 0

    @property
    def display_title(self) -> str:
        """The title readers see; an untitled essay shows its file name."""
        return self.title or self.docname.rsplit("/", 1)[-1]

    @property
    def running_title(self) -> str:
        """The title in the running head: the front matter's short title, if it gives one."""
        return self.meta.short_title or self.display_title

    @property
    def author_names(self) -> tuple[str, ...]:
        """The authors' names in order."""
        return tuple(author.name for author in self.meta.authors)

    def newest_first(self) -> tuple[bool, int, str]:
        """Sort key: newest first, undated essays last, ties by docname."""
        date = self.meta.date
        return (date is None, -date.toordinal() if date else 0, self.docname)

    def minutes_to_read(self, words_per_minute: int) -> int:
        """Reading time in whole minutes, at least one."""
        return max(1, round(self.words / max(words_per_minute, 1)))
