"""Hostile essays built for web, e-book and print: nothing hostile, nothing from outside gets in."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import TESTS, html, warnings_of
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from test_epub import epubcheck_messages

from presswork.safety import myst_include

ROOT = TESTS / "roots" / "test-safety"
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
BESIDE = "secret beside the publication"
PASSWD = Path("/etc/passwd")
SECRETS = [BESIDE.encode()] + (
    [PASSWD.read_bytes().splitlines()[0]] if PASSWD.is_file() and PASSWD.read_bytes() else []
)
OURS = (
    "essays/hostile.md",
    "essays/paths.md",
    "essays/latex.md",
    "essays/parts/inside.md",
    "essays/parts/loop.md",
)
LEFT_OUT = re.compile(r"presswork: (\d+) raw HTML passages? left out of the PDF")

HTML_WARNINGS = [
    ("essays/hostile.md", 7, "presswork.html.attribute"),  # onerror
    ("essays/hostile.md", 9, "presswork.html.tag"),  # <script> block
    ("essays/hostile.md", 11, "presswork.html.tag"),  # inline <script>
    ("essays/hostile.md", 11, "presswork.html.tag"),  # inline <style>
    ("essays/hostile.md", 13, "presswork.html.attribute"),  # onclick
    ("essays/hostile.md", 13, "presswork.html.url"),  # javascript:
    ("essays/hostile.md", 13, "presswork.html.url"),  # JaVaScRiPt:
    ("essays/hostile.md", 15, "presswork.html.url"),  # data:
    ("essays/hostile.md", 17, "presswork.html.tag"),  # {raw} html <iframe>
    ("essays/hostile.md", 21, "presswork.html.tag"),  # <object>
    ("essays/hostile.md", 21, "presswork.html.tag"),  # <embed>
    ("essays/hostile.md", 23, "presswork.html.tag"),  # <form>
    ("essays/hostile.md", 23, "presswork.html.tag"),  # <input>
    ("essays/hostile.md", 25, "presswork.html.attribute"),  # onmouseover
    ("essays/parts/inside.md", 1, "presswork.html.attribute"),  # included, onclick
    ("notes.rst", 16, "presswork.html.attribute"),  # rST raw, onclick
]
PATH_WARNINGS = [
    ("essays/paths.md", 7, "presswork.path.outside"),  # literalinclude
    ("essays/paths.md", 10, "presswork.path.outside"),  # MyST include
    ("essays/paths.md", 13, "presswork.path.outside"),  # MyST include, :literal:
    ("essays/paths.md", 17, "presswork.path.outside"),  # raw :file:
    ("essays/paths.md", 21, "presswork.path.outside"),  # raw :file: /etc/passwd
    ("essays/paths.md", 25, "presswork.path.url"),  # raw :url:
    ("essays/paths.md", 29, "presswork.path.outside"),  # include /etc/passwd
    ("essays/paths.md", 32, "presswork.path.outside"),  # csv-table :file:
    ("essays/paths.md", 36, "presswork.path.url"),  # csv-table :url:
    ("essays/paths.md", 40, "presswork.path.outside"),  # picture
    ("essays/paths.md", 42, "presswork.path.outside"),  # figure
    ("essays/paths.md", 46, "presswork.path.outside"),  # download
    ("essays/paths.md", 57, "presswork.path.outside"),  # literalinclude beside
    ("essays/paths.md", 60, "presswork.path.outside"),  # include beside
    ("essays/paths.md", 63, "presswork.path.outside"),  # picture beside
    ("essays/paths.md", 65, "presswork.path.outside"),  # literalinclude of a link out
    ("essays/paths.md", 68, "presswork.path.outside"),  # picture that is a link out
    ("notes.rst", 4, "presswork.path.outside"),  # rST include
    ("notes.rst", 6, "presswork.path.outside"),  # rST include, :literal:
    ("notes.rst", 11, "presswork.path.outside"),  # <standard> include climbing out
    ("notes.rst", 13, "presswork.path.outside"),  # rST raw :file:
]
LATEX_WARNINGS = [
    ("essays/latex.md", 9, "presswork.raw.latex"),
    ("essays/latex.md", 13, "presswork.raw.latex"),
]


def project(tmp: Path) -> Path:
    """A copy of the hostile root, with a file and a picture beside it and links out to them."""
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / "book"
    shutil.copytree(ROOT, source)
    (tmp / "secret.txt").write_text(BESIDE + "\n", encoding="utf-8")
    (tmp / "outside.png").write_bytes(PIXEL)
    (source / "essays" / "linked.txt").symlink_to("../../secret.txt")
    (source / "essays" / "linked.png").symlink_to("../../outside.png")
    return source


def build(source: Path, builder: str, **overrides) -> SphinxTestApp:
    app = SphinxTestApp(builder, srcdir=source, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def ours(app, prefixes: tuple[str, ...] = ("presswork.",)) -> list[tuple[str, int, str]]:
    """Our warnings in the root's own files (the other rooms warn about the links out)."""
    return sorted(
        (file, line, kind)
        for file, line, kind, _ in warnings_of(app)
        if (file in OURS or file == "notes.rst") and kind.startswith(prefixes)
    )


