"""Typeset the book with LuaLaTeX, read its log for errors and missing glyphs, cut offprints."""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
import subprocess
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from presswork.latex.sourcelines import source_line, sources_document, write_sources
from presswork.latex.transforms import ESSAY_MARK, MANIFEST
from presswork.latex.trim import GUTTER_FILE, Trim, set_page_boxes, write_gutter
from presswork.outputs import OutputRecord, print_warning, replacing

MISSING = re.compile(r"Missing character: There is no (.)(?: \(U\+([0-9A-F]{4,6})\))? in font")
ERROR = re.compile(r"^(?:\./)?(?P<file>[^:\s]+\.tex):(?P<line>\d+): (?P<message>.+)$")
DOC_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<label>[^}]+::doc)\}\}")
AUX_LABEL = re.compile(r"^\\newlabel\{(?P<name>[^}]+)\}\{\{[^}]*\}\{(?P<page>[^}]*)\}")
OFFPRINT_FOLDER = "essays"
OFFPRINTS_RECORD = ".presswork-offprints.json"
ESSAY_LINE = re.compile(rf"{ESSAY_MARK}:(?P<mark>.*?)\s*$")
ENGINES = ("lualatex", "xelatex")
# TeX reads and writes only inside the LaTeX folder (and its own trees) and runs no commands:
# no essay can \input{/etc/passwd} into a PDF or \write18 its way out.
SANDBOX = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}
SPACES = re.compile(r"\s+")


@dataclass
class TypesetReport:
    """What one LaTeX run said: errors, and characters no font could show."""

    errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def main_documents(folder: Path) -> list[Path]:
    """The .tex files Sphinx wrote as whole documents."""
    return sorted(
        path for path in folder.glob("*.tex") if "\\begin{document}" in path.read_text("utf-8")
    )


def as_tex_reads(label: str) -> str:
    """A label as TeX keeps it: every run of spaces is one space."""
    return SPACES.sub(" ", label)


def labels_to_docnames(manifest: dict[str, object], key: str) -> dict[str, str]:
    """Each essay's label of one kind (``mark``, ``start``, ``end``) → its docname."""
    essays: dict[str, dict[str, str]] = manifest.get("essays", {})  # type: ignore[assignment]
    return {
        as_tex_reads(str(essay[key])): docname
        for docname, essay in essays.items()
        if isinstance(essay, dict) and key in essay
    }


