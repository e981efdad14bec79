"""Checks on an essay's prose: citations typed by hand, unsourced quotations, claims."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

from presswork.citations.claims import needed_message, strongest_claim
from presswork.citations.config import EXEMPT_MARKER
from presswork.citations.findings import Finding, excerpt
from presswork.diagnostics import Subtype

YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
NAME = r"[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.)?"
PAGES = r"(?:[,:]\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?)?"
BY_HAND = re.compile(
    rf"\((?:see\s+|cf\.\s+)?{NAME},?\s+{YEAR}{PAGES}\)|\b{NAME}\s+\({YEAR}{PAGES}\)"
)
QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")
QUOTE_WORDS = 12
LOCATOR = re.compile(
    r"\b(?:pp?\.|ch\.|chap\.|§|sec\.|fol\.|col\.|para\.|l\.|ll\.)\s*\d|\b\d+[–-]\d+\b"
)
ATTRIBUTION = re.compile(r"^\s*(?:—|―|–|--)\s*\S")


def check_prose(doctree: nodes.document, docname: str) -> list[Finding]:
    """Every prose finding in one essay."""
    findings: list[Finding] = []
    for paragraph in checked_paragraphs(doctree):
        text = prose_text(paragraph)
        line = paragraph.line or 0
        cited = cites(paragraph)
        findings += [
            Finding(
                Subtype.CITE_BY_HAND,
                f"citation typed by hand: {match.group(0)!r}",
                line,
                docname=docname,
                excerpt=excerpt(text),
            )
            for match in BY_HAND.finditer(text)
        ]
        long_quotes = [q for q in QUOTED.findall(text) if len(q.split()) >= QUOTE_WORDS]
        if long_quotes:
            findings += quotation_findings(paragraph, docname, line, excerpt(long_quotes[0]))
        elif not cited and not introduces_attributed_quote(paragraph):
            findings += citation_needed(text, docname, line)
    for quote in doctree.findall(nodes.block_quote):
        if not exempt(quote):
            findings += quotation_findings(
                quote, docname, block_line(quote), excerpt(quote.astext())
            )
    return findings


def citation_needed(text: str, docname: str, line: int) -> list[Finding]:
    """A "citation needed" finding for an uncited paragraph's plainest claim, if it makes one.

    Sentences are judged one by one, but a citation anywhere in the paragraph sources all of
    them, as does a citation typed by hand (reported as such): authors cite once for a run of
    sentences drawn from one work, often at the paragraph's end, and asking for a citation in
    every sentence would flag most well-sourced prose. The finding stands at the paragraph's
    line, where the proof's margin note goes; the quoted sentence says which one it means.
    """
    claim = strongest_claim(text) if not BY_HAND.search(text) else None
    if claim is None:
        return []
    return [
        Finding(
            Subtype.CITE_NEEDED,
            needed_message(claim),
            line,
            docname=docname,
            excerpt=excerpt(claim.sentence),
        )
    ]


def checked_paragraphs(doctree: nodes.document) -> Iterator[nodes.paragraph]:
    """Body paragraphs: not in footnotes, citations, block quotes, or an exempted place."""
    skipped = (nodes.footnote, nodes.citation, nodes.block_quote, nodes.container, nodes.Admonition)
    for paragraph in doctree.findall(nodes.paragraph):
        parent = paragraph.parent
        inside = False
        while parent is not None:
            if isinstance(parent, skipped) or "presswork-essay-header" in parent.get("classes", []):
                inside = True
                break
            parent = parent.parent
        if not inside and not exempt(paragraph):
            yield paragraph


def exempt(node: nodes.Element) -> bool:
    """Whether a ``% presswork: no-citation-check`` comment stands right before ``node``."""
    parent = node.parent
    if parent is None:
        return False
    position = parent.index(node)
    return (
        position > 0
        and isinstance(parent[position - 1], nodes.comment)
        and EXEMPT_MARKER in parent[position - 1].astext()
    )


def prose_text(node: nodes.Element) -> str:
    """A paragraph's words, leaving out code, literal text and raw markup."""
    skipped = nodes.literal | nodes.literal_block | nodes.raw | addnodes.pending_xref
    parts = []
    for text in node.findall(nodes.Text):
        if not isinstance(text.parent, skipped):
            parts.append(text.astext())
    return " ".join("".join(parts).split())


def introduces_attributed_quote(paragraph: nodes.paragraph) -> bool:
    """Whether the paragraph leads into a block quote that names its source."""
    parent = paragraph.parent
    if parent is None:
        return False
    following = parent.index(paragraph) + 1
    if following >= len(parent):
        return False
    quote = parent[following]
    return isinstance(quote, nodes.block_quote) and attributed(quote)


def cites_with_role(node: nodes.Element) -> bool:
    """Whether ``node`` cites a source with a citation role (not only a footnote)."""
    return any(
        isinstance(ref, addnodes.pending_xref) and ref.get("refdomain") == "cite"
        for ref in node.findall(addnodes.pending_xref)
    )


def cites(node: nodes.Element) -> bool:
    """Whether ``node`` cites something: a citation role or a footnote."""
    return any(
        isinstance(child, nodes.footnote_reference | nodes.citation_reference)
        or (isinstance(child, addnodes.pending_xref) and child.get("refdomain") == "cite")
        for child in node.findall(nodes.Element)
    )


def has_locator(node: nodes.Element) -> bool:
    """Whether a citation in ``node`` gives a page or other place ("p. 12", "{p. 12}")."""
    for ref in node.findall(addnodes.pending_xref):
        if ref.get("refdomain") == "cite" and LOCATOR.search(str(ref.get("reftarget", ""))):
            return True
    return bool(LOCATOR.search(node.astext()))


def neighbours(node: nodes.Element) -> list[nodes.Element]:
    """A block quote and the paragraph that leads into it."""
    parent = node.parent
    if parent is None:
        return [node]
    position = parent.index(node)
    before = parent[position - 1] if position > 0 else None
    return [node, before] if isinstance(before, nodes.paragraph) else [node]


def attributed(quote: nodes.Element) -> bool:
    """Whether a block quote names its source ('— Author, Work') or has an attribution."""
    if any(True for _ in quote.findall(nodes.attribution)):
        return True
    paragraphs = list(quote.findall(nodes.paragraph))
    return bool(paragraphs) and bool(ATTRIBUTION.match(paragraphs[-1].astext()))


def quotation_findings(node: nodes.Element, docname: str, line: int, quoted: str) -> list[Finding]:
    """A quotation needs a source nearby, and a cited one needs a locator."""
    around = neighbours(node) if isinstance(node, nodes.block_quote) else [node]
    cited = [n for n in around if cites(n)]
    if isinstance(node, nodes.block_quote) and attributed(node):
        return []
    if not cited:
        return [
            Finding(
                Subtype.CITE_QUOTE_SOURCE,
                "a direct quotation with no citation or attribution nearby",
                line,
                docname=docname,
                excerpt=quoted,
            )
        ]
    with_role = [n for n in cited if cites_with_role(n)]
    if with_role and not any(has_locator(n) for n in with_role):
        return [
            Finding(
                Subtype.CITE_QUOTE_LOCATOR,
                "a cited quotation without a page or other locator",
                line,
                docname=docname,
                excerpt=quoted,
            )
        ]
    return []


def block_line(quote: nodes.Element) -> int:
    """A block quote's line: its own, or its first paragraph's."""
    if quote.line:
        return quote.line
    first = next(iter(quote.findall(nodes.paragraph)), None)
    return (first.line or 0) if first is not None else 0
