"""The book as a book: front matter in the Chicago order, parts and the editors' running order."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
from bs4 import BeautifulSoup
from conftest import TESTS, build, latex_project, text, write_latex
from lxml import etree

from presswork.latex.pdf import build_pdfs

OPF = {"opf": "http://www.idpf.org/2007/opf"}
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def pages(pdf: Path) -> list[str]:
    """Each page's text, its words joined by single spaces."""
    return [" ".join(page.split()) for page in text(pdf).split("\f")[:-1]]


def essay_order(tex: Path) -> list[str]:
    """The essays in the order the book's LaTeX starts them."""
    marks = [line for line in tex.read_text("utf-8").splitlines() if "presswork-essay:" in line]
    return [line.split("{")[-1].split("}")[0] for line in marks]


def test_front_matter_comes_in_the_chicago_order_with_roman_folios(book):
    pdf = book / "pdftest.pdf"
    page = pages(pdf)
    with pikepdf.open(pdf) as opened:
        labels = [str(p.label) for p in opened.pages]
    first = labels.index("1")
    assert labels[:first] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][:first]
    assert page[0] == "PDF test"  # the half-title, alone
    assert page[1] == ""
    assert page[2] == (
        "PDF test Scripts, Characters and Other Trials Edited by Test Editors Test Press Leeds"
    )
    copyright_page = page[3]
    for line in (
        "Licensed under Creative Commons Attribution 4.0 (CC BY 4.0).",
        "First edition, 2026",
        "ISBN 978-0-306-40615-7 (paperback) ISBN 978-3-16-148410-0 (epub)",
        "Published by Test Press, Leeds",
    ):
        assert line in copyright_page
    assert "©" not in copyright_page  # the test root sets no copyright: none is invented
    assert page[4].startswith("Contents")
    introduction = next(i for i, p in enumerate(page) if p.startswith("Introduction"))
    assert labels[introduction] == "vii" and introduction < first
    assert "every script and character" in page[introduction]
    assert "February 2, 2024" not in page[introduction]  # no web listing: the contents list
    assert "Release" not in " ".join(page) and "1.0" not in " ".join(page[:first])


def test_the_contents_group_the_essays_by_part_with_their_pages(book):
    contents = pages(book / "pdftest.pdf")[4]
    order = [
        "Introduction vii",
        "Part I: Characters 1",
        "Special Characters & Long Things 3 Bo Special and Cy Second",
        "Part II: Scripts",
        "Every Script",
        "Ann Script",
    ]
    positions = [contents.find(entry) for entry in order]
    assert -1 not in positions, contents
    assert positions == sorted(positions)


def test_each_part_has_a_page_of_its_own_before_its_essays(book):
    page = pages(book / "pdftest.pdf")
    part = page.index("Part I: Characters")
    following = next(p for p in page[part + 1 :] if p)
    assert following.startswith("Special Characters & Long Things What TeX Makes")
    assert "Part II: Scripts" in page


def test_the_running_order_setting_orders_the_book_and_by_date_without_it(tmp_path):
    placed = latex_project(tmp_path, "placed")
    dated = latex_project(tmp_path, "dated", {"presswork_running_order": []})
    assert essay_order(placed / "pdftest.tex") == ["essays/special", "essays/scripts"]
    assert essay_order(dated / "pdftest.tex") == ["essays/scripts", "essays/special"]
    assert (
        "PressworkPart"
        not in (dated / "pdftest.tex").read_text("utf-8").split("begin{document}")[1]
    )


def epub_of(tmp_path: Path, name: str, confoverrides: dict | None = None) -> Path:
    source = tmp_path / name
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    app, _ = build("epub", source, confoverrides=confoverrides or {})
    return Path(app.outdir) / "PDFtest.epub"


def spine_and_nav(book: Path) -> tuple[list[str], etree._Element]:
    with zipfile.ZipFile(book) as archive:
        opf = etree.fromstring(archive.read("content.opf"))
        nav = etree.fromstring(archive.read("nav.xhtml"))
    hrefs = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", OPF)}
    spine = [hrefs[ref.get("idref")] for ref in opf.iterfind(".//opf:itemref", OPF)]
    return [name for name in spine if name.startswith("essays/")], nav


