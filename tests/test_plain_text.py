"""Front matter is text: markup typed in a title, author, term or abstract is shown as typed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import html, text_of

TITLE = "<script>alert('t')</script> *Not bold* & {sub}`x` [a link](https://e.example) $x$ – done"
TITLE_CURLED = TITLE.replace("'t'", "‘t’")
AUTHOR = "<b>Bold</b> Author"
TAG = "<i>tag</i>"
ABSTRACT = r"An <em>abstract</em> with **stars** & {cite}`key` and \textbf{tex} 100% #1 ~ ^ _"
MARKUP_TAGS = ("script", "b", "i", "u", "em", "strong", "sub", "math")


def no_markup_from_the_front_matter(soup: BeautifulSoup) -> None:
    """None of the tags typed in the front matter became an element."""
    for name in MARKUP_TAGS:
        typed = [
            tag for tag in soup.find_all(name) if "Bold" in tag.get_text() or "alert" in str(tag)
        ]
        assert typed == [], typed


@pytest.mark.sphinx("html", testroot="plaintext", srcdir="plaintext-html")
def test_html_shows_front_matter_as_typed(app):
    app.build()
    page = html(app, "essays/markup")
    no_markup_from_the_front_matter(page)
    assert text_of(page.select_one("article h1")) == TITLE_CURLED
    assert page.title.get_text().startswith(TITLE_CURLED)
    assert page.select_one("#jb-print-docs-body h1").get_text() == TITLE_CURLED
    header = page.select_one(".presswork-essay-header")
    assert header.select_one(".presswork-authors").get_text() == f"{AUTHOR} and Ann & Bo"
    assert [li.get_text() for li in header.select(".presswork-tags li")] == [TAG, "x & y"]
    assert header.select_one(".presswork-abstract p + p").get_text() == ABSTRACT
    recent = [a.get_text() for a in page.select(".presswork-recent a")]
    assert TITLE_CURLED in recent
    neighbour = html(app, "essays/second")
    assert TITLE_CURLED in [a.get_text(" ", strip=True) for a in neighbour.select("a")] or any(
        TITLE_CURLED in a.get_text() for a in neighbour.select(".prev-next-area a, a.left-prev")
    )
    home = html(app, "index")
    no_markup_from_the_front_matter(home)
    assert TITLE_CURLED in [a.get_text() for a in home.select(".presswork-listing-title a")]
    term = BeautifulSoup(Path(app.outdir, "tags", "i-tag-i.html").read_text("utf-8"), "html.parser")
    no_markup_from_the_front_matter(term)
    assert term.select_one("#term h1").get_text() == TAG
    assert term.title.get_text().startswith(TAG)
    assert term.select_one("#jb-print-docs-body h1").get_text() == TAG
    assert TITLE_CURLED in [a.get_text() for a in term.select(".presswork-listing-title a")]


@pytest.mark.sphinx("html", testroot="plaintext", srcdir="plaintext-feeds")
def test_feeds_carry_front_matter_as_text(app):
    app.build()
    feed = BeautifulSoup(Path(app.outdir, "feeds", "atom.xml").read_bytes(), "xml")
    titles = [entry.title.get_text() for entry in feed.find_all("entry")]
    assert TITLE_CURLED in titles
    authors = [name.get_text() for name in feed.find_all("name")]
    assert AUTHOR in authors
    assert feed.find("script") is None
    tag_feed = BeautifulSoup(Path(app.outdir, "feeds", "tags", "i-tag-i.xml").read_bytes(), "xml")
    assert tag_feed.find("title").get_text().endswith(TAG)


@pytest.mark.sphinx("epub", testroot="plaintext", srcdir="plaintext-epub")
def test_epub_navigation_and_metadata_carry_front_matter_as_text(app):
    app.build()
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        nav = BeautifulSoup(archive.read("nav.xhtml"), "xml")
        opf = BeautifulSoup(archive.read("content.opf"), "xml")
        page = BeautifulSoup(archive.read("essays/markup.xhtml"), "xml")
    assert TITLE_CURLED in [a.get_text() for a in nav.find_all("a")]
    assert nav.find("script") is None and page.find("script") is None
    assert TAG in [subject.get_text() for subject in opf.find_all("subject")]
    assert page.find("title").get_text().startswith(TITLE_CURLED)
    essays = list(Path(app.outdir).rglob("markup.epub"))
    assert len(essays) == 1
    with zipfile.ZipFile(essays[0]) as archive:
        opf_name = next(name for name in archive.namelist() if name.endswith(".opf"))
        own = BeautifulSoup(archive.read(opf_name), "xml")
    assert own.find("title").get_text() == TITLE_CURLED
    assert AUTHOR in [creator.get_text() for creator in own.find_all("creator")]


@pytest.mark.sphinx("latex", testroot="plaintext", srcdir="plaintext-latex")
def test_latex_typesets_front_matter_as_text(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert r"\textbackslash{}textbf\{tex\} 100\% \#1" in tex
    assert r"\textbf{tex}" not in tex
    assert r"\chapter{<script>alert(‘t’)</script> *Not bold* \& \{sub\}`x`" in tex
    assert r"\sphinxstyleemphasis{Not bold}" not in tex
