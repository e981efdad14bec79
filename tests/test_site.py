"""What readers and sharers expect of the site: social cards, sitemap, canonical addresses,
favicon, a 404 page and a print stylesheet; and none of it in the e-book."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import TESTS, build
from PIL import Image

from presswork.epub.validate import CACHE

BASE = "https://press.example/site/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def meta(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Every (property or name, content) of a page's meta tags, in order."""
    return [
        (tag.get("property") or tag.get("name"), tag["content"])
        for tag in soup.find_all("meta", content=True)
        if tag.get("property") or tag.get("name")
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    source = tmp_path_factory.mktemp("site") / "src"
    shutil.copytree(TESTS / "roots" / "test-site", source)
    app, warnings = build("html", source)
    return Path(app.outdir), warnings, app


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text("utf-8"), "html.parser")


def test_an_essay_shares_its_title_abstract_authors_date_and_picture(site):
    outdir, warnings, _ = site
    tags = meta(page(outdir, "essays/shared.html"))
    found = dict(tags)
    assert found["og:title"] == "Shared “Widely” & Often"
    assert found["og:type"] == "article"
    assert found["og:url"] == BASE + "essays/shared.html"
    assert found["og:description"] == 'What a card says when an essay is <shared> & quoted: "this".'
    assert re.fullmatch(
        re.escape(BASE) + r"_static/presswork-card-[0-9a-f]{12}\.png", found["og:image"]
    )
    assert found["twitter:card"] == "summary_large_image"
    assert found["article:published_time"] == "2025-04-05"
    assert [value for key, value in tags if key == "article:author"] == ["Ada Share", "Ben Card"]
    assert [value for key, value in tags if key == "article:tag"] == ["sharing", "cards"]
    with Image.open(outdir / found["og:image"].removeprefix(BASE)) as card:
        assert card.size == (1200, 630)
    assert warnings == []


def test_pages_that_are_not_essays_are_shared_as_the_site(site):
    outdir, _, _ = site
    found = dict(meta(page(outdir, "index.html")))
    assert found["og:type"] == "website"
    assert found["og:site_name"] == "Site test"
    assert "article:published_time" not in found
    plain = dict(meta(page(outdir, "essays/plain.html")))
    assert plain["og:type"] == "article"
    assert plain["og:description"].startswith("An essay without an abstract")


def test_every_page_names_its_canonical_address_and_the_favicon(site):
    outdir, _, _ = site
    soup = page(outdir, "essays/shared.html")
    assert soup.find("link", rel="canonical")["href"] == BASE + "essays/shared.html"
    icon = soup.find("link", rel="icon")["href"]
    assert (outdir / "essays" / icon).resolve().is_file()
    printing = soup.find("link", href=lambda h: h and "presswork-print.css" in h)
    assert printing["media"] == "print"


def test_the_sitemap_lists_every_page_with_content_at_its_address(site):
    outdir, _, _ = site
    urls = [loc.text for loc in ET.parse(outdir / "sitemap.xml").iter(f"{SITEMAP}loc")]
    assert urls == sorted(urls)
    assert {
        BASE + "index.html",
        BASE + "essays/shared.html",
        BASE + "essays/plain.html",
        BASE + "tags.html",
        BASE + "tags/sharing.html",
        BASE + "tags/cards.html",
    } <= set(urls)
    assert not [url for url in urls if url.rsplit("/", 1)[-1] in {"search.html", "404.html"}]
    assert not [url for url in urls if "genindex" in url]


def test_the_404_page_links_from_the_site_root(site):
    outdir, _, _ = site
    soup = page(outdir, "404.html")
    assert "Page not found" in soup.get_text()
    home = soup.find("a", string="Every essay is listed on the home page")
    assert home["href"] == "/site/index.html"
    stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert stylesheets
    assert all(href.startswith("/site/_static/") for href in stylesheets)


def test_an_incremental_build_keeps_every_page_in_the_sitemap(site):
    outdir, _, app = site
    essay = Path(app.srcdir) / "essays" / "plain.md"
    essay.write_text(essay.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    build("html", Path(app.srcdir))
    urls = {loc.text for loc in ET.parse(outdir / "sitemap.xml").iter(f"{SITEMAP}loc")}
    assert BASE + "essays/shared.html" in urls
    assert BASE + "tags/cards.html" in urls


def test_without_a_site_address_there_is_no_sitemap_and_no_warning(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-site", source)
    app, warnings = build("html", source, confoverrides={"presswork_site_url": ""})
    outdir = Path(app.outdir)
    assert warnings == []
    assert not (outdir / "sitemap.xml").exists()
    assert page(outdir, "essays/shared.html").find("link", rel="canonical") is None
    assert "no sitemap" in app.status.getvalue()


def test_the_ebook_carries_no_social_tags_and_no_print_stylesheet(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-site", source)
    app, _ = build("epub", source)
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        xhtml = archive.read(next(n for n in names if n.endswith("shared.xhtml"))).decode()
    assert "og:" not in xhtml and "twitter:" not in xhtml and "article:" not in xhtml
    assert "presswork-print.css" not in xhtml
    web_only = ("presswork-card", "presswork-print.css", "presswork-favicon")
    assert not [name for name in names if any(part in name for part in web_only)]
    (Path(app.outdir) / CACHE).write_text("{}", encoding="utf-8")  # presswork epubcheck's
    again, _ = build("epub", source)
    assert "unknown mimetype" not in again.warning.getvalue()


def test_each_essay_in_a_listing_is_a_heading_below_the_page_title(site):
    outdir, _, _ = site
    for name in ("index.html", "tags/sharing.html"):
        soup = page(outdir, name)
        titles = soup.select(".presswork-listing-title")
        assert titles
        assert {title.name for title in titles} == {"h2"}


def test_the_card_is_drawn_again_only_when_its_words_change(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-site", source)
    app, _ = build("html", source)
    outdir = Path(app.outdir)
    (card,) = (outdir / "_static").glob("presswork-card-*.png")
    drawn = card.stat().st_mtime_ns
    build("html", source)
    assert card.stat().st_mtime_ns == drawn
    build("html", source, confoverrides={"project": "Another title"})
    cards = sorted((outdir / "_static").glob("presswork-card-*.png"))
    assert len(cards) == 2
    assert "Another title" not in card.name
