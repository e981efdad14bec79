"""EPUBs that pass EPUBCheck 5 with no message at all, say what they are, and read well."""

from __future__ import annotations

import base64
import io
import re
import shutil
import uuid
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import TESTS
from ebooklib import epub
from PIL import Image
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp

from presswork.epub import essays as essay_books
from presswork.epub.package import accessibility, write_book
from presswork.epub.pages import finish_page
from presswork.epub.validate import EpubChecker

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
    """EPUBCheck's messages, from the one Java runtime presswork checks books in (it reports
    what EPUBCheck on its own reports: tests/test_epubcheck.py)."""
    return EpubChecker().messages(book)


def copy_root(tmp: Path, name: str, root: str = "test-pdf") -> Path:
    source = tmp / name
    shutil.copytree(TESTS / "roots" / root, source)
    return source


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return build_epub(copy_root(tmp_path_factory.mktemp("epub"), "book"))


def opf(book: Path) -> str:
    return member(book, "content.opf")


def member(book: Path, name: str) -> str:
    with zipfile.ZipFile(book) as archive:
        return archive.read(name).decode("utf-8")


def test_the_collection_epub_passes_epubcheck_without_a_single_message(book):
    assert epubcheck_messages(book) == []


def test_metadata_says_what_the_book_is(book):
    package = opf(book)
    read = epub.read_epub(str(book))
    assert read.get_metadata("DC", "title")[0][0] == "PDF test"
    assert read.get_metadata("DC", "language")[0][0] == "en"
    identifier = read.get_metadata("DC", "identifier")[0][0]
    assert identifier == "978-3-16-148410-0"  # the e-book's own ISBN, from presswork_isbns
    assert f'<meta name="dtb:uid" content="{identifier}"' in member(book, "toc.ncx")
    assert read.get_metadata("DC", "publisher")[0][0] == "Test Press"
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
    assert spine[0] == "epub-cover.xhtml"  # the cover is read first, and is not in the contents
    assert list(dict.fromkeys(order)) == spine[1:]
    assert "tags.xhtml" in order
    landmarks = nav.split('epub:type="landmarks"', 1)[1]
    assert 'epub:type="bodymatter" href="essays/' in landmarks


def page_text(book: Path, name: str) -> str:
    body = BeautifulSoup(member(book, name), "html.parser").select_one("div.body")
    assert body is not None, name
    return " ".join(body.get_text(" ").split())


def test_cover_title_and_copyright_pages_open_the_reading_order(book):
    package = opf(book)
    items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', package))
    spine = [items[ref] for ref in re.findall(r'<itemref idref="([^"]+)"', package)]
    assert spine[:4] == [
        "epub-cover.xhtml",
        "presswork-titlepage.xhtml",
        "presswork-copyright.xhtml",
        "index.xhtml",
    ]
    cover = BeautifulSoup(member(book, "epub-cover.xhtml"), "html.parser").select_one("img")
    assert cover is not None and cover["alt"] == "PDF test. Edited by Test Editors"
    assert page_text(book, "presswork-titlepage.xhtml") == (
        "PDF test Scripts, Characters and Other Trials Edited by Test Editors Test Press, Leeds"
    )
    assert page_text(book, "presswork-copyright.xhtml") == (
        "Copyright Licensed under Creative Commons Attribution 4.0 (CC BY 4.0). "
        "First edition, 2026 ISBN 978-0-306-40615-7 (paperback) ISBN 978-3-16-148410-0 (epub) "
        "Published by Test Press, Leeds"
    )  # no © line: the test root sets no copyright, and none is invented
    nav = member(book, "nav.xhtml")
    landmarks = nav.split('epub:type="landmarks"', 1)[1]
    for kind, page in (
        ("cover", "epub-cover.xhtml"),
        ("titlepage", "presswork-titlepage.xhtml"),
        ("copyright-page", "presswork-copyright.xhtml"),
        ("toc", "index.xhtml"),
        ("bodymatter", "essays/special.xhtml"),
    ):
        assert f'epub:type="{kind}" href="{page}"' in landmarks


def test_every_page_is_set_with_the_e_reader_stylesheet(book):
    with zipfile.ZipFile(book) as archive:
        pages = [name for name in archive.namelist() if name.endswith(".xhtml")]
        stylesheet = archive.read("_static/presswork-epub.css").decode("utf-8")
        for name in pages:
            if name == "nav.xhtml":
                continue
            links = [
                link["href"]
                for link in BeautifulSoup(archive.read(name), "html.parser").select(
                    'link[rel="stylesheet"]'
                )
            ]
            assert any(href.endswith("presswork-epub.css") for href in links), name
    assert "text-indent: 1.2em" in stylesheet and "hyphens: auto" in stylesheet