def typeset(tex: Path, engine: str) -> subprocess.CompletedProcess[str]:
    """Run latexmk with LuaLaTeX or XeLaTeX, sandboxed; a LaTeX error stops the run (never -f).

    The engine runs with TeX's paranoid file access (``openin_any=p``, ``openout_any=p``: no
    absolute paths, no ``..``, no dot files) and ``-no-shell-escape``, given on latexmk's command
    line so that it overrides the engine command in Sphinx's ``latexmkrc``.
    """
    engine = engine if engine in ENGINES else ENGINES[0]
    env = {
        **os.environ,
        "max_print_line": "100000",
        "error_line": "254",
        "half_error_line": "238",
        **SANDBOX,
    }
    return subprocess.run(
        [
            "latexmk",
            f"-{engine}",
            f"-{engine}={engine} %O -no-shell-escape %S",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
            tex.name,
        ],
        cwd=tex.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def read_log(tex: Path, manifest: dict[str, object]) -> TypesetReport:
    """Errors with the essay and line they come from; each missing character with its essay."""
    report = TypesetReport()
    log = tex.with_suffix(".log")
    if not log.is_file():
        report.errors.append(f"{tex.name}: LaTeX wrote no log")
        return report
    essays: dict[str, dict[str, str]] = manifest.get("essays", {})  # type: ignore[assignment]
    marks = labels_to_docnames(manifest, "mark")
    starts = essay_lines(tex, labels_to_docnames(manifest, "start"))
    current = "the book's front matter"
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if match := ESSAY_LINE.search(line):
            docname = marks.get(as_tex_reads(match["mark"]), match["mark"])
            current = essays.get(docname, {}).get("source", docname)
        elif match := MISSING.search(line):
            char = match.group(1)
            code = match.group(2) or f"{ord(char):04X}"
            report.missing.append(f"{current}: missing character {char!r} (U+{code}) in the PDF")
        elif (match := ERROR.match(line)) and match["file"].endswith(tex.name):
            where = essay_at(starts, int(match["line"]), essays)
            report.errors.append(
                f"{where}: LaTeX error at {tex.name} line {match['line']}: {match['message']}"
            )
    return report


def essay_lines(tex: Path, docnames: dict[str, str]) -> list[tuple[int, str]]:
    """(line, docname) where each document starts in the .tex (docnames: start label → name)."""
    starts = []
    for number, text in enumerate(tex.read_text(encoding="utf-8").splitlines(), 1):
        if match := DOC_LABEL.search(text):
            label = as_tex_reads(match["label"])
            starts.append((number, docnames.get(label, label.removesuffix("::doc"))))
    return starts


def essay_at(starts: list[tuple[int, str]], line: int, essays: dict[str, dict[str, str]]) -> str:
    """The essay (its source file) that a line of the .tex belongs to."""
    position = bisect.bisect_right([start for start, _ in starts], line) - 1
    if position < 0:
        return "the book's front matter"
    docname = starts[position][1]
    return essays.get(docname, {}).get("source", docname)


def page_ranges(aux: Path, essays: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    """The printed first and last page of each essay, from the labels in the .aux file."""
    labels = {}
    for line in aux.read_text(encoding="utf-8", errors="replace").splitlines():
        if match := AUX_LABEL.match(line):
            labels[match["name"]] = match["page"]
    ranges = {}
    for docname, essay in essays.items():
        start = as_tex_reads(str(essay.get("start", "")))
        end = as_tex_reads(str(essay.get("end", "")))
        if start in labels and end in labels:
            ranges[docname] = (labels[start], labels[end])
    return ranges


def page_bytes(page: pikepdf.Page) -> bytes:
    """What a page draws, as bytes, to tell whether it changed."""
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"".join(part.read_bytes() for part in contents)
    return contents.read_bytes() if contents is not None else b""


def typeset_sources(
    tex: Path, manifest: dict[str, Any], ranges: dict[str, tuple[str, str]]
) -> tuple[Path | None, dict[str, int]]:
    """Every offprint's source line, one page each: the PDF, and each essay's page in it."""
    trim = trim_of(manifest)
    if trim is None or not ranges:
        return None, {}
    book = manifest.get("book", {"title": manifest.get("title", "")})
    names = list(ranges)
    lines = [source_line(book, *ranges[name]) for name in names]
    lualatex = manifest.get("engine", "lualatex") == "lualatex"
    document = sources_document(
        {**book, "language": manifest.get("language", "en")}, lines, trim, lualatex
    )
    path = write_sources(tex.parent, document)
    result = typeset(path, str(manifest.get("engine", "lualatex")))
    pdf = path.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.is_file():
        print(f"WARNING: {path.name}: the offprints' source lines could not be typeset")
        return None, {}
    return pdf, {name: index for index, name in enumerate(names)}


def cut_offprints(
    pdf_path: Path,
    ranges: dict[str, tuple[str, str]],
    manifest: dict[str, Any],
    sources: tuple[Path | None, dict[str, int]] = (None, {}),
) -> list[Path]:
    """Each essay's pages, cut from the book with its page numbers, written only when changed."""
    folder = pdf_path.parent / OFFPRINT_FOLDER
    folder.mkdir(exist_ok=True)
    record = OutputRecord.load(folder, OFFPRINTS_RECORD, print_warning)
    source_pdf, source_pages = sources
    jobs: list[tuple[int, int, dict[str, object], str, int]] = []
    with pikepdf.open(pdf_path) as book:
        index = {str(page.label): number for number, page in enumerate(book.pages)}
        for docname, (first, last) in ranges.items():
            if first not in index or last not in index:
                continue
            essay = manifest["essays"][docname]
            start, end = index[first], index[last]
            line = source_line(manifest.get("book", {}), first, last) if source_pdf else ""
            digest = hashlib.sha1(json.dumps([essay, line], sort_keys=True).encode())
            for page in book.pages[start : end + 1]:
                digest.update(str(page.label).encode() + page_bytes(page))
            target = record.claim(str(essay.get("offprint", "")), digest.hexdigest())
            if target is not None:
                jobs.append((start, end, essay, str(target), source_pages.get(docname, -1)))
    workers = max(1, min(os.cpu_count() or 1, len(jobs) // 20 or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(
            pool.map(
                write_offprints,
                [str(pdf_path)] * workers,
                [jobs[i::workers] for i in range(workers)],
                [str(source_pdf or "")] * workers,
            )
        )
    record.finish()
    return [folder / name for name in record.current]


def write_offprints(
    pdf_path: str, jobs: list[tuple[int, int, dict[str, object], str, int]], sources: str
) -> None:
    """Write some offprints from the book (one worker's share), each with its source line."""
    with pikepdf.open(pdf_path) as book, ExitStack() as stack:
        lines = stack.enter_context(pikepdf.open(sources)) if sources else None
        for start, end, essay, target, line in jobs:
            offprint = pikepdf.new()
            offprint.add_pages_from(book, range(start, end + 1))
            if lines is not None and 0 <= line < len(lines.pages):
                first = offprint.pages[0]
                trim = first.obj.get("/TrimBox", first.mediabox)
                first.add_overlay(lines.pages[line], pikepdf.Rectangle(*(float(v) for v in trim)))
            authors = [str(name) for name in essay["authors"]]  # type: ignore[attr-defined]
            tags = [str(tag) for tag in essay["tags"]]  # type: ignore[attr-defined]
            with offprint.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:title"] = str(essay["title"])
                meta["dc:creator"] = authors
                meta["dc:subject"] = tags
                meta["dc:language"] = [str(essay["lang"])]
            offprint.docinfo["/Title"] = str(essay["title"])
            offprint.docinfo["/Author"] = ", ".join(authors)
            offprint.docinfo["/Keywords"] = ", ".join(tags)
            offprint.Root.Lang = pikepdf.String(str(essay["lang"]))
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            with replacing(Path(target)) as temporary:
                offprint.save(temporary)


def describe_book(pdf_path: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    """The book's page boxes and metadata: title and editors from LaTeX, the rest from here."""
    essays = manifest.get("essays", {}).values()
    tags = list(dict.fromkeys(tag for essay in essays for tag in essay["tags"]))
    categories = list(dict.fromkeys(c for essay in essays for c in essay["categories"]))
    with replacing(pdf_path) as temporary, pikepdf.open(pdf_path) as book:
        with book.open_metadata(set_pikepdf_as_editor=False) as meta:
            with warnings.catch_warnings():  # LaTeX's own /Trapped and banner have no XMP form
                warnings.simplefilter("ignore", UserWarning)
                meta.load_from_docinfo(book.docinfo)
            meta["dc:subject"] = tags
            meta["dc:language"] = [manifest.get("language", "en")]
        book.docinfo["/Keywords"] = ", ".join(tags)
        book.docinfo["/Subject"] = ", ".join(categories) or str(manifest.get("title", ""))
        book.Root.Lang = pikepdf.String(manifest.get("language", "en"))
        trim = trim_of(manifest)
        if trim is not None:
            set_page_boxes(book, trim, bool(manifest.get("bleed")))
        book.save(temporary)


def trim_of(manifest: dict[str, object]) -> Trim | None:
    """The trim size the LaTeX was written for, if the manifest says."""
    trim = manifest.get("trim")
    return Trim(**trim) if isinstance(trim, dict) else None


def typeset_to_fit(tex: Path, manifest: dict[str, object]) -> subprocess.CompletedProcess[str]:
    """Typeset; if the page count needs a wider gutter than the book has, typeset once more.

    The gutter file exists before the first run, so latexmk knows it and reruns when it changes.
    """
    engine = str(manifest.get("engine", "lualatex"))
    trim = trim_of(manifest)
    fits = trim is not None and manifest.get("gutter")
    if fits and not (tex.parent / GUTTER_FILE).is_file():
        (tex.parent / GUTTER_FILE).write_text("", encoding="utf-8")
    result = typeset(tex, engine)
    for _ in range(2):  # a wider gutter can add pages: one more look settles it
        pdf = tex.with_suffix(".pdf")
        if not fits or trim is None or result.returncode != 0 or not pdf.is_file():
            break
        with pikepdf.open(pdf) as book:
            pages = len(book.pages)
        if not write_gutter(tex.parent, trim, pages):
            break
        result = typeset(tex, engine)
    return result


def build_pdfs(folder: Path) -> int:
    """The book and every offprint; non-zero when LaTeX fails (or, strict, a glyph is missing)."""
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.is_file() else {}
    status = 0
    for tex in main_documents(folder):
        result = typeset_to_fit(tex, manifest)
        report = read_log(tex, manifest)
        for message in report.missing:
            print(f"WARNING: {message} [presswork.pdf.missing_character]", file=sys.stderr)
        if result.returncode != 0 or report.errors:
            for message in report.errors or [result.stdout[-2000:]]:
                print(f"ERROR: {message}", file=sys.stderr)
            status = 1
            continue
        if report.missing and manifest.get("strict"):
            status = 1
        describe_book(tex.with_suffix(".pdf"), manifest)
        ranges = page_ranges(tex.with_suffix(".aux"), manifest.get("essays", {}))
        sources = typeset_sources(tex, manifest, ranges)
        offprints = cut_offprints(tex.with_suffix(".pdf"), ranges, manifest, sources)
        print(
            f"presswork: {tex.with_suffix('.pdf')} and {len(offprints)} offprints in "
            f"{folder / OFFPRINT_FOLDER}"
        )
    return status
