"""The taxonomy under incremental and parallel builds: fresh, minimal, and the same at -j 4."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import TESTS, html, text_of
from sphinx.util.console import strip_escape_sequences
from test_taxonomy_build import term_counts

from presswork.taxonomy import collect


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-taxonomy", source)
    return source


def build(make_app, source: Path, **kwargs):
    app = make_app("html", srcdir=source, freshenv=False, **kwargs)
    app.build()
    return app


def activity(app, verb: str) -> set[str]:
    """Docnames the last build read ('reading sources') or wrote ('writing output')."""
    pattern = re.compile(rf"{verb}\.\.\. \[\s*\d+%\] (\S+)")
    return set(pattern.findall(strip_escape_sequences(app.status.getvalue())))


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_changing_one_essays_tags_updates_it_and_the_indexes_only(make_app, project):
    build(make_app, project)
    edit(project / "essays" / "cpp.md", "tags: [C++, Solidarity]", "tags: [C++, printing]")
    app = build(make_app, project)
    assert activity(app, "reading sources") == {
        "essays/cpp",
        "index",
        "tags",
        "categories",
        "archive",
    }
    assert "essays/c" not in activity(app, "writing output")
    counts = term_counts(html(app, "tags"))
    assert counts["solidarity"] == "(1)"
    assert counts["printing"] == "(1)"
    header = html(app, "essays/cpp").select_one(".presswork-tags")
    assert [text_of(a) for a in header.select("a")] == ["C++", "printing"]
    solidarity = html(app, "tags/solidarity")
    assert [text_of(p) for p in solidarity.select(".presswork-listing-title")] == ["On C"]
    assert Path(app.outdir, "tags/printing.html").is_file()
    assert "variant" not in app.warning.getvalue()


def test_removing_an_essay_removes_it_from_every_index(make_app, project):
    first = build(make_app, project)
    tag_pages = Path(first.outdir, "tags").glob("*.html")
    emoji_pages = [page for page in tag_pages if page.stem.startswith("tag-")]
    assert emoji_pages
    (project / "essays" / "emoji.md").unlink()
    app = build(make_app, project)
    for page in ("tags", "categories", "archive", "index", "categories/history"):
        assert "Emoji and Paths" not in html(app, page).get_text(), page
    assert not Path(app.outdir, "tags/x-2.html").exists()
    assert not any(page.exists() for page in emoji_pages)
    assert term_counts(html(app, "categories"))["History"] == "(2)"


def test_a_rebuild_with_no_changes_rewrites_nothing(make_app, project):
    first = build(make_app, project)
    outputs = [p for p in Path(first.outdir).rglob("*") if p.suffix in (".html", ".xml")]
    before = {path: path.stat().st_mtime_ns for path in outputs}
    app = build(make_app, project)
    assert "0 added, 0 changed, 0 removed" in app.status.getvalue()
    assert activity(app, "writing output") == set()
    changed = [path for path in outputs if path.stat().st_mtime_ns != before[path]]
    # Pages extensions collect at every build, which Sphinx writes every time: its general index
    # and search page, and sphinx-notfound-page's 404 page.
    every_time = ("genindex.html", "search.html", "404.html")
    assert [p.name for p in changed if p.name not in every_time] == []


def test_editing_the_registry_updates_descriptions_and_aliases(make_app, project):
    build(make_app, project)
    edit(project / "essays" / "taxonomy.yml", "aliases: [labor]", "aliases: [labor, x]")
    app = build(make_app, project)
    labour = html(app, "tags/labour")
    assert [text_of(p) for p in labour.select(".presswork-listing-title")] == [
        "Labor Spelled the American Way"
    ]
    assert "labour" in [text_of(a) for a in html(app, "essays/labor").select(".presswork-tags a")]
    assert "x" not in term_counts(html(app, "tags"))


def test_settings_reach_generated_pages_and_feeds_go_when_the_url_does(make_app, project):
    first = build(make_app, project)
    assert Path(first.outdir, "feeds/tags/solidarity.xml").is_file()
    conf = project / "conf.py"
    text = conf.read_text(encoding="utf-8")
    text = text.replace('presswork_site_url = "https://example.org/press/"', "")
    conf.write_text(text + '\npresswork_date_format = "yyyy-MM-dd"\n', encoding="utf-8")
    app = build(make_app, project)
    meta = html(app, "tags/solidarity").select_one(".presswork-listing-meta")
    assert text_of(meta) == "Ann · 2024-03-01"
    assert not list(Path(app.outdir, "feeds").rglob("*.xml"))


def article(app, page: str) -> str:
    return str(html(app, page).select_one("article"))


def test_parallel_build_equals_serial_build(make_app, tmp_path):
    outputs = {}
    for jobs in (1, 4):
        source = tmp_path / f"j{jobs}"
        shutil.copytree(TESTS / "roots" / "test-taxonomy", source)
        app = make_app("html", srcdir=source, parallel=jobs)
        app.build()
        pages = ["tags", "categories", "archive", "index", "essays/cpp", "tags/solidarity"]
        outputs[jobs] = {page: article(app, page) for page in pages}
        outputs[jobs]["feed"] = Path(app.outdir, "feeds/atom.xml").read_text(encoding="utf-8")
    assert outputs[1] == outputs[4]


def test_a_forged_feed_record_removes_nothing_outside_the_site(make_app, project, tmp_path):
    first = build(make_app, project)
    outdir = Path(first.outdir)
    assert (outdir / "feeds/tags/x-2.xml").is_file()
    precious = tmp_path / "precious.xml"
    precious.write_text("<keep/>", encoding="utf-8")
    record = outdir / ".presswork-feeds.json"
    entries = json.loads(record.read_text(encoding="utf-8"))
    entries[os.path.relpath(precious, outdir)] = "forged"
    record.write_text(json.dumps(entries), encoding="utf-8")
    (project / "essays" / "emoji.md").unlink()  # some tag feeds go
    app = build(make_app, project)
    assert precious.read_text(encoding="utf-8") == "<keep/>"
    assert "presswork.output.path" in app.warning.getvalue()
    assert not Path(app.outdir, "feeds/tags/x-2.xml").exists()
    assert Path(app.outdir, "feeds/atom.xml").is_file()


def test_a_build_that_reads_nothing_keeps_the_taxonomy_and_still_reports(
    make_app, project, monkeypatch
):
    first = build(make_app, project)
    warned = [
        line for line in first.warning.getvalue().splitlines() if "[presswork.taxonomy" in line
    ]
    assert warned
    assert gc.get_freeze_count() == 0  # the environment is the collector's again after a build

    def rebuilt(*args, **kwargs):
        raise AssertionError("the taxonomy was built again though no essay changed")

    monkeypatch.setattr(collect, "build_taxonomy", rebuilt)
    again = build(make_app, project)
    assert not activity(again, "reading sources")
    said = [line for line in again.warning.getvalue().splitlines() if "[presswork.taxonomy" in line]
    assert said == warned  # the same problems, said again
    monkeypatch.undo()
    edit(project / "essays" / "cpp.md", "tags: [C++, Solidarity]", "tags: [C++, Solidarity, fresh]")
    changed = build(make_app, project)
    assert "fresh" in term_counts(html(changed, "tags"))
