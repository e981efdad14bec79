"""Typeset the book with LuaLaTeX, read its log for errors and missing glyphs, cut offprints."""

from __future__ import annotations

import bisect
import json
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from presswork.latex.transforms import END_LABEL, ESSAY_MARK, MANIFEST

MISSING = re.compile(r"Missing character: There is no (.) \(U\+([0-9A-F]{4,6})\) in font (.+?)!?$")
ERROR = re.compile(r"^(?:\./)?(?P<file>[^:\s]+\.tex):(?P<line>\d+): (?P<message>.+)$")
DOC_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<docname>[^}]+)::doc\}\}")
AUX_LABEL = re.compile(r"^\\newlabel\{(?P<name>[^}]+)\}\{\{[^}]*\}\{(?P<page>[^}]*)\}")
OFFPRINT_FOLDER = "essays"
ESSAY_LINE = re.compile(rf"{ESSAY_MARK}:(?P<docname>\S+)")


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


def typeset(tex: Path) -> subprocess.CompletedProcess[str]:
    """Run latexmk with LuaLaTeX; a LaTeX error stops the run (never -f)."""
    env = {**os.environ, "max_print_line": "100000", "error_line": "254", "half_error_line": "238"}
    return subprocess.run(
        [
            "latexmk",
            "-lualatex",
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
    starts = essay_lines(tex)
    current = "the book's front matter"
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if match := ESSAY_LINE.search(line):
            docname = match["docname"]
            current = essays.get(docname, {}).get("source", docname)
        elif match := MISSING.search(line):
            char, code = match.group(1), match.group(2)
            report.missing.append(f"{current}: missing character {char!r} (U+{code}) in the PDF")
        elif (match := ERROR.match(line)) and match["file"].endswith(tex.name):
            where = essay_at(starts, int(match["line"]), essays)
            report.errors.append(
                f"{where}: LaTeX error at {tex.name} line {match['line']}: {match['message']}"
            )
    return report


def essay_lines(tex: Path) -> list[tuple[int, str]]:
    """(line, docname) where each document starts in the .tex."""
    starts = []
    for number, text in enumerate(tex.read_text(encoding="utf-8").splitlines(), 1):
        if match := DOC_LABEL.search(text):
            starts.append((number, match["docname"]))
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
    return {
        docname: (labels[f"{docname}::doc"], labels[f"{END_LABEL}:{docname}"])
        for docname in essays
        if f"{docname}::doc" in labels and f"{END_LABEL}:{docname}" in labels
    }


def cut_offprints(pdf_path: Path, ranges: dict[str, tuple[str, str]], manifest: dict) -> list[Path]:  # type: ignore[type-arg]
    """Each essay's pages, cut from the book with the book's page numbers, with its metadata."""
    written = []
    folder = pdf_path.parent / OFFPRINT_FOLDER
    folder.mkdir(exist_ok=True)
    with pikepdf.open(pdf_path) as book:
        index = {str(page.label): number for number, page in enumerate(book.pages)}
        for docname, (first, last) in ranges.items():
            if first not in index or last not in index:
                continue
            essay = manifest["essays"][docname]
            offprint = pikepdf.new()
            offprint.add_pages_from(book, range(index[first], index[last] + 1))
            with offprint.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:title"] = essay["title"]
                meta["dc:creator"] = essay["authors"]
                meta["dc:subject"] = essay["tags"]
                meta["dc:language"] = [essay["lang"]]
            offprint.docinfo["/Title"] = essay["title"]
            offprint.docinfo["/Author"] = ", ".join(essay["authors"])
            offprint.docinfo["/Keywords"] = ", ".join(essay["tags"])
            offprint.docinfo["/Subject"] = str(manifest["title"])
            offprint.Root.Lang = pikepdf.String(essay["lang"])
            target = folder / f"{essay['slug']}.pdf"
            offprint.save(target)
            written.append(target)
    return written


def describe_book(pdf_path: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    """The book's metadata: title and editors from LaTeX; subject, keywords, language here."""
    essays = manifest.get("essays", {}).values()
    tags = list(dict.fromkeys(tag for essay in essays for tag in essay["tags"]))
    categories = list(dict.fromkeys(c for essay in essays for c in essay["categories"]))
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as book:
        with book.open_metadata(set_pikepdf_as_editor=False) as meta:
            with warnings.catch_warnings():  # LaTeX's own /Trapped and banner have no XMP form
                warnings.simplefilter("ignore", UserWarning)
                meta.load_from_docinfo(book.docinfo)
            meta["dc:subject"] = tags
            meta["dc:language"] = [manifest.get("language", "en")]
        book.docinfo["/Keywords"] = ", ".join(tags)
        book.docinfo["/Subject"] = ", ".join(categories) or str(manifest.get("title", ""))
        book.Root.Lang = pikepdf.String(manifest.get("language", "en"))
        book.save(pdf_path)


def build_pdfs(folder: Path) -> int:
    """The book and every offprint; non-zero when LaTeX fails (or, strict, a glyph is missing)."""
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.is_file() else {}
    status = 0
    for tex in main_documents(folder):
        result = typeset(tex)
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
        offprints = cut_offprints(tex.with_suffix(".pdf"), ranges, manifest)
        print(
            f"presswork: {tex.with_suffix('.pdf')} and {len(offprints)} offprints in "
            f"{folder / OFFPRINT_FOLDER}"
        )
    return status
