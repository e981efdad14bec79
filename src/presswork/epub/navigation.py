"""The e-book's navigation document, changed as XML: the book's parts around their essays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from presswork.essays.running_order import Part

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
NS = {"x": XHTML, "epub": OPS, "opf": OPF}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def page_of(docname: str) -> str:
    """The page an essay is in the e-book, as the navigation links to it."""
    return f"{docname}.xhtml"


def group_parts(nav: bytes, parts: list[Part]) -> bytes:
    """Put each titled part's essays under a heading of their own in the table of contents.

    EPUB 3 lets a list item be a heading (a ``span``) followed by its list; the part's entry
    stands where its first essay stood.
    """
    titled = [part for part in parts if part.title]
    if not titled:
        return nav
    root = etree.fromstring(nav, PARSER)
    toc = root.find(".//x:nav[@epub:type='toc']/x:ol", NS)
    if toc is None:
        return nav
    items = {
        item.find("x:a", NS).get("href"): item
        for item in toc.findall("x:li", NS)
        if item.find("x:a", NS) is not None
    }
    for part in titled:
        members = [items[page_of(name)] for name in part.docnames if page_of(name) in items]
        if not members:
            continue
        entry = etree.Element(f"{{{XHTML}}}li")
        heading = etree.SubElement(entry, f"{{{XHTML}}}span")
        heading.text = part.title
        inner = etree.SubElement(entry, f"{{{XHTML}}}ol")
        members[0].addprevious(entry)
        for member in members:
            inner.append(member)
    return serialise(root)


def serialise(root: etree._Element) -> bytes:
    """An XML document as bytes, with its declaration and doctype."""
    written: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")
    return written


def spine_pages(opf: bytes) -> list[str]:
    """The pages of the reading order, as the package document lists them."""
    package = etree.fromstring(opf, PARSER)
    items = {item.get("id"): item.get("href") for item in package.iterfind(".//opf:item", NS)}
    refs = [ref.get("idref") for ref in package.iterfind(".//opf:itemref", NS)]
    return [items[ref] for ref in refs if ref in items]


def add_landmarks(nav: bytes, opf: bytes, landmarks: list[tuple[str, str, str]]) -> bytes:
    """Landmarks for reading systems: (``epub:type``, label, page) for each that is in the spine.

    EPUBCheck requires a landmark's target to be in the spine; one that is not is left out.
    """
    root = etree.fromstring(nav, PARSER)
    body = root.find("x:body", NS)
    if body is None or root.find(".//x:nav[@epub:type='landmarks']", NS) is not None:
        return nav
    pages = set(spine_pages(opf))
    element = etree.SubElement(body, f"{{{XHTML}}}nav", {f"{{{OPS}}}type": "landmarks"})
    element.set("id", "landmarks")
    element.set("hidden", "hidden")
    etree.SubElement(element, f"{{{XHTML}}}h2").text = "Landmarks"
    listed = etree.SubElement(element, f"{{{XHTML}}}ol")
    for kind, label, page in landmarks:
        if page in pages:
            link = etree.SubElement(etree.SubElement(listed, f"{{{XHTML}}}li"), f"{{{XHTML}}}a")
            link.set(f"{{{OPS}}}type", kind)
            link.set("href", page)
            link.text = label
    return serialise(root)
