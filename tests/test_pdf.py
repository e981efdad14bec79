"""Real PDFs: the book and offprints from LuaLaTeX, every script, every special character."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import TESTS
from sphinx.testing.util import SphinxTestApp

from presswork.latex.fonts import engine_for
from presswork.latex.pdf import build_pdfs
from presswork.latex.scripts import needs_of

WORDS = [
    "Ærøskøbing",
    "Łódź",
    "−",
    "Пролетарии всех стран",
    "Προλετάριοι",
    "万国の労働者",
    "全世界无产者",
    "100%",
    "ampersand &",
    "$5",
    "#1",
    "snake_case",
    "{x}",
    "~",
    "^",
    "backslash \\",
    "Labouring Men",
    "General strike",
    "admonition",
]


def latex_project(tmp: Path, name: str, confoverrides: dict | None = None) -> Path:
    """Copy the PDF test root, write its LaTeX with Sphinx, and return the LaTeX folder."""
    source = tmp / name
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    return write_latex(source, confoverrides)


def write_latex(source: Path, confoverrides: dict | None = None) -> Path:
    app = SphinxTestApp("latex", srcdir=source, confoverrides=confoverrides or {})
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


def text(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    folder = latex_project(tmp_path_factory.mktemp("pdf"), "book")
    assert build_pdfs(folder) == 0
    return folder


def test_the_book_has_every_script_and_character(book):
    words = " ".join(text(book / "pdftest.pdf").split())
    for word in WORDS:
        assert word in words, word
    assert "Donaudampfschifffahrts" in words
    assert "يا" in text(book / "pdftest.pdf", "-raw") or "ﻳﺎ" in words


def test_no_character_is_missing_and_every_font_is_embedded(book):
    log = (book / "pdftest.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    fonts = subprocess.run(
        ["pdffonts", str(book / "pdftest.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(fonts) >= 5
    assert all(line.split()[-5] == "yes" for line in fonts), fonts
    names = " ".join(fonts)
    for family in ("NotoSerif-Regular", "NotoSerifCJK", "NotoNaskhArabic", "NotoSerifHebrew"):
        assert family in names


def test_the_book_has_a_title_page_contents_and_metadata(book):
    first = text(book / "pdftest.pdf", "-l", "1")
    assert "PDF test" in first and "Test Editors" in first and "1.0" in first
    assert "CONTENTS" in text(book / "pdftest.pdf", "-f", "2", "-l", "3").upper()
    with pikepdf.open(book / "pdftest.pdf") as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "PDF test"
        assert str(info["/Author"]) == "Test Editors"
        assert "Революция" in str(info["/Keywords"]) and str(info["/Subject"]) == "Tests"
        assert str(pdf.Root.Lang) == "en"
    width, height = (
        float(v)
        for v in re.findall(
            r"([\d.]+) x ([\d.]+)",
            subprocess.run(
                ["pdfinfo", str(book / "pdftest.pdf")], capture_output=True, text=True, check=True
            ).stdout,
        )[0]
    )
    assert round(width) == 420 and round(height) == 595  # A5 from presswork_paper


def test_each_essay_opens_its_chapter_with_byline_terms_and_abstract(book):
    words = " ".join(text(book / "pdftest.pdf").split())
    assert "Ann Script • January 1, 2024" in words
    assert "Tags: scripts, Революция" in words
    assert "Latin, Cyrillic, Greek, CJK, Arabic and Hebrew in one essay." in words


def test_offprints_are_cut_from_the_book_with_its_page_numbers(book):
    offprints = sorted(p.name for p in (book / "essays").glob("*.pdf"))
    assert offprints == ["scripts.pdf", "special.pdf"]
    special = book / "essays" / "special.pdf"
    opening = " ".join(text(special, "-l", "1").split())
    assert opening.upper().startswith("CHAPTER") and "SPECIAL CHARACTERS" in opening.upper()
    assert "Bo Special and Cy Second" in opening
    pages = text(special).split("\f")[:-1]
    whole = text(book / "pdftest.pdf").split("\f")
    start = whole.index(pages[0])
    assert whole[start : start + len(pages)] == pages  # the book's own pages, numbers and all
    with pikepdf.open(special) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Special Characters & Long Things"
        assert str(pdf.docinfo["/Author"]) == "Bo Special, Cy Second"
    assert "Labouring Men" in text(special)  # its own references, at its end
    assert "Labouring Men" not in text(book / "essays" / "scripts.pdf")


def test_a_missing_glyph_is_reported_with_essay_character_and_code_point(tmp_path, capsys):
    source = tmp_path / "missing"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    essay = source / "essays" / "scripts.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\nHieroglyph: 𓀀\n", encoding="utf-8")
    assert build_pdfs(write_latex(source)) == 0
    err = capsys.readouterr().err
    assert "essays/scripts.md: missing character '𓀀' (U+13000)" in err
    assert build_pdfs(write_latex(source, {"presswork_strict": True})) == 1


def test_a_latex_error_fails_with_the_essay_it_comes_from(tmp_path, capsys):
    source = tmp_path / "error"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    essay = source / "essays" / "special.md"
    essay.write_text(
        essay.read_text(encoding="utf-8") + "\n```{raw} latex\n\\undefinedpresswork\n```\n",
        encoding="utf-8",
    )
    assert build_pdfs(write_latex(source)) == 1
    err = capsys.readouterr().err
    assert "essays/special.md: LaTeX error" in err and "Undefined control sequence" in err


def test_a_proof_has_line_numbers_watermark_stamp_and_findings_in_the_margin(tmp_path):
    folder = latex_project(tmp_path, "proof", {"presswork_proof": True})
    assert build_pdfs(folder) == 0
    proof = text(folder / "pdftest.pdf")
    assert "PROOF" in proof
    assert re.search(
        r"PROOF • (commit [0-9a-f]{7,}, \d{4}-\d\d-\d\d|built \d{4}-\d\d-\d\d) • page", proof
    )
    numbers = [int(line) for line in proof.splitlines() if line.strip().isdigit()]
    assert len(numbers) > 20 and max(numbers) > 20  # line numbers in the text layer
    assert "citation needed" in " ".join(proof.split())


def test_the_engine_follows_the_scripts_a_collection_uses(book):
    manifest = json.loads((book / "presswork-essays.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "lualatex"
    assert needs_of("Plain, Ελληνικά, Русский − “quotes” …") == ()
    assert needs_of("万国") == ("fallback",)
    assert needs_of("שלום") == ("fallback", "right-to-left")
    assert engine_for(set()) == "xelatex"
    assert engine_for({"fallback"}) == "lualatex"


def test_offprints_are_written_again_only_when_their_pages_change(book, capsys):
    offprint = book / "essays" / "scripts.pdf"
    before = offprint.stat().st_mtime_ns
    assert build_pdfs(book) == 0
    assert offprint.stat().st_mtime_ns == before
