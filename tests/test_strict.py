"""Strict builds for publishing: every presswork warning an error, named once, exit non-zero."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from conftest import TESTS
from sphinx.util.console import strip_escape_sequences

from presswork.strict import PublishingProblems

LATIN1 = "---\ntitle: Café\nauthors: [Zoé]\ndate: 2024-01-01\n---\n\nDéjà vu.\n".encode("latin-1")
NO_DATE = "---\ntitle: Undated\nauthors: [Ann]\n---\n\nText.\n"


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    """The sources root with one file in Latin-1 and one essay without a date."""
    folder = tmp_path / "strict"
    shutil.copytree(TESTS / "roots" / "test-sources", folder)
    (folder / "essays" / "latin1.md").write_bytes(LATIN1)
    (folder / "essays" / "undated.md").write_text(NO_DATE, encoding="utf-8")
    for number in range(8):  # enough documents for Sphinx to read in parallel
        essay = f"---\ntitle: Essay {number}\nauthors: [Ann]\ndate: 2024-02-0{number + 1}\n---\n"
        (folder / "essays" / f"essay{number}.md").write_text(essay, encoding="utf-8")
    return folder


def problems(app) -> list[str]:
    """Each presswork line on the warning stream, with its level."""
    text = strip_escape_sequences(app.warning.getvalue())
    return [line for line in text.splitlines() if re.search(r"\[presswork\.[\w.]+\]$", line)]


def test_without_strict_a_warning_does_not_fail_the_build(make_app, srcdir):
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 0
    assert all(": WARNING: " in line for line in problems(app))
    assert len(problems(app)) == 2


@pytest.mark.parametrize("parallel", [0, 2])
def test_strict_makes_every_presswork_warning_an_error_named_once(make_app, srcdir, parallel):
    app = make_app(
        "html", srcdir=srcdir, parallel=parallel, confoverrides={"presswork_strict": True}
    )
    app.build()
    assert app.statuscode == 1
    lines = problems(app)
    assert len(lines) == 2, lines
    assert all(": ERROR: " in line for line in lines)
    assert any("latin1.md:2: ERROR:" in line and "source.encoding" in line for line in lines)
    assert any("undated.md" in line and "essay.missing_date" in line for line in lines)
    assert (Path(app.outdir) / "essays" / "readable.html").is_file()


def test_a_strict_rebuild_finds_the_problems_of_unchanged_essays(make_app, srcdir):
    make_app("html", srcdir=srcdir).build()
    app = make_app("html", srcdir=srcdir, confoverrides={"presswork_strict": True})
    app.build()
    again = make_app("html", srcdir=srcdir, confoverrides={"presswork_strict": True})
    again.build()
    assert again.statuscode == 1
    assert any("essay.missing_date" in line for line in problems(again))


def test_the_same_problem_reported_twice_is_named_once():
    watch = PublishingProblems()
    records = [
        logging.makeLogRecord({"msg": "no date", "type": "presswork", "location": "a.md:1"})
        for _ in range(2)
    ]
    other = logging.makeLogRecord({"msg": "no date", "type": "presswork", "location": "b.md:1"})
    assert [watch.filter(record) for record in [*records, other]] == [True, False, True]
    assert records[0].levelname == "ERROR"


def test_suppressed_warnings_do_not_fail_a_strict_build(make_app, srcdir):
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={
            "presswork_strict": True,
            "suppress_warnings": ["presswork.source.encoding", "presswork.essay.missing_date"],
        },
    )
    app.build()
    assert problems(app) == []
    assert app.statuscode == 0
