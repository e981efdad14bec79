"""Generated outputs: one name per essay, records that never reach outside, whole writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TESTS
from hypothesis import given
from hypothesis import strategies as st
from sphinx.util import texescape
from sphinx.util.console import strip_escape_sequences
from sphinx.writers.latex import LaTeXTranslator

from presswork import outputs
from presswork.latex.transforms import doc_label, latex_label
from presswork.outputs import OutputRecord, inside, output_name, replacing, write_atomically


def test_output_names_keep_the_folders_below_the_essays_folder():
    assert output_name("essays/a/intro", "essays", ".pdf") == "a/intro.pdf"
    assert output_name("essays/b/intro", "essays", ".pdf") == "b/intro.pdf"
    assert output_name("essays/seed", "essays", ".epub") == "seed.epub"
    assert output_name("essays/café", "essays/", ".pdf") == "café.pdf"
    assert output_name("writing/x", "writing", ".pdf") == "x.pdf"


def test_only_names_inside_the_folder_are_inside(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (folder / "link").symlink_to(tmp_path / "elsewhere")
    assert inside(folder, "a/intro.pdf") == folder / "a" / "intro.pdf"
    assert inside(folder, "über uns.pdf") == folder / "über uns.pdf"
    for name in ("../x", "a/../../x", "/etc/passwd", "..", "", "a\\..\\x", "x\0y", "link/x"):
        assert inside(folder, name) is None, name


def forge(record: Path, entries: dict[str, str]) -> None:
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(entries), encoding="utf-8")


def test_a_forged_record_never_removes_anything_outside_its_folder(tmp_path):
    folder = tmp_path / "build" / "out"
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    forge(
        folder / ".record.json",
        {
            "../../precious.txt": "x",
            str(outside): "x",
            "gone.pdf": "x",
            "a/../../../precious.txt": "x",
        },
    )
    (folder / "gone.pdf").write_text("stale", encoding="utf-8")
    (folder / "mine.pdf").write_text("a user's file", encoding="utf-8")
    problems: list[str] = []
    record = OutputRecord.load(folder, ".record.json", problems.append)
    assert record.previous == {"gone.pdf": "x"}
    assert record.claim("../../precious.txt", "y") is None
    assert record.finish() == ["gone.pdf"]
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (folder / "mine.pdf").is_file()  # never recorded, never removed
    assert not (folder / "gone.pdf").exists()
    assert len(problems) == 4
    assert all("outside" in problem or "not a file inside" in problem for problem in problems)
    assert not (folder / ".record.json").exists()  # nothing left to record


def test_a_record_skips_unchanged_outputs_and_removes_empty_folders(tmp_path):
    folder = tmp_path / "out"
    record = OutputRecord.load(folder, ".record.json", print)
    target = record.claim("a/intro.pdf", "one")
    assert target == folder / "a" / "intro.pdf"
    write_atomically(target, b"pdf")
    record.finish()
    again = OutputRecord.load(folder, ".record.json", print)
    assert again.claim("a/intro.pdf", "one") is None  # unchanged
    assert again.claim("b/intro.pdf", "two") == folder / "b" / "intro.pdf"
    again.finish()
    third = OutputRecord.load(folder, ".record.json", print)
    assert third.previous == {"a/intro.pdf": "one", "b/intro.pdf": "two"}
    assert third.finish() == ["a/intro.pdf"]  # b/intro.pdf was recorded but never written
    assert not (folder / "a").exists()
    assert not (folder / ".record.json").exists()


def test_an_unreadable_record_starts_afresh(tmp_path):
    problems: list[str] = []
    forge(tmp_path / ".record.json", {})
    (tmp_path / ".record.json").write_text("[1, 2", encoding="utf-8")
    assert OutputRecord.load(tmp_path, ".record.json", problems.append).previous == {}
    assert problems


def test_a_write_that_fails_halfway_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "book.epub"
    target.write_bytes(b"the old book")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_bytes(b"half a new bo")
        raise RuntimeError("the disk is full")
    assert target.read_bytes() == b"the old book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source, destination):
        renames.append((Path(source).name, Path(destination).name))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    write_atomically(target, b"the new book")
    assert target.read_bytes() == b"the new book"
    assert len(renames) == 1 and renames[0][1] == "book.epub"
    assert renames[0][0].startswith(".book.epub.") and renames[0][0].endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]


def test_a_very_long_name_still_gets_a_temporary_name(tmp_path):
    target = tmp_path / ("x" * 250 + ".pdf")
    write_atomically(target, b"pdf")
    assert target.read_bytes() == b"pdf"


@pytest.fixture(scope="module")
def sphinx_idescape():
    texescape.init()
    return lambda name: LaTeXTranslator.idescape(None, name)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    ["essays/café::doc", "essays/über uns::doc", "essays/odd%#{_}::doc", "🔥", "a¶b€c", "[x]~^\\"],
)
def test_labels_are_escaped_exactly_as_sphinx_escapes_them(sphinx_idescape, name):
    assert rf"\detokenize{{{latex_label(name)}}}" == sphinx_idescape(name)
    assert latex_label(name).isascii()
    assert not set(latex_label(name)) & set("%#{}\\~^$&")


@given(st.text())
def test_any_label_is_escaped_as_sphinx_escapes_it(name):
    texescape.init()
    assert rf"\detokenize{{{latex_label(name)}}}" == LaTeXTranslator.idescape(None, name)  # type: ignore[arg-type]


def outputs_root(tmp: Path, name: str = "src") -> Path:
    source = tmp / name
    shutil.copytree(TESTS / "roots" / "test-outputs", source)
    return source


def test_the_book_labels_each_document_as_presswork_expects(make_app, tmp_path):
    source = outputs_root(tmp_path)
    app = make_app("latex", srcdir=source)
    app.build()
    tex = (Path(app.outdir) / "outputstest.tex").read_text(encoding="utf-8")
    for docname in ("essays/a/intro", "essays/café", "essays/über uns", "essays/odd%#{_}"):
        assert rf"\label{{\detokenize{{{doc_label(docname)}}}}}" in tex, docname
        assert rf"\pageref{{\detokenize{{{doc_label(docname)}}}}}" in tex, docname


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_an_epub_build_writes_nothing_outside_its_output_folder(tmp_path):
    source = outputs_root(tmp_path)
    before = snapshot(tmp_path)
    command = [sys.executable, "-m", "sphinx", "-b", "epub", "-q", str(source), "out"]
    for _ in range(2):  # the second build finds the first one's EPUBs in its folder
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True)
        assert "unknown mimetype" not in result.stderr
        assert "inside outdir" not in result.stderr
    after = snapshot(tmp_path)
    changed = {
        name
        for name in before.keys() | after.keys()
        if before.get(name) != after.get(name) and not name.startswith("out/")
    }
    assert changed == set()
    books = sorted(p.relative_to(tmp_path / "out").as_posix() for p in tmp_path.rglob("*.epub"))
    assert books == [
        "Outputstest.epub",
        "essays/a/intro.epub",
        "essays/b/intro.epub",
        "essays/café.epub",
        "essays/odd%#{_}.epub",
        "essays/über uns.epub",
    ]


def warning_lines(app) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


def test_a_term_page_never_overwrites_a_document_of_the_same_name(make_app, tmp_path):
    source = outputs_root(tmp_path)
    first = make_app("html", srcdir=source, freshenv=False)
    first.build()
    generated = Path(first.outdir) / "tags" / "shared.html"
    assert "presswork-term-page" in generated.read_text(encoding="utf-8")
    (source / "tags").mkdir()
    (source / "tags" / "shared.md").write_text("# Shared by hand\n\nWritten by a person.\n")
    tags = source / "tags.md"
    toctree = "```{toctree}\n:hidden:\n\ntags/shared\n```\n\n"
    tags.write_text(toctree + tags.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app("html", srcdir=source, freshenv=False)
    app.build()
    page = generated.read_text(encoding="utf-8")
    assert "Written by a person." in page
    assert "presswork-term-page" not in page
    collisions = [line for line in warning_lines(app) if "presswork.output.collision" in line]
    assert len(collisions) == 1
    assert collisions[0].startswith(str(source / "tags" / "shared.md"))
    assert "'tags/shared'" in collisions[0]
    again = make_app("html", srcdir=source, freshenv=False)  # and stays so
    again.build()
    assert "Written by a person." in generated.read_text(encoding="utf-8")


def test_a_forged_page_record_removes_nothing_outside_the_site(make_app, tmp_path):
    source = outputs_root(tmp_path)
    first = make_app("html", srcdir=source, freshenv=False)
    first.build()
    outdir = Path(first.outdir)
    precious = tmp_path / "precious.html"
    precious.write_text("keep me", encoding="utf-8")
    record = outdir / ".presswork-pages.json"
    entries = json.loads(record.read_text(encoding="utf-8"))
    entries[os.path.relpath(precious, outdir)] = "forged"
    entries[str(precious)] = "forged"
    record.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    (source / "essays" / "b" / "intro.md").unlink()  # so the beta page goes
    app = make_app("html", srcdir=source, freshenv=False)
    app.build()
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not (outdir / "tags" / "beta.html").exists()
    forged = [line for line in warning_lines(app) if "presswork.output.path" in line]
    assert len(forged) == 2
    assert all(line.startswith(f"{record}:") for line in forged)
    assert outputs.TEMPORARY_SUFFIX not in "".join(p.name for p in outdir.rglob("*"))
