"""The sample collection, built from the repository as `make html` builds it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, SEED, text, text_of, warnings_of
from sphinx.testing.util import SphinxTestApp
from test_importer import CLUTTER, seed_paragraphs

from presswork.latex.pdf import build_pdfs

SEED_DOC = "essays/keys-for-solidarity-in-the-international-proletariat-revolution"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    app = SphinxTestApp("html", srcdir=PROJECT, builddir=out, freshenv=True, warningiserror=False)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, f"{docname}.html").read_text("utf-8"), "html.parser")


def test_home_lists_every_sample_essay(site):
    essays = sorted(
        p.relative_to(PROJECT).with_suffix("").as_posix()
        for p in (PROJECT / "essays").rglob("*.md")
    )
    assert len(essays) >= 5
    links = [a["href"] for a in page(site, "index").select(".presswork-listing-title a")]
    assert sorted(link.removesuffix(".html") for link in links) == essays


def test_the_sample_reports_exactly_what_an_editor_must_see(site):
    found = sorted((file, line, kind) for file, line, kind, _ in warnings_of(site))
    assert found == sorted(
        [
            ("essays/the-match-workers-strike-of-1888.md", 19, "presswork.cite.needed"),
            ("essays/the-match-workers-strike-of-1888.md", 21, "presswork.cite.needed"),
            ("essays/the-match-workers-strike-of-1888.md", 27, "presswork.cite.needed"),
            ("essays/the-mimeograph-and-the-shop-floor-bulletin.md", 15, "presswork.cite.needed"),
            (
                "essays/workers-of-all-countries-a-slogan-in-translation.md",
                31,
                "presswork.cite.needed",
            ),
            (
                "essays/workers-of-all-countries-a-slogan-in-translation.md",
                33,
                "presswork.cite.needed",
            ),
            (f"{SEED_DOC}.md", 1, "presswork.essay.missing_authors"),
            (f"{SEED_DOC}.md", 1, "presswork.essay.missing_date"),
            (f"{SEED_DOC}.md", 11, "presswork.cite.needed"),
            (f"{SEED_DOC}.md", 13, "presswork.cite.needed"),
        ]
    )


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside the project")
def test_seed_page_shows_title_all_paragraphs_and_no_clutter(site):
    seed = page(site, SEED_DOC)
    article = seed.select_one("article")
    assert text_of(article.select_one("section > h1")) == (
        "Keys for Solidarity in the International Proletariat Revolution"
    )
    shown = [" ".join(p.get_text().split()) for p in article.select("section p")]
    for paragraph in seed_paragraphs():
        assert " ".join(paragraph.split()) in shown
    assert [text_of(h) for h in article.select("section > h2")] == ["Introduction", "Conclusion"]
    text = article.get_text(" ")
    for clutter in [*CLUTTER, "Tags", "Categories"]:
        assert clutter not in text
    assert seed.select_one(".presswork-authors") is None
    assert seed.select_one("time") is None


def test_every_sample_feature_is_present(site):
    pages = [
        page(site, p.relative_to(PROJECT).with_suffix("").as_posix())
        for p in (PROJECT / "essays").glob("*.md")
    ]
    assert any(p.select(".footnote-reference") for p in pages)
    assert any(p.select("blockquote") for p in pages)
    assert any("Пролетарии" in p.get_text() for p in pages)
    assert sum(bool(p.select(".presswork-tags li")) for p in pages) >= 4
    assert sum(bool(p.select(".presswork-abstract")) for p in pages) >= 4


def test_the_build_wrote_nothing_into_the_sources(site):
    generated = [
        p
        for p in PROJECT.rglob("*")
        if p.suffix in (".doctree", ".pickle")
        and ".venv" not in p.parts
        and "_build" not in p.parts
    ]
    assert generated == []


def test_sample_essays_link_their_terms_and_the_indexes_exist(site):
    for path in (PROJECT / "essays").glob("*.md"):
        docname = path.relative_to(PROJECT).with_suffix("").as_posix()
        header = page(site, docname).select_one(".presswork-essay-header")
        if docname == SEED_DOC:
            assert header.select(".presswork-terms") == []  # the page gave none; none invented
            continue
        assert header.select(".presswork-tags a") and header.select(".presswork-categories a")
    for index in ("tags", "categories", "archive"):
        assert page(site, index).select(".presswork-term-entry, .presswork-archive-year")
    assert len(list(Path(site.outdir, "tags").glob("*.html"))) >= 8


@pytest.mark.parametrize("builder", ["epub", "latex"])
def test_sample_indexes_in_epub_and_latex(builder, tmp_path):
    app = SphinxTestApp(builder, srcdir=PROJECT, builddir=tmp_path, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    out = Path(app.outdir)
    if builder == "epub":
        opf = (out / "content.opf").read_text(encoding="utf-8")
        assert 'href="tags.xhtml"' in opf and 'href="categories.xhtml"' in opf
        assert "labour history" in (out / "tags.xhtml").read_text(encoding="utf-8")
    else:
        tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
        assert tex.rindex(r"\chapter{Tags}") > tex.rindex(r"\chapter{The Match Workers")
        assert r"\pageref{\detokenize{essays/" in tex
        assert tex.count(r"\textit{Tags:}") >= 4


def test_sample_essays_cite_author_date_and_end_with_their_references(site):
    strike = page(site, "essays/the-match-workers-strike-of-1888")
    cites = [" ".join(c.get_text().split()) for c in strike.select(".presswork-citation")]
    assert cites == ["(Besant 1888)", "(Raw 2009)"]
    entries = [" ".join(li.get_text().split()) for li in strike.select("#references li")]
    assert entries == [
        "Besant, Annie. 1888. “White Slavery in London.” The Link, June.",
        "Raw, Louise. 2009. Striking a Light: The Bryant and May Matchwomen and Their Place in "
        "History. Continuum.",
    ]
    slogan = page(site, "essays/workers-of-all-countries-a-slogan-in-translation")
    listed = " ".join(slogan.select_one("#references").get_text().split())
    assert "Manifest der Kommunistischen Partei" in listed  # a German title keeps its case


@pytest.fixture(scope="module")
def sample_book(tmp_path_factory) -> Path:
    """The sample collection typeset as `make latexpdf` typesets it."""
    out = tmp_path_factory.mktemp("sample-book")
    app = SphinxTestApp("latex", srcdir=PROJECT, builddir=out, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    folder = Path(app.outdir)
    assert build_pdfs(folder) == 0
    return folder


def test_no_line_of_the_sample_book_sticks_out_more_than_five_points(sample_book):
    log = next(sample_book.glob("*.log")).read_text("utf-8", errors="replace")
    overfull = [float(width) for width in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    assert all(width <= 5 for width in overfull), overfull


def line_starts(pdf: Path, page: int) -> dict[float, float]:
    """Each line's top on a page → where its first word begins, in points."""
    words = text(pdf, "-bbox", "-f", str(page), "-l", str(page))
    starts: dict[float, float] = {}
    for x, y in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"', words):
        top = next((t for t in starts if abs(t - float(y)) < 3), float(y))  # a raised mark
        starts[top] = min(starts.get(top, float(x)), float(x))
    return starts


