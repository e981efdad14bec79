"""Citations and the checks an editor relies on, in html, epub and latex, and in make check."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import html, text_of, warnings_of

from presswork.citations.bibfiles import BibEntry
from presswork.citations.prose import BY_HAND
from presswork.citations.rendering import split_targets, target_key
from presswork.citations.sources import check_entry, same_works

EXPECTED = sorted(
    [
        ("essays/broken.bib", 8, "presswork.cite.bib_syntax"),
        ("essays/problems.md", 9, "presswork.cite.unresolved"),
        ("essays/problems.md", 9, "presswork.cite.unresolved"),
        ("essays/problems.md", 11, "presswork.cite.by_hand"),
        ("essays/problems.md", 11, "presswork.cite.by_hand"),
        ("essays/problems.md", 13, "presswork.cite.quote_source"),
        ("essays/problems.md", 15, "presswork.cite.quote_source"),
        ("essays/problems.md", 18, "presswork.cite.quote_locator"),
        ("essays/problems.md", 20, "presswork.cite.needed"),
        ("essays/refs.bib", 16, "presswork.cite.same_work"),
        ("essays/refs.bib", 24, "presswork.cite.duplicate_key"),
        ("essays/refs.bib", 31, "presswork.cite.missing_field"),
        ("essays/refs.bib", 37, "presswork.cite.doi"),
        ("essays/refs.bib", 37, "presswork.cite.issn"),
        ("essays/refs.bib", 46, "presswork.cite.isbn"),
        ("essays/refs.bib", 54, "presswork.cite.url_date"),
        ("essays/refs.bib", 69, "presswork.cite.same_work"),
        ("essays/refs.bib", 77, "presswork.cite.unused"),
    ]
)


def flat(node) -> str:
    """A node's text as a reader sees it: no spaces added between inline elements."""
    return " ".join(node.get_text().split())


def found(app) -> list[tuple[str, int, str]]:
    return sorted((file, line, kind) for file, line, kind, _ in warnings_of(app))


@pytest.mark.sphinx("html", testroot="citations")
def test_every_check_reports_once_at_its_file_and_line(app):
    app.build()
    assert found(app) == EXPECTED
    output = app.warning.getvalue()
    assert "Traceback" not in output and "bibtex.key_not_found" not in output
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="citations")
def test_each_essay_ends_with_its_own_references_and_citations_render_everywhere(app):
    app.build()
    clean = html(app, "essays/clean")
    references = clean.select_one("section#references")
    assert references is not None
    entries = [flat(li) for li in references.select("ul.presswork-references > li")]
    assert len(entries) == 11  # every key the essay cites, each once
    assert not references.select(".label") and not clean.select(".bibtex-citation")
    cites = [flat(c) for c in clean.select(".presswork-citation")]
    assert cites[:2] == ["(Thompson 1963a, 9)", "Hobsbawm (1964, 3)"]
    assert (
        "Thompson, E. P. 1963a. The Making of the English Working Class. Victor Gollancz."
        in entries
    )
    assert "Thompson, E. P. 1963b. The Making of the English Working-Class. Penguin." in entries
    every_link = [a["href"] for c in clean.select(".presswork-citation") for a in c.select("a")]
    ids = {li["id"] for li in references.select("li")}
    assert every_link and all(href.lstrip("#") in ids for href in every_link)
    assert clean.select_one("aside.footnote .presswork-citation, .footnote .presswork-citation")
    assert clean.select_one("table .presswork-citation")
    captions = html(app, "essays/captions")
    caption = captions.select_one("table caption")
    assert "Hobsbawm (1964, 12)" in flat(caption)
    assert caption.select_one("a")["href"] == "#ref-hobsbawm1964"
    assert any("Before the Break" in entry for entry in entries)
    assert any("After the Break" in entry for entry in entries)


@pytest.mark.sphinx("html", testroot="citations")
def test_an_unresolved_key_shows_marked_never_an_empty_bracket(app):
    app.build()
    page = html(app, "essays/problems")
    marked = [flat(m) for m in page.select("strong.presswork-unresolved-citation")]
    assert marked == ["[nokey?]", "[alsomissing?]"]
    cites = [flat(c) for c in page.select(".presswork-citation")]
    assert cites == ["(Hobsbawm 1964)", "(Hobsbawm 1964)"]
    local = page.select_one(".presswork-citation a")
    assert flat(local) == "Hobsbawm 1964" and local["href"] == "#ref-hobsbawm1964"


@pytest.mark.sphinx("epub", testroot="citations")
def test_epub_essays_carry_their_references(app):
    app.build()
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        clean = archive.read("essays/clean.xhtml").decode()
        problems = archive.read("essays/problems.xhtml").decode()
    page = BeautifulSoup(clean, "html.parser")
    assert page.select_one("section#references ul.presswork-references")
    assert "Hobsbawm, Eric. 1964. Labouring Men." in flat(page.select_one("#ref-hobsbawm1964"))
    assert "(Thompson 1963a, 9)" in flat(page)
    assert "[nokey?]" in problems


