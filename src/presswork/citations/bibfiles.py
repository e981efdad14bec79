"""Read .bib files with bibtexparser, which reads past errors and says where."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import bibtexparser
from bibtexparser import model
from bibtexparser.library import Library

from presswork.citations.config import bibfiles
from presswork.citations.domain import citations_domain
from presswork.citations.findings import Finding, excerpt
from presswork.citations.outdated import note_changed_works
from presswork.diagnostics import Subtype
from presswork.sourcefiles import Unreadable, read_source

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class BibEntry:
    """One entry of a .bib file, with where it stands."""

    key: str
    kind: str
    fields: dict[str, str]
    path: str
    line: int


@dataclass
class Bibliography:
    """Every readable entry of every .bib file, and what was wrong with the files."""

    entries: dict[str, BibEntry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def read_bibliography(paths: list[Path]) -> Bibliography:
    """Parse every file; report syntax errors and duplicate keys; keep the first of each key."""
    bibliography = Bibliography()
    for path in paths:
        text = read_source(path, str(path))
        if isinstance(text, Unreadable):
            bibliography.findings.append(
                Finding(text.subtype, text.message, max(text.line, 1), path=str(path))
            )
            continue
        _read_file(bibliography, path, text)
    return bibliography


def read_bibliography_texts(texts: dict[Path, str]) -> Bibliography:
    """Parse .bib files given as text (an earlier revision's, say); the first of each key kept."""
    bibliography = Bibliography()
    for path, text in texts.items():
        _read_file(bibliography, path, text)
    return bibliography


def _read_file(bibliography: Bibliography, path: Path, text: str) -> None:
    """Add one file's entries; report its broken blocks and repeated keys."""
    with quiet_parser():
        library: Library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        raw = block.raw or ""
        if isinstance(block, model.DuplicateBlockKeyBlock):
            bibliography.findings.append(_duplicate(bibliography, block, path))
        elif isinstance(block, model.ParsingFailedBlock):
            reason = " ".join(str(block.error or "").split()) or "it cannot be parsed"
            bibliography.findings.append(
                Finding(
                    Subtype.CITE_BIB_SYNTAX,
                    f"BibTeX syntax error; the entry is left out: {reason}",
                    line,
                    path=str(path),
                    excerpt=excerpt(raw),
                )
            )
        elif isinstance(block, model.Entry):
            if block.key in bibliography.entries:
                bibliography.findings.append(_duplicate(bibliography, block, path))
                continue
            fields = {f.key.lower(): str(f.value) for f in block.fields}
            bibliography.entries[block.key] = BibEntry(
                block.key, block.entry_type.lower(), fields, str(path), line
            )


def _duplicate(bibliography: Bibliography, block: model.Block, path: Path) -> Finding:
    """A key defined again: reported at the repeat, naming where the kept entry stands."""
    key = getattr(block, "key", "")
    first = bibliography.entries.get(key)
    where = f"{Path(first.path).name}:{first.line}" if first else "earlier in this file"
    return Finding(
        Subtype.CITE_DUPLICATE_KEY,
        f"duplicate key {key!r}; the entry at {where} is kept",
        (block.start_line or 0) + 1,
        path=str(path),
        excerpt=excerpt(block.raw or ""),
    )


BIB_STAMP = "bibliography_stamp"


@contextmanager
def quiet_parser() -> Iterator[None]:
    """bibtexparser logs each error itself; presswork reports them as warnings instead."""
    parser_logger = logging.getLogger("bibtexparser")
    level = parser_logger.level
    parser_logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        parser_logger.setLevel(level)


def files_stamp(paths: list[Path]) -> list[tuple[str, int, int]]:
    """Each file's path, size and modification time (-1 for a file that is missing)."""
    stamp = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            stamp.append((str(path), -1, -1))
        else:
            stamp.append((str(path), status.st_size, status.st_mtime_ns))
    return stamp


def prepare_bibliography(app: Sphinx) -> None:
    """Read the collection's .bib files at the start of each build."""
    config = app.config
    srcdir = Path(app.srcdir)
    paths = [srcdir / name for name in bibfiles(config, srcdir)]
    domain = citations_domain(app.env)
    stamp = files_stamp(paths)
    if domain.data.get("bibliography") is not None and domain.data.get(BIB_STAMP) == stamp:
        note_changed_works(app.env, None, None)  # the same files: nothing changed, nothing read
        return
    domain.data[BIB_STAMP] = stamp
    bibliography = read_bibliography([path for path in paths if path.is_file()])
    for path in paths:
        if not path.is_file():
            bibliography.findings.append(
                Finding(Subtype.CITE_BIB_SYNTAX, "the .bib file does not exist", 1, path=str(path))
            )
    note_changed_works(app.env, domain.data.get("bibliography"), bibliography)
    domain.data["bibliography"] = bibliography
