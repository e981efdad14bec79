"""Read .bib files with bibtexparser, which keeps going past errors, and hand pybtex clean copies."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import bibtexparser
from bibtexparser import model

from presswork.citations.config import citations_config
from presswork.citations.domain import citations_domain
from presswork.citations.findings import Finding, excerpt
from presswork.diagnostics import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CLEAN_FOLDER = "presswork-bibliography"


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
    clean_texts: dict[str, str] = field(default_factory=dict)


def read_bibliography(paths: list[Path]) -> Bibliography:
    """Parse every file; report syntax errors and duplicate keys; keep the first of each key."""
    bibliography = Bibliography()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            bibliography.findings.append(
                Finding(
                    Subtype.CITE_BIB_SYNTAX, f"cannot read {path.name}: {error}", 1, path=str(path)
                )
            )
            continue
        bibliography.clean_texts[str(path)] = _read_file(bibliography, path, text)
    return bibliography


def _read_file(bibliography: Bibliography, path: Path, text: str) -> str:
    """Add one file's entries; return the text of the blocks pybtex can safely read."""
    library = bibtexparser.parse_string(text)
    kept: list[str] = []
    for block in library.blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            first = bibliography.entries.get(block.key)
            bibliography.findings.append(
                Finding(
                    Subtype.CITE_DUPLICATE_KEY,
                    f"duplicate key {block.key!r}; first defined at "
                    f"{Path(first.path).name if first else path.name}:{first.line if first else '?'}",
                    line,
                    path=str(path),
                    excerpt=excerpt(block.raw),
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            reason = str(block.error).splitlines()[0] if block.error else "cannot be parsed"
            bibliography.findings.append(
                Finding(
                    Subtype.CITE_BIB_SYNTAX,
                    f"BibTeX syntax error; the entry is left out: {reason}",
                    line,
                    path=str(path),
                    excerpt=excerpt(block.raw),
                )
            )
        elif isinstance(block, model.Entry):
            if block.key in bibliography.entries:
                first = bibliography.entries[block.key]
                bibliography.findings.append(
                    Finding(
                        Subtype.CITE_DUPLICATE_KEY,
                        f"duplicate key {block.key!r}; first defined at "
                        f"{Path(first.path).name}:{first.line}",
                        line,
                        path=str(path),
                        excerpt=excerpt(block.raw),
                    )
                )
                continue
            fields = {f.key.lower(): str(f.value) for f in block.fields}
            bibliography.entries[block.key] = BibEntry(
                block.key, block.entry_type.lower(), fields, str(path), line
            )
            kept.append(block.raw)
        elif isinstance(block, model.String | model.Preamble):
            kept.append(block.raw)
    return "\n\n".join(kept) + "\n"


def prepare_bibliography(app: Sphinx) -> None:
    """Read the collection's .bib files and point sphinxcontrib-bibtex at clean copies.

    Runs before sphinxcontrib-bibtex reads them. The copies live in the doctree folder, never
    beside the sources, and are rewritten only when their text changes.
    """
    config = app.config
    srcdir = Path(app.srcdir)
    settings = citations_config(config, srcdir)
    paths = [srcdir / name for name in settings.bibfiles]
    bibliography = read_bibliography([path for path in paths if path.is_file()])
    for path in paths:
        if not path.is_file():
            bibliography.findings.append(
                Finding(Subtype.CITE_BIB_SYNTAX, "the .bib file does not exist", 1, path=str(path))
            )
    folder = Path(app.doctreedir) / CLEAN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    clean = []
    for source, text in bibliography.clean_texts.items():
        digest = hashlib.sha1(source.encode()).hexdigest()[:10]
        target = folder / f"{Path(source).stem}-{digest}.bib"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        clean.append(str(target))
    config.bibtex_bibfiles = clean
    citations_domain(app.env).data["bibliography"] = bibliography
