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


Event = tuple[str, str, tuple[tuple[str, str | None], ...]]
_events: dict[str, list[Event]] = {}


class Recorder(HTMLParser):
    """Reads citeproc-py's HTML once into start, end and text events."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A tag opens."""
        self.events.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        """A tag closes."""
        self.events.append(("end", tag, ()))

    def handle_data(self, data: str) -> None:
        """Text."""
        self.events.append(("data", data, ()))


def events_of(markup: str) -> list[Event]:
    """The events of a piece of markup, read once per process (entries recur across essays)."""
    if markup not in _events:
        recorder = Recorder()
        recorder.feed(markup)
        recorder.close()
        _events[markup] = recorder.events
    return _events[markup]


class NodeBuilder:
    """Builds nodes from the few tags citeproc-py's HTML formatter writes."""

    def __init__(self, link_ids: list[str]) -> None:
        self.link_ids = link_ids
        self.root = nodes.inline()
        self.stack: list[nodes.Element] = [self.root]

    def replay(self, events: list[Event]) -> None:
        """Build the nodes the events describe."""
        for kind, value, attrs in events:
            if kind == "start":
                self.handle_starttag(value, list(attrs))
            elif kind == "end":
                self.handle_endtag(value)
            else:
                self.handle_data(value)

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
    builder.replay(events_of(markup))
    return list(builder.root.children)
