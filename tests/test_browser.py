"""The published site in a real browser: Chromium through Playwright, axe-core for accessibility.

The sample collection, with one long essay added and the user guide beside it, is served over
HTTP and opened at desktop and phone width, as readers open it.
"""

from __future__ import annotations

import functools
import http.server
import random
import shutil
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import CHROMIUM, CHROMIUM_FLAGS, PROJECT, build, needs_browser

from presswork.synthetic import paragraph, sentence

WIDTHS = (1366, 390)
PAGES = (
    "index.html",
    "essays/workers-of-all-countries-a-slogan-in-translation.html",
    "essays/a-long-essay.html",
    "tags/labour-history.html",
    "categories.html",
    "archive.html",
    "404.html",
    "guide/index.html",
)
SAMPLE_PARTS = (
    "conf.py",
    "index.md",
    "tags.md",
    "categories.md",
    "archive.md",
    "essays",
    "_static",
    "_templates",
    "docs",
)
SCREENSHOTS = PROJECT / "_build" / "screenshots"
# axe-core's full rule set, the experimental rules (label-content-name-mismatch) included.
AXE_OPTIONS = {
    "preload": False,  # axe fetches @import'ed stylesheets itself, and resolves them wrongly
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
            "experimental",
        ],
    },
}
BLOCKING = {"serious", "critical"}


def long_essay() -> str:
    """An essay of some 4,000 words: sections, notes, a quotation, a table and a long address."""
    rng = random.Random(7)
    sections = []
    for number in range(1, 11):
        body = "\n\n".join(paragraph(rng) for _ in range(5))
        sections.append(
            f"## Part {number}: {sentence(rng, 5)[:-1]}\n\n{body} See the note[^n{number}].\n\n"
            f"> {sentence(rng, 25)}\n"
        )
    notes = "\n".join(f"[^n{n}]: {sentence(rng, 12)}" for n in range(1, 11))
    table = "| Year | Members | Branches |\n|---|---|---|\n" + "\n".join(
        f"| {1880 + n} | {1000 * n} | {n * 3} |" for n in range(1, 8)
    )
    address = (
        "https://archive.example/" + "collections/" * 12 + "minutes-of-the-general-meeting.pdf"
    )
    return (
        "---\ntitle: A Long Essay\nauthors: [Test Reader]\ndate: 2025-06-01\n"
        "tags: [labour history]\ncategories: [History]\n"
        'abstract: "A long essay for the browser tests."\n---\n\n'
        + "\n".join(sections)
        + f"\n\n## Figures\n\n{table}\n\nThe minutes are at {address}.\n\n{notes}\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample plus a long essay, built as EPUB (for the downloads) and HTML, with the guide."""
    root = tmp_path_factory.mktemp("browser")
    source = root / "src"
    source.mkdir()
    for name in SAMPLE_PARTS:
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy
        copy(PROJECT / name, source / name)
    (source / "essays" / "a-long-essay.md").write_text(long_essay(), encoding="utf-8")
    builddir = root / "_build"
    build("epub", source, builddir=builddir)
    app, _ = build("html", source, builddir=builddir)
    outdir = Path(app.outdir)
    build("html", source / "docs", builddir=root / "guide-build")
    shutil.copytree(root / "guide-build" / "html", outdir / "guide")
    handler = functools.partial(QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", outdir
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A file server that keeps its request log to itself."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    return Axe()


@needs_browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_a_reader_sees_the_page_whole_and_without_errors(site, chromium, axe, path, width):
    base, _ = site
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    try:
        page.goto(base + path, wait_until="networkidle")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{path.replace('/', '_')[:-5]}-{width}.png")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        searches = page.locator(".search-button__button:visible").count()
        violations = axe.run(page, context="html", options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    assert problems == []
    assert scroll_width <= width, f"the page scrolls sideways by {scroll_width - width} px"
    assert searches == 1
    blocking = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]])
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == []


def test_every_internal_link_and_download_resolves(site):
    base, outdir = site
    checked = 0
    ids: dict[Path, set[str]] = {}
    for page in sorted(outdir.rglob("*.html")):
        url = urljoin(base, page.relative_to(outdir).as_posix())
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in soup.find_all("a", href=True):
            target, fragment = urldefrag(urljoin(url, anchor["href"]))
            if not target.startswith(base) or urlsplit(target).query:
                continue
            file = outdir / target.removeprefix(base)
            file = file / "index.html" if file.is_dir() else file
            assert file.is_file(), f"{page.name}: {anchor['href']} leads nowhere"
            if fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = {
                        tag["id"]
                        for tag in BeautifulSoup(file.read_text("utf-8"), "html.parser").find_all(
                            id=True
                        )
                    }
                assert fragment in ids[file], f"{page.name}: {anchor['href']} has no such place"
            checked += 1
    downloads = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser").select(
        "a.download"
    )
    assert downloads, "the home page offers the collection to download"
    assert checked > 500
