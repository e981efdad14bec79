"""One EPUB per essay, made with ebooklib from the pages of the collection's EPUB."""

from __future__ import annotations

import hashlib
import re
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ebooklib import epub

from presswork.epub.cover import cover_svg, write_cover
from presswork.epub.package import accessibility, page_file
from presswork.essays.config import essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.nodes import join_names
from presswork.latex.config import latex_config
from presswork.outputs import TEMPORARY_SUFFIX, OutputRecord, output_name, replacing
from presswork.taxonomy.domain import taxonomy_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from presswork.essays.model import Essay

ESSAY_FOLDER = "essays"
ESSAY_SUFFIX = ".epub"
RECORD = ".presswork-essay-epubs.json"
CSS_URL = re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)")
BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
LINK = re.compile(r'<a\b([^>]*?)\bhref="(?!#|https?:|mailto:)[^"]*"([^>]*)>(.*?)</a>', re.DOTALL)
STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="([^"]+)"')
IMAGE_SOURCE = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"')
UNSAFE_IN_LINKS = re.compile(r'[\x00-\x20"#%<>?\[\\\]^`{|}]')


def essay_epub_folder(outdir: Path) -> Path:
    """Inside the EPUB output folder: ``_build/epub/essays/``."""
    return outdir / ESSAY_FOLDER


def essay_epub_name(app: Sphinx, docname: str) -> str:
    """An essay's EPUB, relative to the folder of essay EPUBs: ``a/intro.epub``."""
    return output_name(docname, essays_config(app.config).essays_dir, ESSAY_SUFFIX)


def prepare_epub_folder(app: Sphinx, builder: Builder) -> None:
    """Before Sphinx packs its output folder: the generated cover in, presswork's own files out.

    Sphinx's EPUB builder packs every file of its output folder. The generated cover goes into
    ``_static`` there (never into the source folder). The essays' EPUBs, their record, any
    temporary file left by a crash, and the doctrees when they live inside the output folder
    (``sphinx-build -b epub src out``) are not part of the collection: they go into
    ``epub_exclude_files`` for this build only. The environment is already saved by then, so the
    setting does not make the next build read everything again.
    """
    if builder.name != "epub":
        return
    outdir = Path(app.outdir)
    config = app.config
    if not config.presswork_cover:
        write_cover(outdir / "_static", str(config.project), latex_config(config).editors)
    doctrees = Path(app.doctreedir)
    own = [
        str(path.relative_to(outdir))
        for path in outdir.rglob("*")
        if path.suffix == ESSAY_SUFFIX
        or path.name == RECORD
        or (path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX))
        or doctrees in path.parents
    ]
    if own:
        config.epub_exclude_files = [*config.epub_exclude_files, *sorted(own)]


def essay_epubs(app: Sphinx, exception: Exception | None) -> None:
    """After the collection's EPUB, write essays/<name>.epub for every essay that changed."""
    if exception is not None or app.builder.name != "epub":
        return
    outdir = Path(app.outdir)
    collection = outdir / f"{app.config.epub_basename}.epub"
    if not collection.is_file():
        return
    with zipfile.ZipFile(collection) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    record = OutputRecord.load(essay_epub_folder(outdir), RECORD)
    for essay in essays_domain(app.env).newest_first():
        page = page_file(f"{essay.docname}.xhtml")
        if page not in files:
            continue
        book = essay_book(app, essay, page, files)
        target = record.claim(essay_epub_name(app, essay.docname), book_digest(book))
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            with replacing(target) as temporary:
                epub.write_epub(str(temporary), book)
    record.finish()


def book_digest(book: epub.EpubBook) -> str:
    """Everything a book holds, as a digest: it is written again only when that changes."""
    spine = [getattr(item, "file_name", item) for item in book.spine]
    toc = [(link.href, link.title) for link in book.toc]
    digest = hashlib.sha256(repr((book.uid, book.metadata, spine, toc)).encode())
    for item in book.get_items():
        digest.update(f"\0{item.file_name}\0".encode())
        content = item.get_content()
        digest.update(content if isinstance(content, bytes) else str(content).encode())
    return digest.hexdigest()


def keep_inside(html: str) -> str:
    """Links to pages outside this essay become plain text; links within it stay."""
    return LINK.sub(r"<span\1\2>\3</span>", html)


def essay_book(app: Sphinx, essay: Essay, page: str, files: dict[str, bytes]) -> epub.EpubBook:
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
    images = add_pages_files(book, page, html, files)
    for prop, values in accessibility({page: html}, images).items():
        for value in values:
            book.add_metadata(None, "meta", value, {"property": prop})
    byline = join_names(list(essay.author_names))
    book.set_cover("cover.svg", cover_svg(essay.display_title, byline).encode(), create_page=False)
    chapter = epub.EpubHtml(title=essay.display_title, file_name=book_page(page), lang=language)
    body = BODY.search(html)
    inside = keep_inside(body.group(1) if body else html)
    chapter.content = f"<html><head></head><body>{inside}</body></html>"
    base = page.rsplit("/", 1)[0] if "/" in page else ""
    for href in STYLESHEET.findall(html):
        if normalise(base, href) in files:
            chapter.add_link(href=href, rel="stylesheet", type="text/css")
    book.add_item(chapter)
    book.toc = [epub.Link(book_page(page), essay.display_title, "essay")]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [chapter]
    return book


def add_pages_files(
    book: epub.EpubBook, page: str, html: str, files: dict[str, bytes]
) -> dict[str, bytes]:
    """Add the page's stylesheets, what they use, and its images; return the images."""
    base = page.rsplit("/", 1)[0] if "/" in page else ""
    images: dict[str, bytes] = {}
    for number, href in enumerate(STYLESHEET.findall(html)):
        name = normalise(base, href)
        if name in files:
            style = epub.EpubItem(
                uid=f"css{number}", file_name=name, media_type="text/css", content=files[name]
            )
            book.add_item(style)
            folder = name.rsplit("/", 1)[0]
            for number_in_css, url in enumerate(CSS_URL.findall(files[name].decode("utf-8"))):
                asset = normalise(folder, url)
                if asset in files and not url.startswith("data:") and asset not in images:
                    images[asset] = files[asset]
                    book.add_item(
                        epub.EpubImage(
                            uid=f"asset{number}-{number_in_css}",
                            file_name=asset,
                            content=files[asset],
                        )
                    )
    for number, source in enumerate(dict.fromkeys(IMAGE_SOURCE.findall(html))):
        name = normalise(base, source)
        if name in files and name not in images:
            images[name] = files[name]
            book.add_item(epub.EpubImage(uid=f"image{number}", file_name=name, content=files[name]))
    return images


def book_page(page: str) -> str:
    """The page's name in its own book: characters a link would have to escape become ``_``.

    ebooklib writes file names into links as they are; the folders stay, so that the page's
    relative links to images and stylesheets still hold.
    """
    return "/".join(UNSAFE_IN_LINKS.sub("_", part) for part in page.split("/"))


def normalise(base: str, href: str) -> str:
    """A relative link from a page in ``base`` as a path inside the EPUB."""
    href = unquote(href)
    parts = [*base.split("/"), *href.split("/")] if base else href.split("/")
    resolved: list[str] = []
    for part in parts:
        if part == "..":
            if resolved:
                resolved.pop()
        elif part not in ("", "."):
            resolved.append(part)
    return "/".join(resolved)
