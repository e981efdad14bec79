"""Download links on the site: present when the EPUB and PDF exist, and every one resolves."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, TESTS, needs_browser
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from presswork.latex.pdf import build_pdfs


def build(builder: str, source: Path, builddir: Path, warnings: list[str] | None = None) -> Path:
    app = SphinxTestApp(builder, srcdir=source, builddir=builddir)
    try:
        app.build()
    finally:
        app.cleanup()
    if warnings is not None:
        warnings += strip_escape_sequences(app.warning.getvalue()).splitlines()
    return Path(app.outdir)


def rendered_dom(url: str) -> str:
    """The page as headless Chromium renders it."""
    assert CHROMIUM, "Chromium is missing: scripts/system-deps installs it"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout


def serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def every_format(root: Path, testroot: str) -> tuple[Path, Path]:
    """The test root as EPUB, PDF and then the site; (source folder, build folder)."""
    source = root / "src"
    shutil.copytree(TESTS / "roots" / testroot, source)
    builddir = root / "_build"
    build("epub", source, builddir)
    assert build_pdfs(build("latex", source, builddir)) == 0
    return source, builddir


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    source, builddir = every_format(tmp_path_factory.mktemp("downloads"), "test-pdf")
    html = build("html", source, builddir)
    server = serve(html)
    yield f"http://127.0.0.1:{server.server_address[1]}", html
    server.shutdown()


@needs_browser
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("index.html", ["downloads/collection.epub", "downloads/collection.pdf"]),
        (
            "essays/special.html",
            [
                "../downloads/essays/special.epub",
                "../downloads/essays/special.pdf",
                "../downloads/collection.epub",
                "../downloads/collection.pdf",
            ],
        ),
    ],
)
def test_every_download_link_resolves(site, page, expected):
    base, _ = site
    dom = rendered_dom(f"{base}/{page}")
    links = re.findall(r'<a class="reference download" href="([^"]+)"', dom)
    assert links == expected
    folder = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    for link in links:
        with urllib.request.urlopen(f"{base}/{folder}{link}") as response:
            assert response.status == 200
            assert len(response.read()) > 1000


def test_no_link_when_nothing_was_built(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    html = build("html", source, tmp_path / "_build")
    assert "presswork-downloads" not in (html / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    """The outputs root in every format: essays in folders, and names a URL must escape."""
    return every_format(tmp_path_factory.mktemp("names"), "test-outputs")


def links_on(dom: str) -> list[str]:
    return re.findall(r'<a class="reference download" href="([^"]+)"', dom)


@needs_browser
@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("essays/a/intro.html", "a/intro"),
        ("essays/b/intro.html", "b/intro"),
        (f"essays/{quote('café')}.html", "café"),
        (f"essays/{quote('odd%#{_}')}.html", "odd%#{_}"),
        (f"essays/{quote('über uns')}.html", "über uns"),
    ],
)
def test_each_essay_links_its_own_books(names, page, name):
    source, builddir = names
    html = builddir / "html"
    if not (html / "index.html").is_file():
        build("html", source, builddir)
    server = serve(html)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        links = links_on(rendered_dom(f"{base}/{page}"))
        up = "../" * page.count("/")
        assert links[:2] == [
            f"{up}downloads/essays/{quote(name)}.epub",
            f"{up}downloads/essays/{quote(name)}.pdf",
        ]
        folder = page.rsplit("/", 1)[0]
        for link, original in zip(links[:2], ("epub", "latex"), strict=True):
            with urllib.request.urlopen(f"{base}/{folder}/{link}") as response:
                served = response.read()
            kind = "epub/essays" if original == "epub" else "latex/essays"
            suffix = ".epub" if original == "epub" else ".pdf"
            assert served == (builddir / kind / f"{name}{suffix}").read_bytes()
    finally:
        server.shutdown()


def test_downloads_keep_what_others_put_there_and_never_reach_outside(names):
    source, builddir = names
    build("html", source, builddir)
    downloads = builddir / "html" / "downloads"
    notes = downloads / "notes.txt"
    notes.write_text("a file the editors put here", encoding="utf-8")
    theirs = downloads / "collection.pdf"  # presswork copied it there; now it is theirs
    theirs.write_bytes(b"%PDF- the editors' own PDF")
    warnings: list[str] = []
    build("html", source, builddir, warnings)
    assert notes.read_text(encoding="utf-8") == "a file the editors put here"
    assert theirs.read_bytes() == b"%PDF- the editors' own PDF"  # not overwritten
    assert [line for line in warnings if "presswork.output.collision" in line]
    assert (downloads / "essays" / "a" / "intro.pdf").is_file()
    assert (downloads / "essays" / "b" / "intro.epub").is_file()
    precious = builddir.parent / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    record = downloads / ".presswork-downloads.json"
    entries = json.loads(record.read_text(encoding="utf-8"))
    entries["../../../precious.txt"] = "forged"
    entries["notes.txt"] = "forged"  # a record may also claim a file that is no longer built
    record.write_text(json.dumps(entries), encoding="utf-8")
    (builddir / "latex" / "essays" / "b" / "intro.pdf").unlink()  # an offprint goes
    warnings.clear()
    build("html", source, builddir, warnings)
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert [line for line in warnings if "presswork.output.path" in line]
    assert not (downloads / "essays" / "b" / "intro.pdf").exists()
    assert (downloads / "essays" / "a" / "intro.pdf").is_file()
    assert not list(downloads.rglob("*.tmp"))
