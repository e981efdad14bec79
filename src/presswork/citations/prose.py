"""Checks on an essay's prose: citations typed by hand, unsourced quotations, claims."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

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
CLAIM_SIGNALS = {
    "a dated event": re.compile(
        rf"\b(?:in|of|since|until|by|from|during|the)\s+{YEAR}\b", re.IGNORECASE
    ),
    "a figure": re.compile(
        r"\d(?:[\d.,]*\d)?\s*(?:%|per\s?cent\b)|\b\d{1,3}(?:,\d{3})+\b"
        r"|\b\d+(?:\.\d+)?\s+(?:million|billion|thousand)\b",
        re.IGNORECASE,
    ),
    "a source named in passing": re.compile(r"\baccording\s+to\b", re.IGNORECASE),
    "an organisation named with its acronym": re.compile(
        r"\b(?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the|de|des|du)\s+)*){1,8}\(([A-Z][A-Z&]{1,7})\)"
    ),
}


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
            signals, first = claim_signals(text)
            if signals:
                findings.append(
                    Finding(
                        Subtype.CITE_NEEDED,
                        f"citation needed: the paragraph gives {' and '.join(signals)} "
                        "but cites nothing",
                        line,
                        docname=docname,
                        excerpt=excerpt(("…" if first > 40 else "") + text[max(0, first - 40) :]),
                    )
                )
    for quote in doctree.findall(nodes.block_quote):
        if not exempt(quote):
            findings += quotation_findings(
                quote, docname, block_line(quote), excerpt(quote.astext())
            )
    return findings


def claim_signals(text: str) -> tuple[list[str], int]:
    """What makes ``text`` a claim that needs a source, and where the first sign of it stands."""
    matches = {name: pattern.search(text) for name, pattern in CLAIM_SIGNALS.items()}
    first = min((match.start() for match in matches.values() if match), default=0)
    return [name for name, match in matches.items() if match], first


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
    """A paragraph's words, leaving out code and literal text."""
    parts = []
    for text in node.findall(nodes.Text):
        if not isinstance(text.parent, nodes.literal | nodes.literal_block | addnodes.pending_xref):
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
