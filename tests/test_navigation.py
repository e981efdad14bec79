"""Navigation whose size per page does not grow with the collection."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from presswork.synthetic import write_collection


def essay_page(tmp_path: Path, count: int) -> BeautifulSoup:
    source = write_collection(tmp_path / f"c{count}", count)
    app = SphinxTestApp("html", srcdir=source)
    try:
        app.build()
    finally:
        app.cleanup()
    page = Path(app.outdir, "essays", "essay-0005.html").read_text(encoding="utf-8")
    return BeautifulSoup(page, "html.parser")


def test_sidebar_and_page_weight_do_not_grow_with_the_collection(tmp_path):
    small = essay_page(tmp_path, 12)
    large = essay_page(tmp_path, 60)
    small_nav = small.select_one(".bd-sidebar-primary")
    large_nav = large.select_one(".bd-sidebar-primary")
    recent_and_all_essays = 8 + 1
    assert len(small_nav.select("li")) == len(large_nav.select("li")) == recent_and_all_essays
    assert abs(len(str(large_nav)) - len(str(small_nav))) <= 20
    small_size, large_size = len(str(small)), len(str(large))
    assert large_size / small_size < 1.01
    for page in (small, large):
        assert page.select_one("a.left-prev")["href"] == "essay-0006.html"
        assert page.select_one("a.right-next")["href"] == "essay-0004.html"
