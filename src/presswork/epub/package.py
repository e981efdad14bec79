"""Finish Sphinx's EPUB: creators with roles, subjects, accessibility metadata, valid markup."""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from PIL import Image

from presswork.diagnostics import Subtype, warn
from presswork.epub.frontpages import COPYRIGHT_PAGE, EPUB_SUFFIX, TITLE_PAGE
from presswork.epub.navigation import add_landmarks, group_parts
from presswork.epub.opf import finish_package, identifier_of, set_ncx_uid
from presswork.epub.pages import finish_page
from presswork.essays.domain import essays_domain
from presswork.essays.running_order import essays_in_running_order, running_order
from presswork.latex.config import latex_config
from presswork.outputs import replacing
from presswork.taxonomy.domain import taxonomy_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r'\balt="([^"]*)"')
SUMMARY = "Text with a table of contents, headings and a logical reading order. {images}{hazards}"
NO_HAZARDS = "No flashing, motion or sound hazards."
UNKNOWN_HAZARDS = (
    "It has video, sound or moving images; whether they flash or move too fast is not known."
)
# Elements that play sound or moving pictures; with any of them a hazard cannot be ruled out.
MEDIA = re.compile(r"<(?:video|audio|object|embed)\b", re.IGNORECASE)
IMAGE_SUFFIXES = frozenset({".gif", ".png", ".apng", ".webp", ".jpg", ".jpeg", ".svg"})
SVG_MOTION = re.compile(rb"<(?:animate\w*|set)\b|@keyframes", re.IGNORECASE)


def creators(app: Sphinx) -> list[tuple[str, str]]:
    """(name, MARC relator): the editors, then every essay's authors, each once."""
    people = [
        (name.strip(), "edt") for name in re.split(r",| and ", latex_config(app.config).editors)
    ]
    for essay in essays_domain(app.env).newest_first():
        people += [(name, "aut") for name in essay.author_names]
    seen: dict[str, str] = {}
    for name, role in people:
        if name and name not in seen:
            seen[name] = role
    return list(seen.items())


def moves(name: str, data: bytes) -> bool:
    """Whether an image can move: an animated GIF, PNG or WebP, an SVG with animation.

    An image that cannot be read cannot be said not to move.
    """
    if name.lower().endswith(".svg"):
        return SVG_MOTION.search(data) is not None
    try:
        with Image.open(io.BytesIO(data)) as image:
            return bool(getattr(image, "is_animated", False))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return True


def hazards_unknown(pages: dict[str, str], images: dict[str, bytes]) -> bool:
    """Whether any page plays video or sound or shows an image that moves."""
    return any(MEDIA.search(text) for text in pages.values()) or any(
        moves(name, data) for name, data in images.items()
    )


def images_of(members: dict[str, bytes]) -> dict[str, bytes]:
    """The images among a book's files."""
    return {
        name: data for name, data in members.items() if Path(name).suffix.lower() in IMAGE_SUFFIXES
    }


def accessibility(pages: dict[str, str], images: dict[str, bytes]) -> dict[str, list[str]]:
    """What the book can honestly claim, read from its own pages and images."""
    shown = [tag for text in pages.values() for tag in IMAGE.findall(text)]
    described = [tag for tag in shown if (alt := ALT.search(tag)) and alt.group(1).strip()]
    all_described = bool(shown) and len(described) == len(shown)
    modes = ["textual", "visual"] if shown else ["textual"]
    sufficient = ["textual"] if not shown or all_described else ["textual,visual"]
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if all_described:
        features.append("alternativeText")
    if shown:
        note = (
            "Every image has a text alternative. "
            if all_described
            else ("Some images have no text alternative. ")
        )
    else:
        note = "There are no images. "
    unknown = hazards_unknown(pages, images)
    return {
        "schema:accessMode": modes,
        "schema:accessModeSufficient": sufficient,
        "schema:accessibilityFeature": features,
        "schema:accessibilityHazard": ["unknown" if unknown else "none"],
        "schema:accessibilitySummary": [
            SUMMARY.format(images=note, hazards=UNKNOWN_HAZARDS if unknown else NO_HAZARDS)
        ],
    }