def contents(folder: Path):
    """Every file under ``folder``, and every file inside each zip (EPUB) there."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            yield path, data
            if path.suffix == ".epub":
                with zipfile.ZipFile(path) as book:
                    for name in book.namelist():
                        yield path / name, book.read(name)


def assert_no_secret_in(folder: Path) -> None:
    seen = 0
    for path, data in contents(folder):
        seen += 1
        for secret in SECRETS:
            assert secret not in data, path
    assert seen > 10


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "_build" not in path.parts
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    source = project(tmp_path_factory.mktemp("safety-html"))
    before = fingerprint(source.parent)
    app = build(source, "html")
    return app, before, fingerprint(source.parent)


@pytest.fixture(scope="module")
def ebook(tmp_path_factory):
    return build(project(tmp_path_factory.mktemp("safety-epub")), "epub")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return build(project(tmp_path_factory.mktemp("safety-latex")), "latex")


def article(app, docname: str):
    page = html(app, docname)
    return page.select_one("article") or page


def test_no_script_event_handler_or_hostile_url_reaches_the_page(site):
    app, _, _ = site
    for docname in ("essays/hostile", "essays/paths", "notes"):
        body = article(app, docname)
        for name in ("script", "style", "iframe", "object", "embed", "form", "input"):
            assert body.find(name) is None, (docname, name)
        for tag in body.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
            for attribute in ("href", "src"):
                url = str(tag.get(attribute, "")).strip().lower()
                assert not url.startswith(("javascript:", "data:", "file:")), tag
        assert "alert(1)" not in body.get_text() and "steal()" not in str(body)


def test_each_removal_is_one_warning_at_its_file_and_line(site):
    app, _, _ = site
    assert ours(app, ("presswork.html.",)) == sorted(HTML_WARNINGS)
    assert app.statuscode == 0
    assert "Traceback" not in app.warning.getvalue()


def test_ordinary_markup_survives_as_written(site):
    app, _, _ = site
    body = article(app, "essays/hostile")
    span = body.select_one("span.x")
    assert span is not None and span.get_text() == "word"
    assert body.select_one('abbr[title="International"]').get_text() == "I"
    assert body.find("sub").get_text() == "2" and body.find("sup").get_text() == "2"
    assert body.select_one('em[lang="fr"]').get_text() == "mot"
    assert body.select_one('strong[dir="rtl"]').get_text() == "bold"
    assert body.select_one("div.note p strong").get_text() == "div"
    assert body.select_one("table td p strong").get_text() == "Markdown"
    details = body.select_one("details[open]")
    assert details.summary.get_text() == "More" and details.select_one("p em").get_text() == "text"
    assert body.select_one('a[href="https://example.org/"]').get_text() == "good link"
    assert [a.get_text() for a in body.find_all("a", href=False)] == ["bad link", "another"]
    assert "non\xa0breaking © é 😀 a<b" in body.get_text()
    assert body.find(string=re.compile("Text after")).find_parent("div") is not None
    assert body.find(string=re.compile("open span")).parent.name == "span"


def test_what_is_stored_is_well_formed_xhtml_with_only_xml_entities(site):
    app, _, _ = site
    doctree = app.env.get_doctree("essays/hostile")
    stored = "".join(node.astext() for node in doctree.findall(lambda n: n.tagname == "raw"))
    assert "&#160;" in stored and "&nbsp;" not in stored
    assert '<img src="x" />' in stored and "<br>" not in stored
    for entity in re.findall(r"&(\w+);", stored):
        assert entity in {"amp", "lt", "gt", "quot", "apos"}, entity


def test_nothing_outside_the_source_folder_is_read(site):
    app, before, after = site
    assert ours(app, ("presswork.path.",)) == sorted(PATH_WARNINGS)
    outdir = Path(app.outdir)
    assert sorted(path.name for path in (outdir / "_images").iterdir()) == ["pixel.png"]
    assert not (outdir / "_downloads").exists()
    assert_no_secret_in(Path(app.outdir).parent)  # the pages and the stored doctrees
    paths = article(app, "essays/paths")
    assert "Included from inside" in paths.get_text()  # files inside are still read
    assert paths.select_one('img[alt="a pixel"]')["src"] == "../_images/pixel.png"
    assert before == after  # no source changed, nothing written beside the publication


def test_the_epub_passes_epubcheck_without_a_message_and_holds_only_its_own_pictures(ebook):
    outdir = Path(ebook.outdir)
    books = sorted(outdir.rglob("*.epub"))
    assert len(books) >= 4  # the collection and each essay
    for book in books:
        assert epubcheck_messages(book) == [], book
    with zipfile.ZipFile(next(outdir.glob("*.epub"))) as archive:
        page = archive.read("essays/hostile.xhtml").decode("utf-8")
    assert '<span class="x">word</span>' in page
    assert "\xa0" in page and "&nbsp;" not in page  # the no-break space itself, as XML allows
    assert '<img src="x"' not in page
    with zipfile.ZipFile(next(outdir.glob("*.epub"))) as archive:
        page = archive.read("essays/paths.xhtml").decode("utf-8")
    assert "A missing picture: a missing picture" in page and "missing.png" not in page
    assert 'alt="a pixel"' in page  # a picture the book holds stays
    assert ("essays/hostile.md", 7, "presswork.html.tag") in ours(ebook)
    assert_no_secret_in(outdir.parent)


def test_raw_latex_is_left_out_of_the_tex_by_default(book):
    tex = next(Path(book.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Before the raw block" in tex and "After the raw block" in tex
    assert r"\input{/etc/passwd}" not in tex and "PressworkRawTex" not in tex
    assert ours(book, ("presswork.raw.",)) == LATEX_WARNINGS
    assert_no_secret_in(Path(book.outdir).parent)


def test_the_latex_build_says_once_how_much_raw_html_it_left_out(book, site):
    status = strip_escape_sequences(book.status.getvalue())
    found = LEFT_OUT.findall(status)
    assert len(found) == 1 and int(found[0]) > 10
    assert not LEFT_OUT.search(book.warning.getvalue())
    assert not LEFT_OUT.search(site[0].status.getvalue())  # only LaTeX leaves raw HTML out


def test_raw_latex_is_kept_when_the_collection_allows_it(tmp_path):
    app = build(project(tmp_path), "latex", presswork_allow_raw_latex=True)
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "\\input{/etc/passwd}\n" in tex
    assert ours(app, ("presswork.raw.",)) == []


def test_a_trusted_collection_keeps_its_raw_html_unchanged(tmp_path):
    app = build(project(tmp_path), "html", presswork_trusted_html=True)
    body = article(app, "essays/hostile")
    assert body.find("script").get_text() == "alert(1)"
    assert body.find("iframe") is not None and body.find("img", onerror=True) is not None
    assert ours(app, ("presswork.html.",)) == []
    assert ours(app, ("presswork.path.",)) == sorted(PATH_WARNINGS)  # files: no trust


def test_myst_include_is_checked_where_presswork_touches_myst(site):
    from myst_parser.mocking import MockIncludeDirective  # noqa: PLC0415

    # MyST runs its own include, never the registered directive's run(): if this changes,
    # presswork's check must move (see presswork/safety/myst_include.py).
    assert getattr(MockIncludeDirective.run, myst_include.MARK, False)
    assert myst_include.MOCK_INCLUDE is MockIncludeDirective
    # Only the check in MyST's include knows the directive's own line.
    assert ("essays/paths.md", 10, "presswork.path.outside") in ours(site[0])


def test_an_include_going_round_in_a_circle_is_included_once_and_the_build_goes_on(site):
    app, _, _ = site
    assert ours(app, ("presswork.directive",)) == [
        ("essays/parts/loop.md", 3, "presswork.directive")
    ]
    assert article(app, "essays/paths").get_text().count("A passage that includes itself.") == 1


def test_include_read_still_guards_if_the_myst_check_is_gone(tmp_path, monkeypatch):
    unchecked = myst_include.MOCK_INCLUDE.run.__wrapped__
    monkeypatch.setattr(myst_include, "MOCK_INCLUDE", None)
    monkeypatch.setattr(myst_include.mocking.MockIncludeDirective, "run", unchecked)
    source = project(tmp_path)
    essay = source / "essays" / "paths.md"  # without the check, nothing stops an include loop
    essay.write_text(essay.read_text(encoding="utf-8").replace("{include} parts/loop.md", ""))
    app = build(source, "html")
    assert_no_secret_in(Path(app.outdir).parent)
    text = strip_escape_sequences(app.warning.getvalue())
    assert re.search(r"paths\.md: WARNING: include '\.\./secret\.txt' is outside", text), text


def test_parallel_and_incremental_builds_count_the_same_raw_html(tmp_path):
    def extra(source: Path, count: int) -> None:
        for number in range(count):
            essay = source / "essays" / f"extra{number}.md"
            essay.write_text(
                f"---\ntitle: Extra {number}\nauthors: [A]\ndate: 2024-04-0{number + 1}\n---\n\n"
                "Some <span>raw</span> HTML.\n",
                encoding="utf-8",
            )

    def left_out(app) -> int:
        return int(LEFT_OUT.findall(strip_escape_sequences(app.status.getvalue()))[0])

    serial, parallel = project(tmp_path / "serial"), project(tmp_path / "parallel")
    extra(serial, 6)
    extra(parallel, 6)
    counted = left_out(build(serial, "latex"))
    app = SphinxTestApp("latex", srcdir=parallel, parallel=2)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.parallel == 2 and app.is_parallel_allowed("read")  # read in two processes
    assert left_out(app) == counted
    essay = parallel / "essays" / "extra0.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("<span>raw</span>", "plain"))
    assert left_out(build(parallel, "latex")) == counted - 2


def test_the_settings_are_typed_read_through_one_object_and_reread_every_essay(site):
    from presswork.safety.config import SafetyConfig, safety_config  # noqa: PLC0415

    config = site[0].config
    assert safety_config(config) == SafetyConfig(trusted_html=False, allow_raw_latex=False)
    for name in ("presswork_trusted_html", "presswork_allow_raw_latex"):
        option = config.values[name]
        assert (option.default, option.rebuild, option.valid_types) == (
            False,
            "env",
            frozenset({bool}),
        )