def test_without_an_isbn_the_identifier_is_the_same_uuid_at_every_build(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    app = SphinxTestApp("epub", srcdir=source, confoverrides={"presswork_isbns": {}})
    try:
        app.build()
    finally:
        app.cleanup()
    read = epub.read_epub(str(Path(app.outdir) / "PDFtest.epub"))
    expected = uuid.uuid5(uuid.NAMESPACE_URL, "presswork:PDF test:Test Editors")
    assert read.get_metadata("DC", "identifier")[0][0] == f"urn:uuid:{expected}"


def test_accessibility_claims_follow_the_content(book):
    package = opf(book)
    claims = dict.fromkeys(re.findall(r'property="(schema:\w+)">([^<]+)<', package))
    assert ("schema:accessMode", "textual") in claims
    assert ("schema:accessibilityHazard", "none") in claims
    # the one image is the cover page's, and it says what the cover says
    assert ("schema:accessMode", "visual") in claims
    assert ("schema:accessModeSufficient", "textual") in claims
    assert ("schema:accessibilityFeature", "alternativeText") in claims


def gif(frames: int) -> bytes:
    images = [Image.new("RGB", (4, 4), colour) for colour in ("red", "blue", "green")[:frames]]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return out.getvalue()


def animated(kind: str) -> bytes:
    images = [Image.new("RGBA", (4, 4), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    images[0].save(out, kind, save_all=True, append_images=images[1:], duration=100, loop=0)
    return out.getvalue()


def still(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, kind)
    return out.getvalue()


PAGE = '<html><body><p>Text.</p><img src="x" alt="x"/></body></html>'


@pytest.mark.parametrize(
    ("images", "pages", "hazard"),
    [
        ({"a.gif": gif(1), "b.png": still("PNG"), "c.webp": still("WEBP")}, PAGE, "none"),
        ({"still.jpg": still("JPEG")}, PAGE, "none"),
        ({"a.gif": gif(2)}, PAGE, "unknown"),
        ({"a.png": animated("PNG")}, PAGE, "unknown"),  # APNG
        ({"a.webp": animated("WEBP")}, PAGE, "unknown"),
        ({"a.png": b"not a png at all"}, PAGE, "unknown"),
        ({"a.svg": b'<svg><animate attributeName="x"/></svg>'}, PAGE, "unknown"),
        ({}, '<html><body><video src="v.mp4"></video></body></html>', "unknown"),
        ({}, '<html><body><audio src="a.mp3"></audio></body></html>', "unknown"),
    ],
)
def test_no_hazard_is_claimed_when_a_page_moves_or_sounds(images, pages, hazard):
    claims = accessibility({"page.xhtml": pages}, images)
    assert claims["schema:accessibilityHazard"] == [hazard]
    summary = claims["schema:accessibilitySummary"][0]
    assert ("No flashing, motion or sound hazards." in summary) is (hazard == "none")


def test_a_book_with_an_animated_image_claims_no_freedom_from_hazards(tmp_path):
    source = copy_root(tmp_path, "animated")
    (source / "essays" / "moving.gif").write_bytes(gif(3))
    essay = source / "essays" / "special.md"
    essay.write_text(
        essay.read_text(encoding="utf-8") + "\n![a moving press](moving.gif)\n", encoding="utf-8"
    )
    book = build_epub(source)
    assert epubcheck_messages(book) == []
    hazard = '<meta property="schema:accessibilityHazard">{}</meta>'
    assert hazard.format("unknown") in opf(book)
    assert hazard.format("unknown") in opf_of(book.parent / "essays" / "special.epub")
    assert hazard.format("none") in opf_of(book.parent / "essays" / "scripts.epub")


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
    essay_book = book.parent / "essays" / "special.epub"
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
    folder = book.parent / "essays"
    books = sorted(path.name for path in folder.glob("*.epub"))
    assert books == ["scripts.epub", "special.epub"]
    with zipfile.ZipFile(book) as archive:  # the collection holds pages, not the essays' books
        assert not [name for name in archive.namelist() if not name.endswith(PACKED)]
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


PACKED = (".xhtml", ".css", ".svg", ".opf", ".ncx", ".xml", "mimetype", ".png")


def test_essays_in_folders_and_with_any_file_name_get_books_of_their_own(tmp_path):
    book = build_epub(copy_root(tmp_path, "names", "test-outputs"))
    folder = book.parent / "essays"
    titles = {
        path.relative_to(folder).as_posix(): epub.read_epub(str(path)).get_metadata("DC", "title")
        for path in folder.rglob("*.epub")
    }
    assert {name: value[0][0] for name, value in titles.items()} == {
        "a/intro.epub": "Introduction A",
        "b/intro.epub": "Introduction B",
        "café.epub": "At the Café",
        "über uns.epub": "About Us",
        "odd%#{_}.epub": "Odd Name",
    }
    for path in [book, *folder.rglob("*.epub")]:
        assert epubcheck_messages(path) == [], path.name


def test_essay_books_are_written_again_only_when_they_change(tmp_path):
    source = copy_root(tmp_path, "again", "test-outputs")
    folder = build_epub(source).parent / "essays"
    before = {path: path.stat().st_mtime_ns for path in folder.rglob("*.epub")}
    essay = source / "essays" / "a" / "intro.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build_epub(source)
    changed = [p.relative_to(folder).as_posix() for p in before if p.stat().st_mtime_ns > before[p]]
    assert changed == ["a/intro.epub"]
    (source / "essays" / "b" / "intro.md").unlink()
    build_epub(source)
    assert not (folder / "b" / "intro.epub").exists()
    assert (folder / "a" / "intro.epub").is_file()


def test_a_crash_while_writing_leaves_the_old_books_whole(tmp_path, monkeypatch):
    source = copy_root(tmp_path, "crash", "test-outputs")
    book = build_epub(source)
    essay_book = book.parent / "essays" / "a" / "intro.epub"
    old_essay = essay_book.read_bytes()
    members = {"mimetype": b"application/epub+zip", "content.opf": b"<package/>", "x": b"y"}
    old_book = book.read_bytes()

    def fail_halfway(self, name, data, *args, **kwargs):
        if name == "x":
            raise OSError("no space left on device")
        return real_writestr(self, name, data, *args, **kwargs)

    real_writestr = zipfile.ZipFile.writestr
    with monkeypatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "writestr", fail_halfway)
        with pytest.raises(OSError):
            write_book(book, dict(members))
    assert book.read_bytes() == old_book

    def write_half(name, *args, **kwargs):
        Path(name).write_bytes(b"PK half a book")
        raise OSError("no space left on device")

    essay = source / "essays" / "a" / "intro.md"
    essay.write_text(essay.read_text(encoding="utf-8") + "\nA change.\n", encoding="utf-8")
    monkeypatch.setattr(essay_books.epub, "write_epub", write_half)
    with pytest.raises(ExtensionError):
        build_epub(source)
    assert essay_book.read_bytes() == old_essay
    assert not [p for p in book.parent.rglob("*") if p.name.endswith(".tmp")]


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
    assert re.search(r'<html [^>]*\blang="en" xml:lang="en"', scripts)
    assert '<span lang="ru" xml:lang="ru">Пролетарии всех стран, соединяйтесь!</span>' in scripts
    assert '<span lang="el" xml:lang="el">Προλετάριοι όλων των χωρών, ενωθείτε!</span>' in scripts
    assert '<span lang="ja" xml:lang="ja">万国の労働者よ、団結せよ！</span>' in scripts
    assert '<span lang="ar" xml:lang="ar">يا عمال العالم اتحدوا</span>' in scripts
    assert 'lang="he"' in scripts
    assert 'epub:type="noteref"' in special and 'epub:type="footnote"' in special
    assert not any("<script" in page for page in pages)


def test_a_page_is_finished_as_xml_passages_marked_code_left_alone():
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        "<head><title>Пролетарии</title></head><body>"
        "<p>In Russian <em>Пролетарии</em> and then Ελλάδα &amp; more, "
        "<code>Пролетарии</code> stays.</p><pre>Ελλάδα</pre>"
        '<p lang="ru">Пролетарии всех стран</p>'
        '<aside class="footnote brackets" role="doc-footnote"><p>Note</p></aside>'
        '<a class="footnote-reference" href="#n" role="doc-noteref">1</a>'
        '<ul role="doc-biblioentry"><li>x</li></ul>'
        "</body></html>"
    )
    written, problem = finish_page(page.encode("utf-8"), "en")
    finished = written.decode("utf-8")
    assert problem == ""
    assert finished.startswith("<?xml") and "<!DOCTYPE html>" in finished
    assert '<em><span lang="ru" xml:lang="ru">Пролетарии</span></em>' in finished
    assert ' and then <span lang="el" xml:lang="el">Ελλάδα</span> &amp; more, ' in finished
    assert "<code>Пролетарии</code>" in finished and "<pre>Ελλάδα</pre>" in finished
    assert "<title>Пролетарии</title>" in finished
    assert '<p lang="ru">Пролетарии всех стран</p>' in finished  # already said: left as it is
    assert 'role="doc-footnote" epub:type="footnote"' in finished
    assert 'role="doc-noteref" epub:type="noteref"' in finished
    assert "doc-biblioentry" not in finished
    assert re.search(r'<html [^>]*lang="en" xml:lang="en"', finished)


def test_a_page_that_is_not_well_formed_is_repaired_and_said_to_be():
    page = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><figure><figcaption><p>Boat</p>'
        "</figure><p>After</p></body></html>"
    )
    written, problem = finish_page(page.encode("utf-8"), "en")
    assert "mismatch" in problem
    repaired = written.decode("utf-8")
    assert "Boat" in repaired and "After" in repaired
    assert "</figcaption>" in repaired  # well-formed now