def metadata_xml(app: Sphinx, pages: dict[str, str], images: dict[str, bytes]) -> str:
    """The metadata presswork adds to the package document."""
    lines = []
    for number, (name, role) in enumerate(creators(app), 1):
        lines.append(f'<dc:creator id="creator{number}">{escape(name)}</dc:creator>')
        lines.append(
            f'<meta refines="#creator{number}" property="role" scheme="marc:relators">{role}</meta>'
        )
    taxonomy = taxonomy_domain(app.env).taxonomy
    for term in taxonomy.in_reading_order(taxonomy.used("tags")):
        lines.append(f"<dc:subject>{escape(term.name)}</dc:subject>")
    for prop, values in accessibility(pages, images).items():
        lines += [f'<meta property="{prop}">{escape(value)}</meta>' for value in values]
    return "\n    ".join(lines)


def landmarks(app: Sphinx) -> list[tuple[str, str, str]]:
    """Where a reader's "go to" menu leads: the front pages, the contents, the first essay.

    The home page lists every essay, so it is the contents landmark (the navigation document
    itself is not in the spine, which EPUBCheck requires of a landmark's target).
    """
    essays = essays_in_running_order(app.env)
    return [
        ("cover", "Cover", str(getattr(app.builder, "coverpage_name", ""))),
        ("titlepage", "Title page", TITLE_PAGE + EPUB_SUFFIX),
        ("copyright-page", "Copyright", COPYRIGHT_PAGE + EPUB_SUFFIX),
        ("toc", "Contents", app.config.root_doc + EPUB_SUFFIX),
        ("bodymatter", "Essays", essays[0] + EPUB_SUFFIX if essays else ""),
    ]


def page_file(name: str) -> str:
    """A page's file name in the books: spaces become ``_`` (EPUBCheck warns of spaces)."""
    return name.replace(" ", "_")


def rename_spaced_files(members: dict[str, bytes]) -> dict[str, bytes]:
    """Rename the files whose names have spaces, and every link to them."""
    renamed = {
        name: page_file(name) for name in members if " " in name and page_file(name) not in members
    }
    texts = (".xhtml", ".opf", ".ncx", ".css", ".html")
    result = {}
    for name, data in members.items():
        text = data.decode("utf-8") if name.endswith(texts) and renamed else ""
        for old, new in renamed.items() if text else ():
            before, after = quote(PurePosixPath(old).name), quote(PurePosixPath(new).name)
            text = re.sub(rf'(?<=["/]){re.escape(before)}(?=["#])', after, text)
        result[renamed.get(name, name)] = text.encode("utf-8") if text else data
    return result


def page_languages(app: Sphinx) -> dict[str, str]:
    """Each essay page's language, from its front matter."""
    return {
        essay.docname: essay.meta.lang
        for essay in essays_domain(app.env).essays.values()
        if essay.meta.lang
    }


def finish_epub(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the .epub Sphinx made, with presswork's metadata and valid markup."""
    if exception is not None or app.builder.name != "epub":
        return
    book = Path(app.outdir) / f"{app.config.epub_basename}.epub"
    if book.is_file():
        rewrite(app, book)


def rewrite(app: Sphinx, book: Path) -> None:
    """Read every member, fix the package document and pages as XML, and zip them again."""
    with zipfile.ZipFile(book) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    pages = {
        name: data.decode("utf-8") for name, data in members.items() if name.endswith(".xhtml")
    }
    languages = page_languages(app)
    for name in pages:
        language = languages.get(name.removesuffix(".xhtml"), app.config.language or "en")
        members[name], problem = finish_page(members[name], language)
        if problem:
            warn(
                Subtype.EPUB_MARKUP,
                f"the e-book's page was not well-formed XHTML and was repaired ({problem})",
                name.removesuffix(".xhtml"),
            )
    metadata = metadata_xml(app, pages, images_of(members))
    ids = dict(getattr(app.builder, "id_cache", {}))
    contents = app.config.root_doc + EPUB_SUFFIX
    opf = finish_package(members["content.opf"], metadata, ids, contents)
    members["content.opf"] = opf
    if "nav.xhtml" in members:
        nav = add_landmarks(members["nav.xhtml"], opf, landmarks(app))
        members["nav.xhtml"] = group_parts(nav, running_order(app.env))
    identifier = identifier_of(opf)
    if identifier and "toc.ncx" in members:
        members["toc.ncx"] = set_ncx_uid(members["toc.ncx"], identifier)
    write_book(book, rename_spaced_files(members))


def write_book(book: Path, members: dict[str, bytes]) -> None:
    """Zip the members as an EPUB, under a temporary name renamed over ``book`` once whole."""
    with replacing(book) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        archive.writestr("mimetype", members.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
