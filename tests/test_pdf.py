"""Real PDFs: the book and offprints from LuaLaTeX, every script, every special character."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import TESTS, latex_project, text, write_latex

from presswork.latex.fonts import engine_for
from presswork.latex.pdf import build_pdfs, describe_book, typeset
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


def test_the_book_has_every_script_and_character(book):
    words = " ".join(text(book / "pdftest.pdf").split())
    for word in WORDS:
        assert word in words, word
    assert "Donaudampfschifffahrts" in words
    # Arabic comes out of the text layer as letters or, from some shapers, presentation forms.
    assert "يا" in words or "ﻳﺎ" in words or "يا" in text(book / "pdftest.pdf", "-raw")


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
    title = text(book / "pdftest.pdf", "-f", "3", "-l", "3")
    assert "PDF test" in title and "Edited by Test Editors" in title
    assert "First edition, 2026" in text(book / "pdftest.pdf", "-f", "4", "-l", "4")
    assert "CONTENTS" in text(book / "pdftest.pdf", "-f", "5", "-l", "5").upper()
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


def test_the_book_reads_as_essays_not_a_manual(book):
    """No chapter numbers, no "Release"; inside an essay the heads name its title or authors."""
    pdf = book / "pdftest.pdf"
    whole = text(pdf)
    assert "CHAPTER" not in whole.upper() and "Release" not in whole
    assert not re.search(r"^\d+(\.\d+)+ +[A-Z]", whole, re.MULTILINE)  # no "1.1 Characters"
    pages = whole.split("\f")[:-1]
    heads = {
        "Special Characters & Long Things",
        "Bo Special and Cy Second",
        "Every Script",
        "Ann Script",
    }
    inside = [  # pages after an essay's opening page (which carries its byline)
        page.strip().splitlines()[0].strip()
        for page in pages
        if page.strip() and "min read" not in page
    ]
    assert set(inside) & heads, inside
    for page in pages:
        lines = [line.strip() for line in page.strip().splitlines()]
        if lines and lines[0] in heads and len(lines) > 1:
            assert lines[1] not in heads  # one head per page: the verso's or the recto's


def test_offprints_are_cut_from_the_book_with_its_page_numbers(book):
    offprints = sorted(p.name for p in (book / "essays").glob("*.pdf"))
    assert offprints == ["scripts.pdf", "special.pdf"]
    special = book / "essays" / "special.pdf"
    opening = " ".join(text(special, "-l", "1").split())
    source = (
        "From PDF test, edited by Test Editors, Test Press, 2026, pp. 3–4. "
        "Licensed under Creative Commons Attribution 4.0 (CC BY 4.0). "
    )
    assert opening.startswith(source + "Special Characters & Long Things")  # no number
    assert "Bo Special and Cy Second" in opening
    pages = text(special).split("\f")[:-1]
    whole = text(book / "pdftest.pdf").split("\f")
    start = whole.index(pages[1]) - 1
    assert whole[start + 1 : start + len(pages)] == pages[1:]  # the book's pages, numbers and all
    assert " ".join(whole[start].split()) == opening.removeprefix(source)  # only the line added
    assert "From PDF test" not in " ".join(whole)
    fonts = subprocess.run(
        ["pdffonts", str(special)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    with pikepdf.open(special) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Special Characters & Long Things"
        assert str(pdf.docinfo["/Author"]) == "Bo Special, Cy Second"
    assert "Labouring Men" in text(special)  # its own references, at its end
    printed = " ".join(text(special).split())
    assert "References Hobsbawm, Eric. 1964. Labouring Men. Weidenfeld and Nicolson." in printed
    assert "(Hobsbawm 1964, 2)" in printed and "Hobsbawm (1964, 4)" in printed
    assert "Hob64" not in printed
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
    assert build_pdfs(write_latex(source, {"presswork_allow_raw_latex": True})) == 1
    err = capsys.readouterr().err
    assert "essays/special.md: LaTeX error" in err and "Undefined control sequence" in err


MEMOIR = """---
title: A Memoir
authors: [Di Memoir]
date: 2024-03-03
---

