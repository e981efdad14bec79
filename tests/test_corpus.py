"""The corpus of broken and hostile essays, dropped into a copy of the sample, in every format.

Every build finishes without a traceback, each input gets its expected warning at its own
file, nothing hostile reaches a reader, and no file outside ``_build`` is written or changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, TESTS
from sphinx.util.console import strip_escape_sequences

from presswork.epub.validate import check_epubs

CORPUS = TESTS / "corpus"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
SAMPLE = ("conf.py", "index.md", "archive.md", "tags.md", "categories.md", "essays", "_static")
PLACED = "essays/corpus"
WARNING = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+): (?:WARNING|ERROR|CRITICAL): .*\[(?P<type>[\w.]+)\]$"
)
SECRET = b"root:x:0:"
BUILDERS = ("html", "epub", "latex", "check")


def tree(folder: Path) -> dict[str, str]:
    """Every file and link in ``folder`` outside the publication's ``_build``, by content."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if "_build" in relative.parts[:2]:
            continue
        if path.is_symlink():
            found[relative.as_posix()] = f"-> {path.readlink()}"
        elif path.is_file():
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def sphinx(source: Path, builder: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build`` as ``make`` runs it, in its own process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "--no-color",
            "-b",
            builder,
            "-d",
            "_build/doctrees-" + builder,
            ".",
            f"_build/{builder}",
            "-q",
        ],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the sample with the corpus in it, built by every builder and typeset."""
    source = tmp_path_factory.mktemp("corpus") / "publication"
    source.mkdir()
    for name in SAMPLE:
        origin = PROJECT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, symlinks=True)
        else:
            shutil.copy2(origin, source / name)
    shutil.copytree(CORPUS, source / PLACED, ignore=shutil.ignore_patterns("cases.json"))
    (source / PLACED / "link-dangling.md").symlink_to("nowhere.md")
    (source / PLACED / "link-outside.md").symlink_to("/etc/passwd")
    (source / PLACED / "link-machine").symlink_to("/")
    outside = source.parent / "beside.txt"
    outside.write_text("written beside the publication\n", encoding="utf-8")
    before = tree(source.parent)
    runs = {builder: sphinx(source, builder) for builder in BUILDERS}
    runs["pdf"] = subprocess.run(
        [str(Path(sys.executable).with_name("presswork")), "pdf", "_build/latex"],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    return {"source": source, "before": before, "after": tree(source.parent), "runs": runs}


def warnings_in(run: subprocess.CompletedProcess[str], source: Path) -> dict[str, set[str]]:
    """The warning types each file got: file relative to the essays' folder → types."""
    found: dict[str, set[str]] = {}
    for line in strip_escape_sequences(run.stderr).splitlines():
        match = WARNING.match(line.strip())
        if match and match["file"].startswith(str(source / PLACED)):
            name = Path(match["file"]).relative_to(source / PLACED).as_posix()
            found.setdefault(name, set()).add(match["type"].removeprefix("presswork."))
    return found


def test_the_corpus_is_large_and_every_input_says_what_it_expects():
    assert len(CASES) >= 60
    for case in CASES:
        assert (CORPUS / case["file"]).exists(), case
        assert isinstance(case["expect"], list) and isinstance(case["published"], bool)


@pytest.mark.parametrize("builder", [*BUILDERS, "pdf"])
def test_no_build_stops_or_shows_a_traceback(built, builder):
    run = built["runs"][builder]
    assert "Traceback" not in run.stderr + run.stdout
    assert "Exception occurred" not in run.stderr
    if builder == "check":  # the corpus cites a key that exists nowhere: an error, by design
        assert run.returncode == 1
        assert (built["source"] / "_build" / "check" / "report.json").is_file()
    else:
        assert run.returncode == 0, run.stderr[-3000:]


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_each_input_gets_its_outcome_in_every_format(built, case):
    source = built["source"]
    found = warnings_in(built["runs"]["html"], source).get(case["file"], set())
    for expected in case["expect"]:
        assert any(kind.startswith(expected) for kind in found), (expected, found)
    if not case["file"].endswith(".md"):
        return
    docname = f"{PLACED}/{case['file'].removesuffix('.md')}"
    pages = {
        "html": source / "_build" / "html" / f"{docname}.html",
        "epub": source / "_build" / "epub" / f"{docname}.xhtml",
    }
    for builder, page in pages.items():
        assert page.is_file() == case["published"], (builder, page)


def test_links_are_named_and_never_followed_out(built):
    found = warnings_in(built["runs"]["html"], built["source"])
    assert "source.unreadable" in found["link-dangling.md"]
    assert "path.outside" in found["link-outside.md"]
    assert "path.outside" in found["link-machine"]
    html = built["source"] / "_build" / "html" / PLACED
    assert not (html / "link-outside.html").exists()
    assert not (html / "link-machine").exists()


def test_no_source_is_changed_and_nothing_is_written_outside_the_build(built):
    assert built["after"] == built["before"]


def test_nothing_from_outside_the_publication_reaches_an_output(built):
    build = built["source"] / "_build"
    for path in build.rglob("*"):
        if path.is_file() and "_sources" not in path.parts:
            assert SECRET not in path.read_bytes(), path


def test_no_script_from_an_essay_reaches_a_page(built):
    build = built["source"] / "_build"
    for folder, suffix in (("html", ".html"), ("epub", ".xhtml")):
        for path in (build / folder / PLACED).rglob(f"*{suffix}"):
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            essay = page.select_one("article") or page.body
            assert essay.find(["script", "iframe", "object", "embed", "form", "style"]) is None
            for tag in essay.find_all(True):
                assert not any(name.startswith("on") for name in tag.attrs), (path, tag)
                for name in ("href", "src"):
                    assert not str(tag.get(name, "")).startswith(("javascript:", "data:text")), tag


def test_every_epub_of_the_hostile_essays_passes_epubcheck(built, tmp_path, capsys):
    build = built["source"] / "_build" / "epub"
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    for book in build.glob("*.epub"):
        shutil.copy2(book, chosen / book.name)
    hostile = ("html-", "latex-", "include-", "raw-", "terms-", "title-", "café", "日本語", "100%")
    for number, book in enumerate(sorted(build.rglob("*.epub"))):
        if book.parent != build and book.name.startswith(hostile):
            shutil.copy2(book, chosen / f"{number}-{book.name}")
    assert len(list(chosen.glob("*.epub"))) >= 15
    assert check_epubs(chosen) == 0, capsys.readouterr().err[-3000:]


def test_the_book_and_the_offprints_carry_every_special_character(built):
    latex = built["source"] / "_build" / "latex"
    book = next(latex.glob("*.pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(book), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Specials # $ % & ~ _ ^ \\ { } |" in " ".join(text.split())
    assert "\\input{/etc/passwd}" in text
    folder = latex / "essays"
    offprints = {path.relative_to(folder).as_posix() for path in folder.rglob("*.pdf")}
    for name in (
        "corpus/a/intro.pdf",
        "corpus/b/intro.pdf",
        "corpus/café.pdf",
        "corpus/100%-sure.pdf",
    ):
        assert name in offprints, sorted(offprints)[:20]
