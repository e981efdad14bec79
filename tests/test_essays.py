"""The essay model in a build: listing order, the essay header, drafts, every builder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import html, text_of, warnings_of

from presswork.essays.config import drafts_from_environment
from presswork.essays.reading import count_words

NEWEST_FIRST = ["The Newest Essay", "Middle Essay From Heading", "Older Essay", "Undated Essay"]


def listed_titles(page) -> list[str]:
    return [text_of(p) for p in page.select(".presswork-listing-title")]


@pytest.mark.sphinx("html", testroot="essays")
def test_home_lists_every_essay_newest_first_undated_last(app):
    app.build()
    home = html(app, "index")
    assert listed_titles(home) == NEWEST_FIRST
    first = home.select_one(".presswork-listing-entry")
    assert (
        text_of(first.select_one(".presswork-listing-meta"))
        == "Ada Byline and Ben Second · June 1, 2025"
    )
    assert text_of(first.select_one(".presswork-listing-abstract")) == "The newest abstract."
    assert first.select_one("a")["href"] == "essays/newest.html"
    assert all(Path(app.outdir, a["href"]).exists() for a in home.select(".presswork-listing a"))


@pytest.mark.sphinx("html", testroot="essays")
def test_listing_options_limit_and_hide_abstracts(app):
    app.build()
    page = html(app, "recent")
    assert listed_titles(page) == NEWEST_FIRST[:2]
    assert page.select(".presswork-listing-abstract") == []


@pytest.mark.sphinx("html", testroot="essays")
def test_essay_header_shows_byline_reading_time_and_terms(app):
    app.build()
    page = html(app, "essays/newest")
    header = page.select_one("h1 + .presswork-essay-header")
    assert header is not None
    assert text_of(header.select_one(".presswork-authors")) == "Ada Byline and Ben Second"
    assert header.select_one("time")["datetime"] == "2025-06-01"
    assert text_of(header.select_one("time")) == "June 1, 2025"
    assert text_of(header.select_one(".presswork-reading-time")) == "1 min read"
    assert [text_of(li) for li in header.select(".presswork-tags li")] == ["solidarity", "printing"]
    assert [text_of(li) for li in header.select(".presswork-categories li")] == ["History"]
    assert "The newest abstract." in text_of(header.select_one(".presswork-abstract"))
    assert text_of(page.select_one("section > h1")) == "The Newest Essay"
    assert page.select_one("section > h1").parent.select_one("section > h2") is not None


@pytest.mark.sphinx("html", testroot="essays")
def test_title_from_heading_mapped_authors_and_essay_language(app):
    app.build()
    middle = html(app, "essays/sub/middle")
    assert text_of(middle.select_one("section > h1")) == "Middle Essay From Heading"
    assert text_of(middle.select_one(".presswork-authors")) == "Dana Mapped"
    older = html(app, "essays/older")
    assert older.find("html")["lang"] == "ru"
    assert text_of(older.select_one("time")) == "15 января 2023\u202fг."


@pytest.mark.sphinx("html", testroot="essays")
def test_drafts_are_left_out_by_default(app):
    app.build()
    assert not Path(app.outdir, "essays/unfinished.html").exists()
    assert "Unfinished Draft" not in listed_titles(html(app, "index"))
    assert "unfinished" not in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="essays", confoverrides={"presswork_drafts": True})
def test_drafts_are_published_on_request(app):
    app.build()
    assert listed_titles(html(app, "index"))[0] == "Unfinished Draft"


def test_drafts_follow_the_environment_variable(monkeypatch):
    monkeypatch.setenv("PRESSWORK_DRAFTS", "1")
    assert drafts_from_environment() is True
    monkeypatch.setenv("PRESSWORK_DRAFTS", "0")
    assert drafts_from_environment() is False
    monkeypatch.delenv("PRESSWORK_DRAFTS")
    assert drafts_from_environment() is False


@pytest.mark.sphinx("html", testroot="essays")
def test_essays_need_no_toctree_and_neighbours_follow_the_listing(app):
    app.build()
    assert "toctree" not in app.warning.getvalue()
    assert "isn't included in any toctree" not in app.warning.getvalue()
    middle = html(app, "essays/sub/middle")
    prev_link = middle.select_one("a.left-prev")
    next_link = middle.select_one("a.right-next")
    assert prev_link["href"] == "../newest.html"
    assert next_link["href"] == "../older.html"


@pytest.mark.sphinx("html", testroot="essays")
def test_sidebar_lists_recent_essays_not_the_whole_toctree(app):
    app.build()
    page = html(app, "essays/older")
    sidebar = page.select_one(".bd-sidebar-primary")
    assert sidebar.select(".presswork-recent li")
    assert sidebar.select(".toctree-l1 a")[0].get_text(strip=True) == "The Newest Essay"
    assert sidebar.select_one(".presswork-recent .current").get_text(strip=True) == "Older Essay"
    assert not sidebar.select(".bd-docs-nav")


@pytest.mark.sphinx("text", testroot="essays")
def test_text_builder_writes_header_and_listing(app):
    app.build()
    home = Path(app.outdir, "index.txt").read_text(encoding="utf-8")
    positions = [home.index(title) for title in NEWEST_FIRST]
    assert positions == sorted(positions)
    essay = Path(app.outdir, "essays/newest.txt").read_text(encoding="utf-8")
    assert "Ada Byline and Ben Second · June 1, 2025 · 1 min read" in essay
    assert "Tags: solidarity, printing" in essay


@pytest.mark.sphinx("latex", testroot="essays")
def test_latex_builder_writes_the_header_and_leaves_the_listing_to_the_contents(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"Ada Byline and Ben Second \textbullet{} June 1, 2025" in tex
    assert "The newest abstract." in tex
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]+)\}\]", tex))
    assert not [target for target in targets if target.endswith("::doc")]  # the contents list
    assert r"\PressworkContents" in tex  # the book's essays, with their pages
    expected = ("essays/undated.md", 1, "presswork.essay.missing_date")
    assert not [
        w for w in warnings_of(app) if w[2].startswith("presswork") and w[:3] != expected
    ]


@pytest.mark.sphinx("html", testroot="essays", parallel=2)
def test_parallel_build_gives_the_same_listing(app):
    app.build()
    assert app.parallel == 2
    assert listed_titles(html(app, "index")) == NEWEST_FIRST
    assert text_of(html(app, "essays/newest").select_one(".presswork-authors")) == (
        "Ada Byline and Ben Second"
    )


@pytest.mark.sphinx("man", testroot="essays")
def test_man_builder_writes_the_header(app):
    app.build()
    page = next(Path(app.outdir).glob("*.1")).read_text(encoding="utf-8")
    assert "Ada Byline and Ben Second" in page


@pytest.mark.sphinx(
    "html", testroot="essays", confoverrides={"presswork_date_format": "d MMMM y HH:mm"}
)
def test_a_bad_date_format_is_reported_once_and_the_build_goes_on(app):
    app.build()
    assert app.warning.getvalue().count("presswork.config") == 1
    assert text_of(html(app, "essays/newest").select_one("time")) == "June 1, 2025"


def test_reading_time_counts_cjk_text_by_characters():
    assert count_words("three plain words") == 3
    assert count_words("労働者" * 300) == 450
    assert count_words("万国の労働者よ、団結せよ") == 6  # eleven characters, one comma
