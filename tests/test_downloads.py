"""Download links on the site: present when the EPUB and PDF exist, and every one resolves."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest
from conftest import TESTS
from sphinx.testing.util import SphinxTestApp

from presswork.latex.pdf import build_pdfs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
# Outside CI, a machine without Chromium skips the browser test; in CI it must run.
NO_BROWSER = shutil.which(CHROMIUM) is None and not os.environ.get("CI")


def build(builder: str, source: Path, builddir: Path) -> Path:
    app = SphinxTestApp(builder, srcdir=source, builddir=builddir)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


def rendered_dom(url: str) -> str:
    """The page as headless Chromium renders it."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("downloads")
    source = root / "src"
    shutil.copytree(TESTS / "roots" / "test-pdf", source)
    builddir = root / "_build"
    build("epub", source, builddir)
    assert build_pdfs(build("latex", source, builddir)) == 0
    html = build("html", source, builddir)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", html
    server.shutdown()


@pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (scripts/system-deps installs it)"
)
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
