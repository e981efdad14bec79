"""Incremental rebuilds: pages that list essays never go stale; unchanged essays are not re-read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS, html, text_of

NEW_ESSAY = """---
title: A Brand New Essay
authors: [Gia New]
date: 2026-02-02
---

Fresh words.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-essays", source)
    return source


def build(make_app, source: Path):
    app = make_app("html", srcdir=source, freshenv=False)
    app.build()
    return app


def listed(app) -> list[str]:
    return [text_of(p) for p in html(app, "index").select(".presswork-listing-title")]


def read_docs(app) -> str:
    """The docnames the last build read, from its status output."""
    return "\n".join(
        line for line in app.status.getvalue().splitlines() if "reading sources" in line
    )


def test_adding_changing_and_removing_an_essay_updates_the_listing(make_app, project):
    first = build(make_app, project)
    assert "A Brand New Essay" not in listed(first)

    (project / "essays" / "brand-new.md").write_text(NEW_ESSAY, encoding="utf-8")
    added = build(make_app, project)
    assert listed(added)[0] == "A Brand New Essay"
    assert Path(added.outdir, "essays/brand-new.html").exists()
    newest = html(added, "essays/newest")
    assert text_of(newest.select_one(".presswork-recent li")) == "A Brand New Essay"
    assert newest.select_one("a.left-prev")["href"] == "brand-new.html"

    older = project / "essays" / "older.md"
    older.write_text(older.read_text(encoding="utf-8").replace("Older Essay", "Renamed Essay"))
    changed = build(make_app, project)
    assert "Renamed Essay" in listed(changed)
    assert "Older Essay" not in listed(changed)
    assert "essays/newest" not in read_docs(changed)

    (project / "essays" / "brand-new.md").unlink()
    removed = build(make_app, project)
    assert "A Brand New Essay" not in listed(removed)
    newest = html(removed, "essays/newest")
    assert "brand-new" not in newest.decode()
    assert newest.select_one("a.left-prev") is None
    assert text_of(newest.select_one(".presswork-recent li")) == "The Newest Essay"


def test_a_rebuild_with_no_changes_reads_nothing(make_app, project):
    build(make_app, project)
    again = build(make_app, project)
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()


def test_a_new_date_reorders_the_listing(make_app, project):
    build(make_app, project)
    older = project / "essays" / "older.md"
    older.write_text(older.read_text(encoding="utf-8").replace("2023-01-15", "2027-01-01"))
    app = build(make_app, project)
    assert listed(app)[0] == "Older Essay"
