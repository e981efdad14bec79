"""Import an essay from the text of a web page, leaving the site theme's clutter behind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from slugify import slugify

# Lines a WordPress theme prints around a post; alone on a line, each ends the essay.
THEME_FOOTER = re.compile(
    r"^(tags|categories|leave a (comment|reply)|share this|like this)\s*(:.*)?$", re.IGNORECASE
)
BYLINE_FIELDS = {"written in": "categories", "by": "authors", "posted in": "categories"}
BYLINE = re.compile(r"^(written in|posted in|by)\b\s*:?\s*([^.!?\n]*)$", re.IGNORECASE)
MAX_BYLINE_WORDS = 8
NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
SECTION_LABEL = re.compile(r"^([A-Z][^.!?:\n]{0,60}):$")
MAX_LABEL_WORDS = 5
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<])")
MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+=-])(?=\s|$)")
MARKDOWN_ORDERED_ITEM = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


@dataclass
class ImportedPage:
    """An essay recovered from page text: what the page said, and nothing more."""

    title: str
    paragraphs: list[str]
    headings: set[int] = field(default_factory=set)
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """A file name for the essay, from its title."""
        return slugify(self.title, max_length=80, word_boundary=True) or "essay"

    def missing(self) -> list[str]:
        """What the page did not say that an essay should have."""
        gaps = [] if self.authors else ["author"]
        return [*gaps, "date"]

    def to_markdown(self) -> str:
        """The essay as MyST Markdown with front matter."""
        front: dict[str, Any] = {"title": self.title}
        for key in ("authors", "tags", "categories"):
            if getattr(self, key):
                front[key] = getattr(self, key)
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        body = [
            f"## {escape_markdown(text)}" if index in self.headings else escape_markdown(text)
            for index, text in enumerate(self.paragraphs)
        ]
        return "---\n" + header + "---\n\n" + "\n\n".join(body) + "\n"


def parse_page_text(text: str) -> ImportedPage:
    """Split page text into title, byline, body and theme footer; keep the body word for word."""
    blocks = _blocks(text)
    if not blocks:
        raise ValueError("the page has no text")
    page = ImportedPage(title=" ".join(blocks[0].split()), paragraphs=[])
    body = blocks[1:]
    while body and (match := _byline(body[0])):
        names = [name for name in NAME_SEPARATOR.split(match.group(2).strip()) if name]
        getattr(page, BYLINE_FIELDS[match.group(1).lower()]).extend(names)
        body.pop(0)
    for position, block in enumerate(body):
        footer = THEME_FOOTER.match(block)
        if footer:
            page.dropped = body[position:]
            _read_footer_terms(page, page.dropped)
            break
        label = SECTION_LABEL.match(block)
        if label and len(block.split()) <= MAX_LABEL_WORDS:
            page.headings.add(len(page.paragraphs))
            page.paragraphs.append(label.group(1))
        else:
            page.paragraphs.append(block)
    return page


def _byline(block: str) -> re.Match[str] | None:
    """A theme byline ("by Name", "Written in History"), empty or short; not a sentence."""
    match = BYLINE.match(block)
    if match and len(match.group(2).split()) <= MAX_BYLINE_WORDS:
        return match
    return None


def _blocks(text: str) -> list[str]:
    """Paragraphs: runs of non-blank lines, each line's trailing space removed."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _read_footer_terms(page: ImportedPage, footer: list[str]) -> None:
    """Keep tags and categories that the theme footer actually lists ("Tags: a, b")."""
    for block in footer:
        match = THEME_FOOTER.match(block)
        if not match or not match.group(3):
            continue
        kind = match.group(1).lower()
        if kind not in ("tags", "categories"):
            continue
        terms = [term.strip() for term in match.group(3)[1:].split(",") if term.strip()]
        getattr(page, kind).extend(terms)


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup, so the words come out as written."""
    escaped = MARKDOWN_INLINE.sub(r"\\\1", text)
    lines = (MARKDOWN_LINE_START.sub(r"\1\\\2", line) for line in escaped.split("\n"))
    return "\n".join(MARKDOWN_ORDERED_ITEM.sub(r"\1\\\2", line) for line in lines)
