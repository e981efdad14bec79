"""Each essay now against the same essay at an earlier revision."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswork.changes.blocks import source_blocks
from presswork.changes.revision import Revision, files_at, read_at
from presswork.changes.words import (
    DELETED,
    INSERTED,
    Block,
    Run,
    changed,
    pair_blocks,
    word_runs,
)
from presswork.citations.bibfiles import read_bibliography_texts
from presswork.citations.config import bibfiles
from presswork.citations.csljson import plain
from presswork.citations.domain import citations_domain
from presswork.essays.config import essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.frontmatter import read_front_matter, validate
from presswork.essays.model import EssayMeta
from presswork.essays.nodes import join_names
from presswork.essays.reading import display_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

# The front matter an essay's opening prints, compared word by word.
FIELDS = ("title", "subtitle", "authors", "date", "abstract", "epigraph", "epigraph_source")


@dataclass(frozen=True)
class Revised:
    """A block of the essay as it is now, with what changed in it (all inserted if it is new)."""

    line: int
    nth: int
    kind: str
    runs: list[Run]


@dataclass(frozen=True)
class Removed:
    """A block the essay no longer has, and the block of the new essay it stood before."""

    before: tuple[int, int] | None
    kind: str
    words: tuple[str, ...]


@dataclass
class EssayChanges:
    """What changed in one essay since the revision."""

    docname: str
    title: str
    authors: str
    new: bool = False
    fields: dict[str, list[Run]] = field(default_factory=dict)
    revised: list[Revised] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    works: dict[str, list[list[Run]] | None] = field(default_factory=dict)

    @property
    def marked(self) -> bool:
        """Whether the proof marks anything in this essay."""
        return self.new or bool(self.fields or self.revised or self.removed or self.works)


@dataclass
class Changes:
    """The collection's changes since a revision, in the running order."""

    revision: Revision
    essays: dict[str, EssayChanges] = field(default_factory=dict)
    gone: list[tuple[str, str]] = field(default_factory=list)


def decoded(data: bytes) -> str:
    """A source's text, read the same way for both revisions."""
    return data.decode("utf-8-sig", "replace").replace("\r\n", "\n")


def meta_of(text: str) -> EssayMeta:
    """The essay's validated front matter (its problems are the build's to report)."""
    return validate(read_front_matter(text))[0]


def iso_date(meta: EssayMeta) -> str:
    """An essay's date as ISO 8601, or ""."""
    return meta.date.isoformat() if meta.date else ""


def field_texts(
    meta: EssayMeta, shown_date: Callable[[EssayMeta], str] = iso_date
) -> dict[str, str]:
    """The printed front matter fields as text (the date as the byline prints it)."""
    return {
        "title": meta.title or "",
        "subtitle": meta.subtitle or "",
        "authors": join_names([author.name for author in meta.authors]),
        "date": shown_date(meta),
        "abstract": meta.abstract or "",
        "epigraph": meta.epigraph or "",
        "epigraph_source": meta.epigraph_source or "",
    }


def numbered(blocks: list[Block]) -> list[tuple[Block, int]]:
    """Each block with how many blocks before it start on its line (cells share a line)."""
    seen: dict[int, int] = {}
    out = []
    for block in blocks:
        out.append((block, seen.get(block.line, 0)))
        seen[block.line] = seen.get(block.line, 0) + 1
    return out


def compare_essay(
    docname: str,
    old: str | None,
    new: str,
    myst_config: Any,
    shown_date: Callable[[EssayMeta], str] = iso_date,
) -> EssayChanges:
    """Words inserted and deleted in an essay's front matter, text and notes."""
    now = field_texts(meta_of(new), shown_date)
    result = EssayChanges(docname, now["title"] or docname.rsplit("/", 1)[-1], now["authors"])
    if old is None:
        result.new = True
        return result
    if old == new:
        return result
    before = field_texts(meta_of(old), shown_date)
    for name in FIELDS:
        runs = word_runs(before[name].split(), now[name].split())
        if changed(runs):
            result.fields[name] = runs
    new_blocks = source_blocks(new, myst_config)
    place = {id(block): (block.line, nth) for block, nth in numbered(new_blocks)}
    waiting: list[Removed] = []
    for was, now_block in pair_blocks(source_blocks(old, myst_config), new_blocks):
        if now_block is None:
            assert was is not None
            waiting.append(Removed(None, was.kind, was.words))
            continue
        where = place[id(now_block)]
        result.removed.extend(Removed(where, gone.kind, gone.words) for gone in waiting)
        waiting = []
        runs = (
            [Run(INSERTED, now_block.words)]
            if was is None
            else word_runs(was.words, now_block.words)
        )
        if changed(runs):
            result.revised.append(Revised(where[0], where[1], now_block.kind, runs))
    result.removed.extend(waiting)
    return result


