"""One EPUB per essay, made with ebooklib from the pages of the collection's EPUB."""

from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ebooklib import epub

from presswork.epub.cover import cover_svg
from presswork.epub.package import accessibility
from presswork.essays.domain import essays_domain
from presswork.essays.nodes import join_names
from presswork.taxonomy.domain import taxonomy_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from presswork.essays.model import Essay

ESSAY_FOLDER = "epub-essays"
CSS_URL = re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)")
BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
LINK = re.compile(r'<a\b([^>]*?)\bhref="(?!#|https?:|mailto:)[^"]*"([^>]*)>(.*?)</a>', re.DOTALL)
STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="([^"]+)"')
IMAGE_SOURCE = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"')


def essay_epubs(app: Sphinx, exception: Exception | None) -> None:
    """After the collection's EPUB, write essays/<slug>.epub for every essay."""
    if exception is not None or app.builder.name != "epub":
        return
    outdir = Path(app.outdir)
    books = list(outdir.glob("*.epub"))
    if not books:
        return
    with zipfile.ZipFile(books[0]) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    folder = essay_epub_folder(outdir)
    folder.mkdir(exist_ok=True)
    for essay in essays_domain(app.env).newest_first():
        page = f"{essay.docname}.xhtml"
        if page in files:
            slug = essay.docname.rsplit("/", 1)[-1]
            write_essay_epub(app, essay, page, files, folder / f"{slug}.epub")


def essay_epub_folder(outdir: Path) -> Path:
    """Beside the EPUB output folder (whose files all go into the collection's EPUB)."""
    return outdir.parent / ESSAY_FOLDER


def keep_inside(html: str) -> str:
    """Links to pages outside this essay become plain text; links within it stay."""
    return LINK.sub(r"<span\1\2>\3</span>", html)


def write_essay_epub(
    app: Sphinx, essay: Essay, page: str, files: dict[str, bytes], target: Path
) -> None:
    """An essay as a book of its own: same page and stylesheet, its own cover and metadata."""
    config = app.config
    book = epub.EpubBook()
    name = f"{config.epub_identifier}/{essay.docname}"
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}")
    book.set_title(essay.display_title)
    language = essay.meta.lang or config.language or "en"
    book.set_language(language)
    for number, name in enumerate(essay.author_names, 1):
        book.add_author(name, uid=f"creator{number}", role="aut")
    if essay.meta.date:
        book.add_metadata("DC", "date", essay.meta.date.isoformat())
    if config.epub_publisher:
        book.add_metadata("DC", "publisher", str(config.epub_publisher))
    if config.epub_copyright:
        book.add_metadata("DC", "rights", str(config.epub_copyright))
    taxonomy = taxonomy_domain(app.env).taxonomy
    for written in essay.meta.tags:
        term = taxonomy.find("tags", written)
        book.add_metadata("DC", "subject", term.name if term else written)
    html = files[page].decode("utf-8")
    for prop, values in accessibility({page: html}).items():
        for value in values:
            book.add_metadata(None, "meta", value, {"property": prop})
    byline = join_names(list(essay.author_names))
    book.set_cover("cover.svg", cover_svg(essay.display_title, byline).encode(), create_page=False)
    chapter = epub.EpubHtml(title=essay.display_title, file_name=page, lang=language)
    body = BODY.search(html)
    inside = keep_inside(body.group(1) if body else html)
    chapter.content = f"<html><head></head><body>{inside}</body></html>"
    base = page.rsplit("/", 1)[0] if "/" in page else ""
    for number, href in enumerate(STYLESHEET.findall(html)):
        name = normalise(base, href)
        if name in files:
            style = epub.EpubItem(
                uid=f"css{number}", file_name=name, media_type="text/css", content=files[name]
            )
            book.add_item(style)
            chapter.add_link(href=href, rel="stylesheet", type="text/css")
            folder = name.rsplit("/", 1)[0]
            for number_in_css, url in enumerate(CSS_URL.findall(files[name].decode("utf-8"))):
                asset = normalise(folder, url)
                if asset in files and not url.startswith("data:"):
                    book.add_item(
                        epub.EpubImage(
                            uid=f"asset{number}-{number_in_css}",
                            file_name=asset,
                            content=files[asset],
                        )
                    )
    for number, source in enumerate(dict.fromkeys(IMAGE_SOURCE.findall(html))):
        name = normalise(base, source)
        if name in files:
            book.add_item(epub.EpubImage(uid=f"image{number}", file_name=name, content=files[name]))
    book.add_item(chapter)
    book.toc = [epub.Link(page, essay.display_title, "essay")]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [chapter]
    epub.write_epub(str(target), book)


def normalise(base: str, href: str) -> str:
    """A relative link from a page in ``base`` as a path inside the EPUB."""
    parts = [*base.split("/"), *href.split("/")] if base else href.split("/")
    resolved: list[str] = []
    for part in parts:
        if part == "..":
            if resolved:
                resolved.pop()
        elif part not in ("", "."):
            resolved.append(part)
    return "/".join(resolved)
