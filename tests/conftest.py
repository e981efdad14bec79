"""Shared fixtures: Sphinx's test fixtures, our test roots, and helpers to read output."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from presswork.latex.pdf import build_pdfs

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "000_9d9985b35ad87a3c.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Outside CI, a machine without Chromium skips the browser tests; in CI they must run (and fail
# when Chromium is missing).
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="needs Debian's chromium (scripts/system-deps installs it)",
)
# Headless Chromium on a closed network: no background connections, no first-run work.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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


def latex_project(tmp: Path, name: str, confoverrides: dict | None = None) -> Path:
    """Copy the PDF test root, write its LaTeX with Sphinx, and return the LaTeX folder."""
    source = tmp / name
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    return write_latex(source, confoverrides)


def build(builder: str, source: Path, **options) -> tuple[SphinxTestApp, list]:
    """Build a project with one builder; the app (its outdir, its log) and its warnings."""
    app = SphinxTestApp(builder, srcdir=source, **options)
    try:
        app.build()
        return app, warnings_of(app)
    finally:
        app.cleanup()


def write_latex(source: Path, confoverrides: dict | None = None) -> Path:
    """Write a project's LaTeX with Sphinx; the LaTeX folder."""
    app, _ = build("latex", source, confoverrides=confoverrides or {})
    return Path(app.outdir)


def text(pdf: Path, *options: str) -> str:
    """A PDF's text through pdftotext (pages end in a form feed)."""
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Path:
    """The PDF test root typeset once: the book and its offprints."""
    folder = latex_project(tmp_path_factory.mktemp("pdf"), "book")
    assert build_pdfs(folder) == 0
    return folder