@pytest.mark.sphinx("latex", testroot="citations")
def test_latex_keeps_each_essays_references_at_its_end(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "sphinxthebibliography" not in tex
    chapters = re.split(r"\\chapter\{", tex)
    clean = next(chapter for chapter in chapters if chapter.startswith("A Clean"))
    assert "References" in clean and "Labouring Men" in clean
    assert "\\begin{list}{}{\\setlength{\\leftmargin}{2em}\\setlength{\\itemindent}{-2em}" in clean
    assert "Thompson 1963a, 9" in clean and "Tho63" not in tex
    assert "\\hyperref[\\detokenize{essays/clean:ref-hobsbawm1964}]" in clean
    assert "\\label{\\detokenize{essays/clean:ref-hobsbawm1964}}" in clean
    problems = next(chapter for chapter in chapters if chapter.startswith("An Essay With"))
    assert "Labouring Men" in problems and "Before the Break" not in problems
    assert r"\sphinxstylestrong{{[}nokey?{]}}" in problems


@pytest.mark.sphinx(
    "html",
    testroot="citations",
    srcdir="citations-levels",
    confoverrides={
        "presswork_citation_checks": {"cite.needed": "off", "by_hand": "off"},
        "suppress_warnings": ["presswork.cite.unused"],
    },
)
def test_checks_can_be_switched_off_or_suppressed(app):
    app.build()
    kinds = {kind for _, _, kind in found(app)}
    assert "presswork.cite.needed" not in kinds
    assert "presswork.cite.by_hand" not in kinds
    assert "presswork.cite.unused" not in kinds
    assert "presswork.cite.unresolved" in kinds


@pytest.mark.sphinx(
    "html",
    testroot="citations",
    srcdir="citations-strict",
    confoverrides={"presswork_strict": True},
)
def test_a_strict_build_fails_on_errors(app):
    app.build()
    assert app.statuscode == 1


@pytest.mark.sphinx("check", testroot="citations", srcdir="citations-check")
def test_make_check_writes_the_editors_report_and_fails_on_errors(app):
    app.build()
    assert app.statuscode == 1
    report = json.loads(Path(app.outdir, "report.json").read_text(encoding="utf-8"))
    assert report["summary"] == {"error": 4, "warning": 14}
    problems = report["files"]["essays/problems.md"]
    needed = next(item for item in problems if item["subtype"] == "cite.needed")
    assert needed["line"] == 20 and needed["level"] == "warning"
    assert "35%" in needed["excerpt"] and needed["advice"]
    page = BeautifulSoup(Path(app.outdir, "report.html").read_text("utf-8"), "html.parser")
    assert [text_of(h) for h in page.select("h2")] == [
        "essays/broken.bib",
        "essays/problems.md",
        "essays/refs.bib",
    ]
    assert "essays/problems.md: 4 error(s)" not in app.status.getvalue()
    assert "essays/problems.md: 2 error(s), 6 warning(s)" in app.status.getvalue()
    assert not list(Path(app.outdir).glob("*.html"))[1:]


def test_targets_split_at_top_level_commas_and_keep_their_notes():
    assert split_targets("a,{see}b{p. 2, n. 3}") == ["a", "{see}b{p. 2, n. 3}"]
    assert target_key("{see}b{p. 2, n. 3}") == "b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as shown (Hobsbawm 1964).", ["(Hobsbawm 1964)"]),
        ("(Marx and Engels, 1848, p. 12)", ["(Marx and Engels, 1848, p. 12)"]),
        ("Thompson (1963) argued", ["Thompson (1963)"]),
        ("(see Raw 2009)", ["(see Raw 2009)"]),
        ("the strike of 1888 (in July)", []),
        ("in 1917 the Russian Revolution", []),
    ],
)
def test_citations_typed_by_hand_are_recognised(text, expected):
    assert [m.group(0) for m in BY_HAND.finditer(text)] == expected


def entry(key: str, **fields: str) -> BibEntry:
    return BibEntry(key, fields.pop("kind", "book"), fields, "refs.bib", 1)


def test_identifiers_and_same_work_detection():
    good = entry("a", author="A", title="T", publisher="P", year="2000", isbn="0140137599")
    assert check_entry(good) == []
    bad = entry("b", author="A", title="T", publisher="P", year="2000", doi="10.12/x y")
    assert [f.subtype.value for f in check_entry(bad)] == ["cite.doi"]
    twins = [
        entry("x", title="The Making of the English Working Class", year="1963"),
        entry("y", title="The making of the English working-class", year="1963"),
        entry("z", title="The Making of the English Working Class", year="1968"),
        entry("w", title="Other", year="1999", isbn="978-0-14-013759-0"),
        entry("v", title="Another", year="1999", isbn="0-14-013759-9"),
        entry("u", title="Collected Works, Volume 1", year="1975"),
        entry("t", title="Collected Works, Volume 2", year="1975"),
    ]
    assert [f.message.split(":")[0] for f in same_works(twins)] == ["y", "v"]
