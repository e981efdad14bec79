"""Tag, category and archive pages in HTML, EPUB, LaTeX and text builds of one test root."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import html, text_of, warnings_of

ATOM = "{http://www.w3.org/2005/Atom}"


def term_counts(page) -> dict[str, str]:
    return {
        text_of(entry.select_one(".presswork-term-name")): text_of(
            entry.select_one(".presswork-term-count")
        )
        for entry in page.select(".presswork-term-entry")
    }


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_tags_index_counts_every_tag_in_collation_order(app):
    app.build()
    page = html(app, "tags")
    counts = term_counts(page)
    assert counts["solidarity"] == "(2)"
    assert "Solidarity" not in counts
    names = list(counts)
    assert (
        names.index("C") < names.index("C++") < names.index("Émile") < names.index("huelga general")
    )
    for link in page.select(".presswork-term-index a"):
        assert Path(app.outdir, unquote(link["href"])).is_file()


def files_beside(out: Path) -> set[str]:
    """Every file in the test's temporary folder but the build output itself."""
    top = Path(out).parents[2]
    return {
        path.relative_to(top).as_posix()
        for path in top.rglob("*")
        if path.is_file() and not path.is_relative_to(out.parent)
    }


@pytest.mark.sphinx("html", testroot="taxonomy", srcdir="taxonomy-escape")
def test_every_tag_has_its_own_safe_page_listing_essays_newest_first(app):
    out = Path(app.outdir)
    before = files_beside(out)
    app.build()
    assert files_beside(out) == before, "a term page was written outside the output folder"
    expected = {
        "cplusplus",
        "c",
        "solidarity",
        "революция",
        "huelga-general",
        "x",
        "x-2",
        "a-b",
        "labour",
        "émile",
    }
    pages = {path.stem for path in (out / "tags").glob("*.html")}
    assert expected <= pages
    assert any(re.fullmatch(r"tag-[0-9a-f]{8}", stem) for stem in pages)
    solidarity = html(app, "tags/solidarity")
    assert [text_of(p) for p in solidarity.select(".presswork-listing-title")] == ["On C++", "On C"]
    labour = html(app, "tags/labour")
    assert "Work, workers and their organisations." in labour.get_text()
    assert [text_of(p) for p in labour.select(".presswork-listing-title")] == [
        "Labor Spelled the American Way"
    ]


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_variants_and_collisions_are_reported_with_file_and_line(app):
    app.build()
    found = [(file, line, kind) for file, line, kind, _ in warnings_of(app)]
    assert found == [
        ("essays/cpp.md", 5, "presswork.taxonomy.variant"),
        ("essays/emoji.md", 5, "presswork.taxonomy.slug_collision"),
    ]


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_categories_nest_and_count_their_subtree(app):
    app.build()
    page = html(app, "categories")
    history = page.select_one(".presswork-term-index > .presswork-term-entry")
    assert text_of(history.select_one(".presswork-term-name")) == "History"
    assert text_of(history.select_one(".presswork-term-count")) == "(3)"
    nested = history.select_one(":scope > ul .presswork-term-name")
    assert text_of(nested) == "Strikes"
    history_page = html(app, "categories/history")
    assert "Includes Strikes" in text_of(history_page.select_one(".presswork-term-children"))
    titles = [text_of(p) for p in history_page.select(".presswork-listing-title")]
    assert titles == ["Всеобщая стачка", "Emoji and Paths", "On C++"]  # newest first
    strikes = html(app, "categories/strikes")
    assert text_of(strikes.select_one(".presswork-term-parent")) == "Part of History"


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_essay_headers_link_their_terms(app):
    app.build()
    page = html(app, "essays/cpp")
    links = {text_of(a): a["href"] for a in page.select(".presswork-essay-header a")}
    assert links == {
        "C++": "../tags/cplusplus.html",
        "solidarity": "../tags/solidarity.html",
        "History": "../categories/history.html",
    }


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_a_term_written_twice_is_shown_once(app):
    app.build()
    header = html(app, "essays/labor").select_one(".presswork-tags")
    assert [text_of(li) for li in header.select("li")] == ["labour", "x", "Émile"]


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_archive_groups_essays_by_year_newest_first(app):
    app.build()
    page = html(app, "archive")
    years = [text_of(p) for p in page.select(".presswork-archive-years p")]
    assert years == ["2025 (1)", "2024 (2)", "2023 (1)", "2022 (1)"]
    link = page.select_one(".presswork-archive-years a")["href"]
    year = BeautifulSoup(Path(app.outdir, link).read_text("utf-8"), "html.parser")
    assert link == "archive/2025.html"
    assert [text_of(p) for p in year.select(".presswork-listing-title")] == ["Всеобщая стачка"]
    assert [text_of(p) for p in html(app, "archive/2024").select(".presswork-listing-title")] == [
        "Emoji and Paths",
        "On C++",
    ]