def test_the_running_order_and_parts_drive_the_epub_spine_and_navigation(tmp_path):
    placed, nav = spine_and_nav(epub_of(tmp_path, "placed"))
    assert placed == ["essays/special.xhtml", "essays/scripts.xhtml"]
    parts = nav.findall(".//x:nav/x:ol/x:li/x:span", XHTML)
    assert [span.text for span in parts] == ["Part I: Characters", "Part II: Scripts"]
    first = parts[0].getparent().findall("x:ol/x:li/x:a", XHTML)
    assert [a.get("href") for a in first] == ["essays/special.xhtml"]
    dated, nav = spine_and_nav(epub_of(tmp_path, "dated", {"presswork_running_order": []}))
    assert dated == ["essays/scripts.xhtml", "essays/special.xhtml"]
    assert nav.findall(".//x:nav/x:ol/x:li/x:span", XHTML) == []


def test_a_running_order_that_names_too_much_or_too_little_is_reported(tmp_path):
    source = tmp_path / "wrong"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    order = [
        "essays/special",
        "essays/nowhere",
        "essays/special",
        42,
    ]
    app, warnings = build("latex", source, confoverrides={"presswork_running_order": order})
    found = [w for w in warnings if w[2] == "presswork.running_order"]
    messages = sorted((file, message) for file, _, _, message in found)
    assert messages == [
        ("conf.py", "presswork_running_order: 'essays/nowhere' is not an essay"),
        ("conf.py", "presswork_running_order: 'essays/special' is placed twice"),
        (
            "conf.py",
            "presswork_running_order: 42 is neither an essay's name nor a pair ('Part title', "
            "[essay names]); left out",
        ),
        (
            "essays/scripts.md",
            "essay not placed in presswork_running_order; it goes at the end of the book",
        ),
    ]
    assert essay_order(Path(app.outdir) / "pdftest.tex") == ["essays/special", "essays/scripts"]


def test_an_isbn_that_is_not_one_is_reported_and_left_off(tmp_path):
    source = tmp_path / "isbn"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    isbns = {"pdf": "978-0-00-000000-1", "epub": "9780306406157"}
    app, _ = build("latex", source, confoverrides={"presswork_isbns": isbns})
    warnings = app.warning.getvalue()
    tex = (Path(app.outdir) / "pdftest.tex").read_text("utf-8").replace(r"\sphinxhyphen{}", "-")
    assert "ISBN 978-0-306-40615-7 (epub)" in tex
    assert "000000" not in tex
    assert "presswork_isbns['pdf']: '978-0-00-000000-1' is not an ISBN" in warnings
    assert "[presswork.config]" in warnings


GERMAN = (
    "Die Gewerkschaftsversammlung beschloss nach langer Diskussion, die "
    "Arbeitszeitverkürzungsforderung gemeinsam mit den Kolleginnen der Nachbarbetriebe zu "
    "vertreten, und die Versammlungsleitung schrieb die Beschlüsse sorgfältig in das Protokoll. "
)


def line_end_breaks(pdf: Path) -> set[str]:
    """The word pieces that end a line with a hyphen, as laid out on the page."""
    return set(re.findall(r"(\w+)-$", text(pdf, "-layout"), re.MULTILINE))


def german_book(tmp_path: Path, name: str, lang: str) -> Path:
    source = tmp_path / name
    shutil.copytree(TESTS / "roots" / "test-trim", source)
    body = "\n\n".join(GERMAN * 3 for _ in range(4))
    (source / "essays" / "deutsch.md").write_text(
        f"---\ntitle: Versammlung\nauthors: [Uta Beispiel]\ndate: 2025-05-01\n{lang}---\n\n"
        f"{body}\n",
        encoding="utf-8",
    )
    folder = write_latex(source, {"presswork_paper": "5.5x8.5in"})
    assert build_pdfs(folder) == 0
    return folder


