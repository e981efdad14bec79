"""An e-book page finished as XML: its language, its passages in other scripts, its notes."""

from __future__ import annotations

from lxml import etree

from presswork.epub.languages import RUNS, language_of_run
from presswork.epub.navigation import NS, OPS, PARSER, XHTML, serialise

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{OPS}}}type"
# Elements whose text is not prose in a language: scripts, styles, code.
NOT_PROSE = frozenset({"script", "style", "title", "code", "pre"})


def pieces(text: str, page_language: str) -> list[tuple[str | None, str]]:
    """The text cut into runs: (None, text) in the page's language, (lang, run) in another."""
    marks: list[tuple[int, int, str]] = []
    for lang, pattern in RUNS:
        for match in pattern.finditer(text):
            language = language_of_run(lang, match.group(0))
            if language != page_language.split("-", maxsplit=1)[0]:
                marks.append((match.start(), match.end(), language))
    marks.sort()
    result: list[tuple[str | None, str]] = []
    position = 0
    for start, end, language in marks:
        if start < position:
            continue  # a run already inside another script's run
        result += [(None, text[position:start]), (language, text[start:end])]
        position = end
    result.append((None, text[position:]))
    return [(lang, piece) for lang, piece in result if piece]


def span(language: str, run: str) -> etree._Element:
    """A span giving a run its language."""
    element = etree.Element(f"{{{XHTML}}}span", {"lang": language, XML_LANG: language})
    element.text = run
    return element


def mark_text(element: etree._Element, page_language: str) -> None:
    """Wrap each run in another script, in the element's own text, in a span with its lang."""
    cut = pieces(element.text or "", page_language)
    if not any(lang for lang, _ in cut):
        return
    element.text = cut[0][1] if cut[0][0] is None else ""
    rest = cut[1:] if cut[0][0] is None else cut
    at = 0
    for lang, run in rest:
        if lang is None:
            previous = element[at - 1]
            previous.tail = (previous.tail or "") + run
        else:
            element.insert(at, span(lang, run))
            at += 1


def mark_tail(element: etree._Element, page_language: str) -> None:
    """The same for the text that follows an element inside its parent."""
    cut = pieces(element.tail or "", page_language)
    parent = element.getparent()
    if parent is None or not any(lang for lang, _ in cut):
        return
    element.tail = cut[0][1] if cut[0][0] is None else ""
    last = element
    for lang, run in cut[1:] if cut[0][0] is None else cut:
        if lang is None:
            last.tail = (last.tail or "") + run
        else:
            marked = span(lang, run)
            last.addnext(marked)
            last = marked


def mark_passages(body: etree._Element, page_language: str) -> None:
    """Give every passage in another script than the page's its language."""
    for element in list(body.iter(etree.Element)):
        prose = not any(etree.QName(e).localname in NOT_PROSE for e in element.iterancestors())
        own = etree.QName(element).localname not in NOT_PROSE
        if prose and own and element.get("lang") is None:
            mark_text(element, page_language)
        if prose and element is not body:
            mark_tail(element, page_language)


REPAIRING = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


def parse_page(data: bytes) -> tuple[etree._Element, str]:
    """The page's tree, and what was wrong with its markup if it had to be repaired."""
    try:
        return etree.fromstring(data, PARSER), ""
    except etree.XMLSyntaxError as error:
        return etree.fromstring(data, REPAIRING), str(error)


def finish_page(data: bytes, language: str) -> tuple[bytes, str]:
    """The page with its language, its notes as EPUB notes, and no deprecated roles.

    A page that is not well-formed is repaired; the second value says what was wrong.
    """
    root, problem = parse_page(data)
    if root.get("lang") is None:
        root.set("lang", language)
        root.set(XML_LANG, language)
    for note in root.iterfind(".//x:aside[@role='doc-footnote']", NS):
        note.set(EPUB_TYPE, "footnote")
    for reference in root.iterfind(".//x:a[@role='doc-noteref']", NS):
        reference.set(EPUB_TYPE, "noteref")
    for entry in root.iterfind(".//*[@role='doc-biblioentry']"):
        del entry.attrib["role"]
    body = root.find("x:body", NS)
    if body is not None:
        mark_passages(body, root.get("lang") or language)
    return serialise(root), problem