@pytest.mark.sphinx("html", testroot="taxonomy")
def test_feeds_have_absolute_links(app):
    app.build()
    feed = ElementTree.parse(Path(app.outdir, "feeds/atom.xml")).getroot()
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert links[0] == "https://example.org/press/essays/russian.html"
    assert all(link.startswith("https://example.org/press/") for link in links)
    assert len(links) == 5
    tag_feed = ElementTree.parse(Path(app.outdir, "feeds/tags/solidarity.xml")).getroot()
    assert len(list(tag_feed.iter(f"{ATOM}entry"))) == 2
    assert Path(app.outdir, "feeds/categories/history.xml").is_file()
    assert html(app, "tags/solidarity").select_one(".presswork-feed-link a")["href"] == (
        "../feeds/tags/solidarity.xml"
    )


@pytest.mark.sphinx(
    "html", testroot="taxonomy", srcdir="taxonomy-nofeeds", confoverrides={"presswork_site_url": ""}
)
def test_no_feeds_without_a_site_url_and_one_info_line(app):
    app.build()
    assert not Path(app.outdir, "feeds").exists()
    assert app.status.getvalue().count("presswork_site_url is not set") == 1


@pytest.mark.sphinx(
    "html",
    testroot="taxonomy",
    srcdir="taxonomy-transliterate",
    confoverrides={"presswork_taxonomy_transliterate": True},
)
def test_transliteration_is_a_setting(app):
    app.build()
    assert Path(app.outdir, "tags/revoliutsiia.html").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="taxonomy",
    srcdir="taxonomy-strict",
    confoverrides={"presswork_taxonomy_strict": True},
)
def test_strict_mode_reports_terms_missing_from_the_registry(app):
    app.build()
    unknown = [
        (f, line, m) for f, line, kind, m in warnings_of(app) if kind.endswith("unknown_term")
    ]
    assert ("essays/cpp.md", 5, "tag 'C++' is not in the taxonomy registry") in unknown
    labor = sorted(message for file, _, message in unknown if file == "essays/labor.md")
    assert labor == [  # 'labour' is declared and 'labor' is its alias: neither is unknown
        "tag 'x' is not in the taxonomy registry",
        "tag 'Émile' is not in the taxonomy registry",
    ]


@pytest.mark.sphinx("epub", testroot="taxonomy")
def test_epub_has_the_indexes_in_spine_and_navigation_with_working_links(app):
    app.build()
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        names = set(archive.namelist())
        opf = archive.read("content.opf").decode()
        nav = archive.read("nav.xhtml").decode()
        pages = {name: archive.read(name).decode() for name in ("tags.xhtml", "categories.xhtml")}
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [manifest[idref] for idref in re.findall(r'<itemref idref="([^"]+)"', opf)]
    assert spine.index("tags.xhtml") > spine.index("essays/cpp.xhtml")
    assert "categories.xhtml" in spine
    assert 'href="tags.xhtml"' in nav and 'href="categories.xhtml"' in nav
    for name, text in pages.items():
        soup = BeautifulSoup(text, "html.parser")
        ids = {tag["id"] for tag in soup.select("[id]")}
        for link in soup.select("article a[href], div.body a[href], section a[href]"):
            target, _, fragment = unquote(link["href"]).partition("#")
            assert not target.endswith(".html"), link["href"]
            if target:
                assert target in names, f"{name}: {link['href']}"
            else:
                assert fragment in ids, f"{name}: {link['href']}"
    essay = zipfile.ZipFile(book).read("essays/cpp.xhtml").decode()
    assert 'href="../tags.xhtml#tag-cplusplus"' in essay


@pytest.mark.sphinx("latex", testroot="taxonomy")
def test_latex_book_ends_with_indexes_giving_each_essays_page(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert tex.index(r"\chapter{Tags}") > tex.index(r"\chapter{On C++}")
    tags = tex[tex.index(r"\chapter{Tags}") : tex.index(r"\chapter{Categories}")]
    assert r"\pageref{\detokenize{essays/cpp::doc}}" in tags
    assert r"\label{\detokenize{tags:tag-solidarity}}" in tags
    archive = tex[tex.index(r"\chapter{Archive}") :]
    assert r"\label{\detokenize{archive:year-2024}}" in archive
    assert archive.index("On C++") > archive.index(r"archive:year-2024")
    opening = tex[tex.index(r"\chapter{On C++}") :][:800]
    assert "Tags:" in opening and "C++" in opening and "History" in opening


@pytest.mark.sphinx("text", testroot="taxonomy")
def test_text_build_lists_terms_and_their_essays(app):
    app.build()
    tags = Path(app.outdir, "tags.txt").read_text(encoding="utf-8")
    assert "solidarity (2)" in tags
    assert "On C++" in tags


@pytest.mark.sphinx("singlehtml", testroot="taxonomy")
def test_single_page_build_links_terms_to_their_sections(app):
    app.build()
    page = BeautifulSoup(Path(app.outdir, "index.html").read_text("utf-8"), "html.parser")
    link = page.select_one(".presswork-essay-header .presswork-tags a")
    assert link["href"].count("#") == 1
    assert page.select_one(f"[id='{unquote(link['href'])[1:]}']") is not None