def work_changes(
    app: Sphinx, revision: Revision, files: dict[str, str]
) -> dict[str, list[list[Run]] | None]:
    """For each work whose .bib entry reads differently, its changed fields; a new work: None."""
    bibliography = citations_domain(app.env).data.get("bibliography")
    if bibliography is None:
        return {}
    srcdir = Path(app.srcdir)
    names = old_bibfiles(app, files)
    texts = read_at(revision, [files[name] for name in names])
    old = read_bibliography_texts(
        {srcdir / name: decoded(texts[files[name]]) for name in names if files[name] in texts}
    )
    works: dict[str, list[list[Run]] | None] = {}
    for key, entry in bibliography.entries.items():
        before = old.entries.get(key)
        if before is None:
            works[key] = None
            continue
        runs = [
            word_runs(plain(before.fields.get(name, "")).split(), plain(value).split())
            for name, value in entry.fields.items()
        ]
        runs += [
            [Run(DELETED, tuple(plain(value).split()))]
            for name, value in before.fields.items()
            if name not in entry.fields and plain(value)
        ]
        revised = [one for one in runs if changed(one)]
        if revised:  # a field only re-wrapped or re-braced reads the same
            works[key] = revised
    return works


def old_bibfiles(app: Sphinx, files: dict[str, str]) -> list[str]:
    """The .bib files the collection read at the revision: the setting's, else those it had."""
    if app.config.presswork_bibfiles is not None:
        return [name for name in bibfiles(app.config, Path(app.srcdir)) if name in files]
    folder = essays_config(app.config).essays_dir + "/"
    return sorted(name for name in files if name.startswith(folder) and name.endswith(".bib"))


def is_source(name: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a file is a source Sphinx reads."""
    return name.endswith(suffixes)


def docname_of(name: str, suffixes: tuple[str, ...]) -> str:
    """A source path's docname."""
    suffix = next(s for s in suffixes if name.endswith(s))
    return name[: -len(suffix)]


def collection_changes(app: Sphinx, revision: Revision, order: list[str]) -> Changes:
    """Every essay compared with the revision; essays it had that are gone."""
    settings = essays_config(app.config)
    suffixes = tuple(app.config.source_suffix)
    files = files_at(revision)
    then = {
        docname_of(name, suffixes): oid
        for name, oid in files.items()
        if is_source(name, suffixes) and settings.is_essay(docname_of(name, suffixes))
    }
    texts = read_at(revision, sorted(set(then.values())))
    old = {docname: decoded(texts[oid]) for docname, oid in then.items() if oid in texts}
    changes = Changes(revision)
    config = app.env.myst_config  # type: ignore[attr-defined]
    known = essays_domain(app.env).essays

    def dates(meta: EssayMeta) -> str:
        return display_date(meta.date, settings.date_format, meta.lang or app.config.language)

    for docname in order:
        try:
            new = decoded(Path(app.env.doc2path(docname)).read_bytes())
        except OSError:
            continue  # the build has already said it cannot read the essay
        essay = compare_essay(docname, old.get(docname), new, config, dates)
        if docname in known:  # the title as printed, a heading's when the front matter has none
            essay.title = known[docname].display_title
            essay.authors = join_names(list(known[docname].author_names))
        changes.essays[docname] = essay
    works = work_changes(app, revision, files)
    cited = citations_domain(app.env).cited
    for docname, essay in changes.essays.items():
        keys = dict.fromkeys(key for key, _line in cited.get(docname, []))
        essay.works = {key: works[key] for key in keys if key in works}
    for docname in sorted(set(old) - set(order)):
        changes.gone.append((docname, old_title(docname, old[docname], config)))
    return changes


def old_title(docname: str, text: str, myst_config: Any) -> str:
    """A removed essay's title: its front matter's, its first heading's, or its file name."""
    title = meta_of(text).title
    if title:
        return title
    heading = next((b for b in source_blocks(text, myst_config) if b.kind == "heading"), None)
    return heading.text if heading is not None else docname.rsplit("/", 1)[-1]
