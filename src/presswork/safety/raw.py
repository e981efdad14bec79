"""Raw passages at read time: HTML cleaned by nh3 and written as XHTML, LaTeX left out."""

from __future__ import annotations

from typing import Any, TypeGuard

from docutils import nodes
from sphinx.transforms import SphinxTransform

from presswork.diagnostics import Subtype, warn
from presswork.safety.allowlist import BLOCK_TAGS, CONTENT_TAGS, INLINE_TAGS
from presswork.safety.config import safety_config
from presswork.safety.domain import safety_domain
from presswork.safety.markup import xhtml
from presswork.safety.sanitize import clean

LATEX_FORMATS = frozenset({"latex", "tex"})
# After Sphinx's and MyST's own transforms, before doctree-read (880) and its collectors.
PRIORITY = 790


def formats(node: nodes.Node | None) -> list[str]:
    """The output formats a raw node is meant for."""
    return str(node.get("format", "")).split() if isinstance(node, nodes.raw) else []


def is_raw_html(node: nodes.Node | None) -> TypeGuard[nodes.raw]:
    """Whether ``node`` is a raw passage for HTML output."""
    return "html" in formats(node)


class CleanRawPassages(SphinxTransform):
    """Clean every raw passage of a document, so its stored doctree is safe for every builder."""

    default_priority = PRIORITY

    def apply(self, **kwargs: Any) -> None:
        """Leave out raw LaTeX, clean raw HTML, and count what the PDF will not show."""
        settings = safety_config(self.config)
        if not settings.allow_raw_latex:
            remove_raw_latex(self.document)
        if not settings.trusted_html:
            for parent in parents_of_raw_html(self.document):
                clean_children(parent)
        left_out = sum(
            1
            for node in self.document.findall(nodes.raw)
            if is_raw_html(node) and not LATEX_FORMATS & set(formats(node))
        )
        counts = safety_domain(self.env).raw_html
        if left_out:
            counts[self.env.docname] = left_out
        else:
            counts.pop(self.env.docname, None)


# What MyST writes for a hard line break (a line ending in two spaces or a backslash).
MYST_LINE_BREAK = "\\\\\n"


def remove_raw_latex(document: nodes.document) -> None:
    """Raw LaTeX can make TeX read any file or run anything it allows: leave it out."""
    for node in list(document.findall(nodes.raw)):
        wanted = formats(node)
        if not LATEX_FORMATS & set(wanted) or node.astext() == MYST_LINE_BREAK:
            continue
        warn(
            Subtype.RAW_LATEX,
            "raw LaTeX left out; set presswork_allow_raw_latex = True to keep it",
            node,
        )
        others = [name for name in wanted if name not in LATEX_FORMATS]
        if others:
            node["format"] = " ".join(others)
        else:
            node.parent.remove(node)


def parents_of_raw_html(document: nodes.document) -> list[nodes.Element]:
    """Every element with raw HTML among its children, in document order, each once."""
    parents: dict[int, nodes.Element] = {}
    for node in document.findall(is_raw_html):
        if node.parent is not None:
            parents.setdefault(id(node.parent), node.parent)
    return list(parents.values())


def clean_children(parent: nodes.Element) -> None:
    """Clean the raw HTML passages among ``parent``'s children as one run of HTML."""
    # Markdown splits HTML into passages: each tag in a paragraph, each block between blank
    # lines. Elements a passage opens stay open for the passages after it, up to the end of
    # ``parent``, where whatever is still open is closed, so the page is well-formed XHTML.
    # Content between the start and end of a removed ``<script>`` or ``<style>`` goes too.
    inline = isinstance(parent, nodes.TextElement)
    allowed = INLINE_TAGS if inline else BLOCK_TAGS
    children = list(parent.children)
    kept: list[nodes.Node] = []
    open_now: tuple[str, ...] = ()
    for index, child in enumerate(children):
        if not is_raw_html(child):
            if not CONTENT_TAGS & set(open_now):
                kept.append(child)
            continue
        after = children[index + 1] if index + 1 < len(children) else None
        hold = after is not None and is_raw_html(after)
        cleaned = clean(child.astext(), open_now, inline, hold)
        for removal in cleaned.removals:
            warn(removal.subtype, removal.message, child)
        open_now = cleaned.open_after
        text = xhtml(cleaned.tokens)
        if text.strip():
            kept.append(raw_like(child, text))
    closing = "".join(f"</{name}>" for name in reversed(open_now) if name in allowed)
    if closing:
        kept.append(nodes.raw("", closing, format="html"))
    parent.clear()
    parent.extend(kept)
    emptied = isinstance(parent, nodes.paragraph) and not parent.astext().strip()
    if (
        emptied
        and parent.parent is not None
        and not any(isinstance(child, nodes.Element) for child in kept)
    ):
        parent.parent.remove(parent)


def raw_like(original: nodes.Element, text: str) -> nodes.raw:
    """A raw HTML node holding ``text`` where ``original`` was, with its ids and location."""
    node = nodes.raw(text, text, format="html")
    for name in ("ids", "names", "classes"):
        node[name] = list(original.get(name, []))
    node.source, node.line = original.source, original.line
    return node