I learnt to print in my aunt's shed, on a press she had bought from a chapel that had no more
use for it, and I have loved the smell of ink and the noise of the platen ever since that first
winter. In 1888 the matchwomen of Bow walked out of the factory in protest at the fines.
"""


def test_a_proof_has_line_numbers_watermark_stamp_and_findings_in_the_margin(tmp_path):
    source = tmp_path / "proof"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    (source / "essays" / "memoir.md").write_text(MEMOIR, encoding="utf-8")
    folder = write_latex(source, {"presswork_proof": True})
    assert build_pdfs(folder) == 0
    words = BeautifulSoup(text(folder / "essays" / "memoir.pdf", "-bbox"), "html.parser")
    tops = {}
    for word in words.select("word"):
        tops.setdefault(word.get_text(), []).append(float(word["ymin"]))
    # the note stands beside the line where its sentence begins, not its paragraph's first line
    note, sentence, paragraph = tops["needed:"][0], tops["1888"][0], tops["learnt"][0]
    assert abs(note - sentence) < 4 and sentence - paragraph > 20, (note, sentence, paragraph)
    layout = text(folder / "essays" / "memoir.pdf")
    assert "“In 1888 the matchwomen of Bow" in " ".join(layout.split())
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
    assert needs_of("Plain, Ελληνικά, Русский – “quotes” …") == ()
    assert needs_of("minus − 5") == ("fallback", "math")  # Noto Serif has no U+2212
    assert needs_of("万国") == ("fallback", "cjk")
    assert needs_of("שלום") == ("fallback", "hebrew", "right-to-left")
    assert needs_of("a ✊ and ∀") == ("fallback", "emoji", "math")
    assert engine_for(set()) == "xelatex"
    assert engine_for({"fallback", "cjk"}) == "xelatex"
    assert engine_for({"fallback", "hebrew", "right-to-left"}) == "xelatex"
    assert engine_for({"fallback", "emoji"}) == "lualatex"


def test_offprints_are_written_again_only_when_their_pages_change(book, capsys):
    offprint = book / "essays" / "scripts.pdf"
    before = offprint.stat().st_mtime_ns
    assert build_pdfs(book) == 0
    assert offprint.stat().st_mtime_ns == before


@pytest.fixture(scope="module")
def names(tmp_path_factory) -> Path:
    """The outputs root as a book: essays in folders and with names TeX must not choke on."""
    source = tmp_path_factory.mktemp("names") / "src"
    shutil.copytree(TESTS / "roots" / "test-outputs", source)
    folder = write_latex(source)
    assert build_pdfs(folder) == 0
    return folder


def test_essays_of_the_same_name_in_two_folders_get_two_offprints(names):
    folder = names / "essays"
    offprints = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf"))
    assert offprints == [
        "a/intro.pdf",
        "b/intro.pdf",
        "café.pdf",
        "odd%#{_}.pdf",
        "über uns.pdf",
    ]
    assert "folder a" in text(names / "essays" / "a" / "intro.pdf")
    assert "folder b" in text(names / "essays" / "b" / "intro.pdf")
    with pikepdf.open(names / "essays" / "café.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "At the Café"
    assert "umlaut and a space" in text(names / "essays" / "über uns.pdf")
    assert "special characters" in text(names / "essays" / "odd%#{_}.pdf")


def test_every_essay_in_the_tags_index_has_its_page_number(names):
    book = " ".join(text(names / "outputstest.pdf").split())
    assert "??" not in book
    starts = set()
    for title in ("Introduction A", "Introduction B", "At the Café", "About Us", "Odd Name"):
        pages = re.findall(rf"{title} · [^·]+ · \w+ \d+, \d{{4}}, p\. (\d+)", book)
        assert pages, title
        starts.update(pages)
    assert len(starts) == 5  # five essays, five pages: real page numbers, not one placeholder
    cafe = re.search(r"At the Café · [^·]+ · \w+ \d+, \d{4}, p\. (\d+)", book)
    opening = text(names / "essays" / "café.pdf", "-l", "1")
    assert cafe is not None and cafe.group(1) in opening.split()  # the page it really starts on


def test_a_forged_offprint_record_removes_nothing_outside_the_folder(names, capsys):
    precious = names.parent / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    record = names / "essays" / ".presswork-offprints.json"
    entries = json.loads(record.read_text(encoding="utf-8"))
    entries["../../precious.txt"] = "forged"
    entries[str(precious)] = "forged"
    record.write_text(json.dumps(entries), encoding="utf-8")
    assert build_pdfs(names) == 0
    assert precious.read_text(encoding="utf-8") == "keep me"
    err = capsys.readouterr().err
    assert err.count("[presswork.output.path]") == 2
    assert "'../../precious.txt'" in err
    assert "../../precious.txt" not in record.read_text(encoding="utf-8")
    assert not list(names.rglob("*.tmp"))


def test_tex_cannot_read_outside_its_folder_nor_run_commands(tmp_path):
    tex = tmp_path / "hostile.tex"
    tex.write_text(
        "\\documentclass{article}\n\\begin{document}\nBefore.\n"
        "\\immediate\\write18{touch pwned}\n\\input{/etc/passwd}\nAfter.\n\\end{document}\n",
        encoding="utf-8",
    )
    for engine in ("xelatex", "lualatex"):
        result = typeset(tex, engine)
        said = result.stdout + result.stderr
        assert result.returncode != 0, engine
        assert "Not reading from /etc/passwd (openin_any = p)" in said, engine
        running = [line for line in said.splitlines() if line.startswith("Running '")]
        assert running and all("-no-shell-escape" in line for line in running[:1]), engine
        log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
        assert "write18 enabled" not in log and "system commands enabled" not in log, engine
        assert not (tmp_path / "pwned").exists()
        pdf = tex.with_suffix(".pdf")
        assert not pdf.exists() or "root:" not in text(pdf)


def test_tex_still_reads_its_own_folder(tmp_path):
    (tmp_path / "part.tex").write_text("Included from the same folder.\n", encoding="utf-8")
    tex = tmp_path / "whole.tex"
    tex.write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{part}\n\\end{document}\n",
        encoding="utf-8",
    )
    assert typeset(tex, "xelatex").returncode == 0
    assert "Included from the same folder." in text(tex.with_suffix(".pdf"))


def test_a_crash_while_describing_the_book_leaves_it_whole(names, tmp_path, monkeypatch):
    book = tmp_path / "book.pdf"
    shutil.copy(names / "outputstest.pdf", book)
    old = book.read_bytes()

    def save_half(self, filename, *args, **kwargs):
        Path(filename).write_bytes(old[: len(old) // 2])
        raise OSError("no space left on device")

    monkeypatch.setattr(pikepdf.Pdf, "save", save_half)
    manifest = json.loads((names / "presswork-essays.json").read_text(encoding="utf-8"))
    with pytest.raises(OSError):
        describe_book(book, manifest)
    assert book.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]


def test_section_numbers_on_request_without_chapter_numbers(tmp_path):
    folder = latex_project(tmp_path, "numbered", {"presswork_section_numbers": True})
    assert build_pdfs(folder) == 0
    whole = text(folder / "pdftest.pdf")
    assert "CHAPTER" not in whole.upper()
    assert re.search(r"^1 +Characters$", whole, re.MULTILINE), whole


def test_the_contents_name_each_essays_authors(book):
    contents = [
        line.strip() for line in text(book / "pdftest.pdf", "-f", "5", "-l", "5").splitlines()
    ]
    contents = [line for line in contents if line]
    script = contents.index("Every Script")
    assert "Ann Script" in contents[script + 1 : script + 3], contents
    special = contents.index("Special Characters & Long Things")
    assert "Bo Special and Cy Second" in contents[special + 1 : special + 3]


def test_each_script_is_set_in_its_own_font_and_latin_in_none(book):
    tex = (book / "pdftest.tex").read_text(encoding="utf-8")
    assert r"\foreignlanguage{arabic}{يا عمال العالم اتحدوا}" in tex
    assert r"{\PressworkScriptcjk 万\allowbreak{}国\allowbreak{}の" in tex
    assert r"{\PressworkScriptemoji ✊" in tex
    assert "Ærøskøbing, naïve" in tex  # Latin text carries no font commands
    assert "fallback=presswork}," not in tex.split(r"\babelfont{rm}")[1].split("\n")[0]
    colophon = " ".join(text(book / "pdftest.pdf").split()[-60:])
    assert "Noto Serif CJK JP" in colophon and "Noto Naskh Arabic" in colophon


def test_a_collection_without_emoji_is_set_with_xelatex_right_to_left_too(tmp_path):
    source = tmp_path / "no-emoji"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    essay = source / "essays" / "scripts.md"
    essay.write_text(essay.read_text(encoding="utf-8").split("Emoji:")[0])
    folder = write_latex(source)
    manifest = json.loads((folder / "presswork-essays.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "xelatex"
    assert build_pdfs(folder) == 0
    assert "Missing character" not in (folder / "pdftest.log").read_text(errors="replace")
    words = "".join(text(folder / "pdftest.pdf").split())
    assert "万国の労働者よ" in words
    assert "התאחדו" in words and "פועלי" in words
    assert "ﺍﺗﺤﺪﻭﺍ" in words or "اتحدوا" in words  # Arabic, as letters or presentation forms