def test_the_sample_books_paragraphs_are_indented_not_spaced(sample_book):
    pdf = next(sample_book.glob("*.pdf"))
    opening = next(
        page
        for page in range(1, 40)
        if "An article in a halfpenny paper" in text(pdf, "-f", str(page), "-l", str(page))
    )
    openings = []
    for page in (opening, opening + 1, opening + 2):
        starts = line_starts(pdf, page)
        margin = min(starts.values())
        tops = sorted(starts)
        gaps = [b - a for a, b in itertools.pairwise(tops)]
        leading = sorted(gaps)[len(gaps) // 2]
        openings += [  # lines that begin a paragraph: indented 1.2 em (12 pt at 10 pt)
            top - above - leading
            for above, top in itertools.pairwise(tops)
            if 11 <= starts[top] - margin <= 13
        ]
    assert len(openings) >= 3, openings
    assert all(abs(extra) < 1.5 for extra in openings), openings  # no space above them


def test_no_page_of_the_sample_book_is_empty_but_for_its_head(sample_book):
    pdf = next(sample_book.glob("*.pdf"))
    with pikepdf.open(pdf) as book:
        labels = [str(page.label) for page in book.pages]
    pages = text(pdf).split("\f")[:-1]
    for label, page in list(zip(labels, pages, strict=True))[labels.index("1") :]:
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) > 2, (label, lines)  # more than a running head and a folio