def test_an_essay_in_another_language_is_hyphenated_by_its_own_patterns(tmp_path):
    folder = german_book(tmp_path, "de", "lang: de\n")
    tex = (folder / "trimtest.tex").read_text("utf-8")
    assert r"\usepackage[ngerman,main=english]{babel}" in tex
    german = tex.split(r"\begin{otherlanguage}{ngerman}", 1)[1].split(r"\end{otherlanguage}")[0]
    assert "Versammlung" in german and "Margins" not in german  # only the German essay
    log = (folder / "trimtest.log").read_text("utf-8", errors="replace")
    assert "No hyphenation patterns were preloaded for" not in log
    breaks = line_end_breaks(folder / "trimtest.pdf")
    english = line_end_breaks(german_book(tmp_path, "en", "") / "trimtest.pdf")
    assert breaks and breaks != english, (breaks, english)


def test_an_essay_opens_with_its_subtitle_and_epigraph_and_heads_with_its_short_title(book):
    opening = next(p for p in pages(book / "pdftest.pdf") if p.startswith("Special Characters &"))
    assert opening.startswith(
        "Special Characters & Long Things What TeX Makes of an Author’s Keyboard "
        "Bo Special and Cy Second • February 2, 2024"
    )
    assert "Every character an author can type comes out typeset. — The presswork guide" in opening
    tex = (book / "pdftest.tex").read_text("utf-8")
    assert r"\PressworkRunningHeads{Bo Special and Cy Second}{Special Characters}" in tex
    assert r"\PressworkRunningHeads{Ann Script}{Every Script}" in tex  # no short title: the title


def test_the_web_page_and_the_e_book_show_the_subtitle_and_epigraph(tmp_path):
    source = tmp_path / "web"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    (source / "essays" / "scripts.md").write_text(
        (source / "essays" / "scripts.md")
        .read_text("utf-8")
        .replace("date: 2024-01-01", "date: 2024-01-01\nepigraph: {text: [not, text]}"),
        encoding="utf-8",
    )
    app, found = build("html", source)
    page = BeautifulSoup(
        (Path(app.outdir) / "essays" / "special.html").read_text("utf-8"), "html.parser"
    )
    header = page.select_one(".presswork-essay-header")
    assert header is not None
    subtitle = header.select_one("p.presswork-subtitle")
    assert subtitle is not None and subtitle.get_text() == "What TeX Makes of an Author's Keyboard"
    epigraph = header.select_one("blockquote.presswork-epigraph")
    assert epigraph is not None
    assert epigraph.get_text(" ", strip=True) == (
        "Every character an author can type comes out typeset. The presswork guide"
    )
    assert (
        "essays/scripts.md",
        7,
        "presswork.front_matter.type",
        "'epigraph' should be text, or 'text:' and 'source:' with text",
    ) in found


def test_the_back_matter_lists_the_contributors_by_surname_and_ends_with_a_colophon(book):
    page = pages(book / "pdftest.pdf")
    contents = page[4]
    listed = next(p for p in page if p.startswith("Contributors "))
    assert listed.startswith(
        "Contributors Ann Script Sets type in six scripts. Every Script, p. "
    ), listed
    second = listed.index("Cy Second Reads proofs for a living.")
    special = listed.index(
        "Bo Special University of Test Writes about the characters TeX treats as commands. "
        "Special Characters & Long Things, p. 3"
    )
    assert 0 < second < special
    assert "Nobody Here" not in listed
    assert re.search(r"Contributors \d+ Tags \d+", contents)  # before the index, in the contents
    tex = (book / "pdftest.tex").read_text("utf-8")
    assert r"\PressworkRunningHeads{Tags}{Tags}" in tex  # not the last essay's heads
    colophon = page[-1]
    assert colophon.startswith("Colophon Set in Noto Serif, Noto Sans, Noto Sans Mono")
    assert "Typeset with LuaLaTeX by presswork" in colophon and "Version 1.0, built" in colophon
