"""Shared fixtures: Sphinx's test fixtures, our test roots, and helpers to read output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "000_9d9985b35ad87a3c.txt"
WARNING_LINE = re.compile(
    r"^(?P<file>[^\s:]+):(?P<line>\d+): WARNING: (?P<message>.*?) \[(?P<type>[\w.]+)\]$"
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its sample projects."""
    return TESTS / "roots"


def html(app, docname: str) -> BeautifulSoup:
    """The HTML page of ``docname``, parsed."""
    path = Path(app.outdir) / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def warnings_of(app) -> list[tuple[str, int, str, str]]:
    """Every warning as (file relative to the source folder, line, type, message)."""
    found = []
    srcdir = Path(app.srcdir)
    for line in strip_escape_sequences(app.warning.getvalue()).splitlines():
        match = WARNING_LINE.match(line.strip())
        if match:
            file = Path(match["file"]).relative_to(srcdir).as_posix()
            found.append((file, int(match["line"]), match["type"], match["message"]))
    return found


def text_of(tag) -> str:
    """The visible text of a tag, without Sphinx's heading permalinks."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return tag.get_text(" ", strip=True)
