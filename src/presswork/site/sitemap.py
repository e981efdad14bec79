"""sitemap.xml: every page of the site at its canonical address, for search engines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from presswork.outputs import is_web_build, write_atomically

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pages that are not content: a search engine has nothing to find on them.
LEFT_OUT = frozenset({"search", "genindex", "404", "py-modindex"})
GENERATED = "presswork_generated_pages"
GENERATED_RECORD = ".presswork-generated-pages.json"


def note_generated_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Remember the pages extensions generate (term pages, archive years): no source has them."""
    if doctree is None and is_web_build(app.builder):
        getattr(app.builder, GENERATED).add(pagename)


def start_sitemap(app: Sphinx) -> None:
    """Begin the build's list of generated pages (they are all written again every build)."""
    setattr(app.builder, GENERATED, set())


def generated_pages(app: Sphinx) -> set[str]:
    """Generated pages written now or at an earlier build (unchanged ones are not written again)."""
    outdir = Path(app.outdir)
    record = outdir / GENERATED_RECORD
    try:
        earlier = set(json.loads(record.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        earlier = set()
    pages = {
        page
        for page in earlier | getattr(app.builder, GENERATED)
        if isinstance(page, str) and (outdir / app.builder.get_target_uri(page)).is_file()
    }
    data = json.dumps(sorted(pages), indent=0).encode()
    if not record.is_file() or record.read_bytes() != data:
        write_atomically(record, data)
    return pages


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Write sitemap.xml when the site has an address and its list of pages changed."""
    base = app.config.html_baseurl
    if exception is not None or not is_web_build(app.builder) or not base:
        return
    pages = set(app.env.found_docs) | generated_pages(app)
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for pagename in sorted(pages - LEFT_OUT):
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = base + app.builder.get_target_uri(
            pagename
        )
    ET.indent(urlset)
    data = ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
    target = Path(app.outdir) / SITEMAP
    if not target.is_file() or target.read_bytes() != data:
        write_atomically(target, data)
