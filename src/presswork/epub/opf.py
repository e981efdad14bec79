"""The e-book's package document and NCX, changed as XML: metadata, cover, spine, identifier."""

from __future__ import annotations

from urllib.parse import unquote

from lxml import etree

from presswork.epub.navigation import PARSER, serialise

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
NS = {"opf": OPF, "dc": DC, "ncx": NCX}
# What Sphinx writes when a value is not set; a package should leave such a value out instead.
UNSET = "unknown"
SPHINX_ID = "epub-"  # the ids Sphinx gives manifest items, in the order it finds their files


def drop_unset(metadata: etree._Element) -> None:
    """Sphinx's own first creator (presswork names every creator), and values never set."""
    creator = metadata.find("dc:creator", NS)
    if creator is not None:
        metadata.remove(creator)
    for element in list(metadata.iterfind("dc:*", NS)):
        name = etree.QName(element).localname
        text = (element.text or "").strip()
        if not text or (name in ("description", "contributor") and text == UNSET):
            metadata.remove(element)


def add_metadata(metadata: etree._Element, fragment: str) -> None:
    """Append presswork's metadata elements, given as the text of a ``<metadata>`` body."""
    wrapper = etree.fromstring(
        f'<metadata xmlns="{OPF}" xmlns:dc="{DC}">{fragment}</metadata>', PARSER
    )
    for element in wrapper:
        metadata.append(element)


def mark_cover_image(package: etree._Element) -> None:
    """The item the ``cover`` meta names is the cover image (``properties="cover-image"``)."""
    meta = package.find(".//opf:metadata/opf:meta[@name='cover']", NS)
    if meta is None:
        return
    for item in package.iterfind(".//opf:manifest/opf:item", NS):
        if item.get("id") == meta.get("content"):
            item.set("properties", "cover-image")


def mend_spine(package: etree._Element, ids: dict[str, str]) -> None:
    """Give each page of the spine the id its file has in the manifest.

    Sphinx gives a page whose name is not plain ASCII two ids, one for its file name (in the
    manifest) and one for its link (``caf%C3%A9.xhtml``, in the spine): the spine then points
    nowhere and the page comes again, out of reading order, at its end.
    """
    manifest = {item.get("id") for item in package.iterfind(".//opf:manifest/opf:item", NS)}
    spine = package.find(".//opf:spine", NS)
    if spine is None:
        return
    for name, ident in ids.items():
        real = ids.get(unquote(name))
        if ident in manifest or real not in manifest or real == ident:
            continue
        for ref in list(spine.iterfind("opf:itemref", NS)):
            if ref.get("idref") == real and ref.get("linear") == "no":
                remove(ref)
            elif ref.get("idref") == ident:
                ref.set("idref", str(real))


def drop_repeated_itemrefs(package: etree._Element) -> None:
    """Keep each page once in the spine, where it first comes.

    A page Sphinx makes itself (the cover page) is already in the output folder at a rebuild,
    so Sphinx lists it twice: first, and again at the end as a page out of the reading order.
    """
    seen: set[str] = set()
    for ref in list(package.iterfind(".//opf:spine/opf:itemref", NS)):
        if ref.get("idref") in seen:
            remove(ref)
        seen.add(str(ref.get("idref")))


def settle_manifest(package: etree._Element) -> None:
    """The manifest in the order of its files, numbered in that order, whatever Sphinx found first.

    Sphinx numbers items as it finds their files, and at a rebuild finds its cover page before
    the rest: the same book would get another package document at every first rebuild.
    """
    manifest = package.find("opf:manifest", NS)
    if manifest is None:
        return
    found = list(manifest.iterfind("opf:item", NS))
    spacing = [item.tail for item in found]  # the layout stays where it was, the items move
    items = sorted(found, key=lambda item: item.get("href") or "")
    renamed: dict[str, str] = {}
    for number, item in enumerate(items):
        manifest.remove(item)
        manifest.append(item)
        item.tail = spacing[number]
        old = item.get("id") or ""
        if old.startswith(SPHINX_ID):
            renamed[old] = f"{SPHINX_ID}{number}"
            item.set("id", renamed[old])
    for ref in package.iterfind(".//opf:spine/opf:itemref", NS):
        ref.set("idref", renamed.get(ref.get("idref") or "", ref.get("idref") or ""))
    for meta in package.iterfind(".//opf:metadata/opf:meta[@name='cover']", NS):
        meta.set("content", renamed.get(meta.get("content") or "", meta.get("content") or ""))


def remove(element: etree._Element) -> None:
    """Take an element out; a last one leaves its closing layout to the one before it."""
    before = element.getprevious()
    if element.getnext() is None and before is not None:
        before.tail = element.tail
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def point_guide(package: etree._Element, kind: str, page: str) -> None:
    """Point the package's EPUB 2 guide reference of one kind at ``page``."""
    for reference in package.iterfind(f".//opf:guide/opf:reference[@type='{kind}']", NS):
        reference.set("href", page)


def finish_package(opf: bytes, metadata: str, ids: dict[str, str], contents: str) -> bytes:
    """The package document with presswork's metadata, its cover image and a sound spine."""
    package = etree.fromstring(opf, PARSER)
    element = package.find("opf:metadata", NS)
    if element is not None:
        drop_unset(element)
        etree.cleanup_namespaces(package)  # Sphinx's unused ``opf:`` prefix would name ours
        add_metadata(element, metadata)
    mark_cover_image(package)
    mend_spine(package, ids)
    drop_repeated_itemrefs(package)
    settle_manifest(package)
    point_guide(package, "toc", contents)
    return serialise(package)


def identifier_of(opf: bytes) -> str:
    """The book's unique identifier, as the package names it."""
    package = etree.fromstring(opf, PARSER)
    unique = package.get("unique-identifier")
    for identifier in package.iterfind(".//opf:metadata/dc:identifier", NS):
        if identifier.get("id") == unique:
            return (identifier.text or "").strip()
    return ""


def set_ncx_uid(ncx: bytes, identifier: str) -> bytes:
    """The NCX names the same book as the package (EPUBCheck checks they agree)."""
    root = etree.fromstring(ncx, PARSER)
    for meta in root.iterfind(".//ncx:head/ncx:meta[@name='dtb:uid']", NS):
        meta.set("content", identifier)
    return serialise(root)
