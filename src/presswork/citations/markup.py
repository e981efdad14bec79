"""citeproc-py's HTML output as docutils nodes, with each cited work and each address linked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from docutils import nodes

from presswork.citations.processor import CLOSE, OPEN

ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"”]+[^\s<>\"”.,;:)\]]")
SMALL_CAPS = "small-caps"
FORMATTING: dict[str, type[nodes.TextElement]] = {
    "i": nodes.emphasis,
    "b": nodes.strong,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
}
WORK_MARK = re.compile(f"{OPEN}(\\d+){CLOSE}|{OPEN}")


class NodeBuilder(HTMLParser):
    """Builds nodes from the few tags citeproc-py's HTML formatter writes."""

    def __init__(self, link_ids: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.link_ids = link_ids
        self.root = nodes.inline()
        self.stack: list[nodes.Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open emphasis, strong, small capitals, super- and subscripts; ignore the rest."""
        if tag in FORMATTING:
            element: nodes.Element = FORMATTING[tag]()
        elif tag == "span" and "small-caps" in (dict(attrs).get("style") or ""):
            element = nodes.inline(classes=[SMALL_CAPS])
        else:
            element = nodes.inline()
        self.stack[-1] += element
        self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost element opened by a tag."""
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Text, with the works' marks turned into links to their entries."""
        position = 0
        for match in WORK_MARK.finditer(data):
            self.add_text(data[position : match.start()])
            position = match.end()
            if match.group(1) is not None:
                index = int(match.group(1))
                target = self.link_ids[index] if index < len(self.link_ids) else ""
                link = nodes.reference("", "", refid=target, internal=True) if target else None
                element = link if link is not None else nodes.inline()
                self.stack[-1] += element
                self.stack.append(element)
            elif len(self.stack) > 1:
                self.stack.pop()
        self.add_text(data[position:])

    def add_text(self, text: str) -> None:
        """Plain text, with web addresses made links (unless already inside a link)."""
        if any(isinstance(element, nodes.reference) for element in self.stack):
            self.stack[-1] += nodes.Text(text)
            return
        position = 0
        for match in ADDRESS.finditer(text):
            if match.start() > position:
                self.stack[-1] += nodes.Text(text[position : match.start()])
            address = match.group(0)
            uri = address if "://" in address else f"https://{address}"
            self.stack[-1] += nodes.reference(address, address, refuri=uri)
            position = match.end()
        if position < len(text):
            self.stack[-1] += nodes.Text(text[position:])


def markup_nodes(markup: str, link_ids: list[str] | None = None) -> list[nodes.Node]:
    """The nodes of one formatted citation or entry."""
    builder = NodeBuilder(link_ids or [])
    builder.feed(markup)
    builder.close()
    return list(builder.root.children)
