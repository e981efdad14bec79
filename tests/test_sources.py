"""Files that are not UTF-8 text are named, left out and never touched; the rest still builds."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import TESTS, warnings_of

from presswork.diagnostics import Subtype
from presswork.sourcefiles import Unreadable, decode_source, likely_encoding

FRENCH = "Ceci est un essai écrit à Montréal en été, après la grève générale de 1972."
RUSSIAN = "Это эссе о забастовке на заводе, написанное в Москве после войны рабочими."
BAD_FILES = {
    "latin1.md": f"---\ntitle: Café\nauthors: [Zoé]\n---\n\n{FRENCH}\n".encode("latin-1"),
    "windows.md": "---\ntitle: “Quoted”\n---\n\nIt’s €5 – cheap.\n".encode("cp1252"),
    "utf16.md": f"---\ntitle: Sixteen\n---\n\n{FRENCH}\n".encode("utf-16-le"),
    "cyrillic.md": f"---\ntitle: Эссе\n---\n\n{RUSSIAN}\n".encode("cp1251"),
    "binary.md": bytes(range(256)) * 8,
}


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` but the build output, by content."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "_build" not in path.relative_to(folder).parts
    }


@pytest.fixture
def broken_srcdir(tmp_path: Path) -> Path:
    """The sources root with the broken files beside its readable essay."""
    srcdir = tmp_path / "sources"
    shutil.copytree(TESTS / "roots" / "test-sources", srcdir)
    for name, data in BAD_FILES.items():
        (srcdir / "essays" / name).write_bytes(data)
    (srcdir / "essays" / "dangling.md").symlink_to(srcdir / "essays" / "nowhere.md")
    return srcdir


def test_links_out_of_the_source_folder_are_not_followed(make_app, broken_srcdir):
    essays = broken_srcdir / "essays"
    (essays / "passwd.md").symlink_to("/etc/passwd")
    (essays / "machine").symlink_to("/")
    (essays / "loop").symlink_to(essays)
    (essays / "inside.md").symlink_to(essays / "readable.md")
    app = make_app("html", srcdir=broken_srcdir)
    app.build()
    outside = {
        Path(file).name: message
        for file, _line, kind, message in warnings_of(app)
        if kind == "presswork.path.outside"
    }
    assert sorted(outside) == ["loop", "machine", "passwd.md"]
    assert "outside the source folder" in outside["passwd.md"]
    assert "contains it" in outside["loop"]
    assert "essays/inside" in app.env.found_docs
    assert not any(
        name.startswith(("essays/machine", "essays/loop")) for name in app.env.found_docs
    )
    for path in Path(app.outdir).rglob("*"):
        if path.is_file():
            assert b"root:x:0:0" not in path.read_bytes(), path


@pytest.mark.parametrize("buildername", ["html", "latex", "epub", "check", "text"])
def test_unreadable_files_are_named_left_out_and_untouched(make_app, broken_srcdir, buildername):
    before = fingerprint(broken_srcdir)
    app = make_app(buildername, srcdir=broken_srcdir)
    app.build()
    found = {
        Path(file).name: (line, kind, message) for file, line, kind, message in warnings_of(app)
    }
    assert found["latin1.md"][:2] == (2, "presswork.source.encoding")
    assert "byte 0xe9 at line 2, column 11" in found["latin1.md"][2]
    assert "CP1252" in found["latin1.md"][2]
    command = "iconv -f CP1252 -t UTF-8 essays/latin1.md > essays/latin1.md.utf8"
    assert command in found["latin1.md"][2]
    assert "mv essays/latin1.md.utf8 essays/latin1.md" in found["latin1.md"][2]
    assert found["windows.md"][1] == "presswork.source.encoding"
    assert "CP1252" in found["windows.md"][2]
    assert found["utf16.md"][1] == "presswork.source.encoding"
    assert "UTF-16LE" in found["utf16.md"][2]
    assert "CP1251" in found["cyrillic.md"][2]
    assert found["binary.md"][1] == "presswork.source.binary"
    assert found["dangling.md"][1] == "presswork.source.unreadable"
    assert "Traceback" not in app.warning.getvalue()
    assert sorted(name for name in app.env.found_docs if name.startswith("essays/")) == [
        "essays/readable"
    ]
    assert fingerprint(broken_srcdir) == before


def test_each_bad_file_is_named_once(make_app, broken_srcdir):
    app = make_app("html", srcdir=broken_srcdir)
    app.build()
    named = [Path(file).name for file, *_ in warnings_of(app) if "source" in _[1]]
    assert sorted(named) == sorted([*BAD_FILES, "dangling.md"])
    assert (Path(app.outdir) / "essays" / "readable.html").is_file()


def test_a_bib_file_in_another_encoding_is_named_with_its_fix(make_app, broken_srcdir):
    (broken_srcdir / "essays" / "refs.bib").write_bytes(
        "@book{thompson,\n  author = {Thompson, E. P.},\n  title = {La Formation de la "
        "classe ouvrière anglaise},\n  publisher = {Gallimard},\n  year = {1988}\n}\n".encode(
            "latin-1"
        )
    )
    app = make_app("html", srcdir=broken_srcdir)
    app.build()
    bib = [w for w in warnings_of(app) if w[0] == "essays/refs.bib"]
    assert len(bib) == 1
    assert bib[0][1:3] == (3, "presswork.source.encoding")
    assert "iconv -f CP1252 -t UTF-8" in bib[0][3]


def test_utf8_with_a_byte_order_mark_is_text():
    assert decode_source("\ufeff# Title\n".encode(), "x.md") == "# Title\n"


def test_the_detector_tells_encodings_apart():
    assert likely_encoding(FRENCH.encode("latin-1")) == "cp1252"
    assert likely_encoding(RUSSIAN.encode("cp1251")) == "cp1251"
    assert likely_encoding(FRENCH.encode("utf-16-le")) == "utf_16_le"
    assert likely_encoding(bytes(range(256)) * 8) is None


def test_a_nul_byte_makes_a_file_unreadable_even_when_it_decodes():
    result = decode_source(b"# Title\n\x00\x00binary tail", "x.md")
    assert isinstance(result, Unreadable)
    assert result.line == 2
    assert result.subtype in (Subtype.SOURCE_BINARY, Subtype.SOURCE_ENCODING)
