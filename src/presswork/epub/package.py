"""Finish Sphinx's EPUB: creators with roles, subjects, accessibility metadata, valid markup."""

from __future__ import annotations

import re
import zipfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from presswork.epub.languages import tag_page
from presswork.essays.domain import essays_domain
from presswork.latex.config import latex_config
from presswork.taxonomy.domain import taxonomy_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r'\balt="([^"]*)"')
DEPRECATED_ROLE = re.compile(r'\s+role="doc-biblioentry"')
UNKNOWN = re.compile(r"\s*<dc:(description|contributor)>unknown</dc:\1>|\s*<dc:(\w+)>\s*</dc:\2>")
CREATOR = re.compile(r"\s*<dc:creator>.*?</dc:creator>")
IDENTIFIER = re.compile(r"<dc:identifier[^>]*>([^<]+)</dc:identifier>")
NCX_UID = re.compile(r'<meta name="dtb:uid" content="[^"]*"')
COVER_META = re.compile(r'<meta name="cover" content="([^"]+)"')
SPINE_REF = re.compile(r'<itemref idref="([^"]+)"')
ITEM = re.compile(r'<item id="([^"]+)" href="([^"]+)"')
FOOTNOTE = re.compile(r'(<aside class="footnote [^"]*"[^>]*role="doc-footnote")')
NOTEREF = re.compile(r'(<a class="footnote-reference[^"]*"[^>]*role="doc-noteref")')
SUMMARY = (
    "Text with a table of contents, headings and a logical reading order. {images}"
    "No flashing, motion or sound hazards."
)


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


def accessibility(pages: dict[str, str]) -> dict[str, list[str]]:
    """What the book can honestly claim, read from its own pages."""
    images = [tag for text in pages.values() for tag in IMAGE.findall(text)]
    described = [tag for tag in images if (alt := ALT.search(tag)) and alt.group(1).strip()]
    all_described = bool(images) and len(described) == len(images)
    modes = ["textual", "visual"] if images else ["textual"]
    sufficient = ["textual"] if not images or all_described else ["textual,visual"]
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if all_described:
        features.append("alternativeText")
    if images:
        note = (
            "Every image has a text alternative. "
            if all_described
            else ("Some images have no text alternative. ")
        )
    else:
        note = "There are no images. "
    return {
        "schema:accessMode": modes,
        "schema:accessModeSufficient": sufficient,
        "schema:accessibilityFeature": features,
        "schema:accessibilityHazard": ["none"],
        "schema:accessibilitySummary": [SUMMARY.format(images=note)],
    }


def metadata_xml(app: Sphinx, pages: dict[str, str]) -> str:
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
    for prop, values in accessibility(pages).items():
        lines += [f'<meta property="{prop}">{escape(value)}</meta>' for value in values]
    return "\n    ".join(lines)


def add_landmarks(nav: str, opf: str) -> str:
    """Landmarks for reading systems: the list of essays and where the essays begin.

    The home page lists every essay, so it is the contents landmark (the navigation document
    itself is not in the spine, which EPUBCheck requires of a landmark's target).
    """
    spine = [ref for ref in SPINE_REF.findall(opf)]
    items = dict(ITEM.findall(opf))
    pages = [items[ref] for ref in spine if ref in items]
    body = next((page for page in pages if page.startswith("essays/")), pages[0] if pages else "")
    landmarks = (
        '<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>Landmarks</h2><ol>'
        f'<li><a epub:type="toc" href="{escape(pages[0] if pages else "")}">Contents</a></li>'
        f'<li><a epub:type="bodymatter" href="{escape(body)}">Essays</a></li>'
        "</ol></nav>"
    )
    return nav.replace("</body>", landmarks + "\n</body>", 1) if "landmarks" not in nav else nav


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
    for book in Path(app.outdir).glob("*.epub"):
        rewrite(app, book)


def rewrite(app: Sphinx, book: Path) -> None:
    """Read every member, fix the package document and pages, and zip them again."""
    with zipfile.ZipFile(book) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    pages = {
        name: data.decode("utf-8") for name, data in members.items() if name.endswith(".xhtml")
    }
    languages = page_languages(app)
    for name, text in pages.items():
        notes = FOOTNOTE.sub(r'\1 epub:type="footnote"', DEPRECATED_ROLE.sub("", text))
        notes = NOTEREF.sub(r'\1 epub:type="noteref"', notes)
        language = languages.get(name.removesuffix(".xhtml"), app.config.language or "en")
        members[name] = tag_page(notes, language).encode("utf-8")
    opf = members["content.opf"].decode("utf-8")
    opf = UNKNOWN.sub("", CREATOR.sub("", opf, count=1))
    opf = opf.replace("</metadata>", "  " + metadata_xml(app, pages) + "\n  </metadata>", 1)
    cover = COVER_META.search(opf)
    if cover:
        opf = re.sub(
            rf'(<item id="{cover.group(1)}" [^>]*?)\s*/>', r'\1 properties="cover-image"/>', opf
        )
    members["content.opf"] = opf.encode("utf-8")
    if "nav.xhtml" in members:
        members["nav.xhtml"] = add_landmarks(members["nav.xhtml"].decode("utf-8"), opf).encode()
    identifier = IDENTIFIER.search(opf)
    if identifier and "toc.ncx" in members:
        ncx = members["toc.ncx"].decode("utf-8")
        ncx = NCX_UID.sub(f'<meta name="dtb:uid" content="{identifier.group(1)}"', ncx)
        members["toc.ncx"] = ncx.encode("utf-8")
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("mimetype", members.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
