"""A WordPress post's HTML as clean MyST: blocks unwrapped, shortcodes read, the rest converted."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag
from markdownify import MarkdownConverter

# WordPress's own block-level tags: text with none of them is "classic editor" text, whose
# paragraphs are blank lines (WordPress's wpautop).
BLOCK_TAGS = re.compile(r"<(p|div|h[1-6]|ul|ol|blockquote|table|pre|figure|hr)\b", re.IGNORECASE)
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z_][\w-]*)([^\]]*)\]")
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
FOOTNOTE_SHORTCODE = re.compile(
    r"\[(?:ref|footnote|efn_note)\](.*?)\[/(?:ref|footnote|efn_note)\]", re.DOTALL
)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Converted:
    """An essay's body in MyST, the images it shows, and what needs an editor's eye."""

    markdown: str
    images: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def autop(text: str) -> str:
    """Classic-editor text: blank lines make paragraphs, single line breaks stay breaks."""
    if BLOCK_TAGS.search(text):
        return text
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{part.replace(chr(10), '<br />')}</p>" for part in paragraphs)


def captions_to_figures(text: str) -> str:
    """``[caption]<img> Words[/caption]`` as a figure with its caption."""

    def figure(match: re.Match[str]) -> str:
        inner = match.group(2)
        soup = BeautifulSoup(inner, "html.parser")
        image = soup.find("img")
        if image is None:
            return inner
        image.extract()
        for link in soup.find_all("a"):
            if not link.get_text(strip=True):
                link.decompose()
        caption = soup.get_text(" ", strip=True)
        return f"<figure>{image}<figcaption>{html.escape(caption)}</figcaption></figure>"

    return CAPTION.sub(figure, text)


def footnotes_to_marks(text: str, notes: list[str]) -> str:
    """Footnote plugins' ``[ref]…[/ref]`` as numbered marks; the notes are kept in order."""

    def mark(match: re.Match[str]) -> str:
        notes.append(match.group(1).strip())
        return f"<sup>presswork-note-{len(notes)}</sup>"

    return FOOTNOTE_SHORTCODE.sub(mark, text)


# markdownify's stubs name few of its converters; its methods are called by tag name.
CONVERTER: Any = MarkdownConverter


class MystConverter(CONVERTER):  # type: ignore[misc]
    """markdownify, with figures as MyST figures and marks for plugin footnotes."""

    def __init__(self, images: list[str]) -> None:
        super().__init__(heading_style="ATX", bullets="-", escape_misc=True)
        self.images = images

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        image = el.find("img")
        if image is None:
            return text
        source = str(image.get("src", ""))  # listed already, as its <img> was converted
        caption = el.find("figcaption")
        words = caption.get_text(" ", strip=True) if caption else ""
        alt = " ".join(str(image.get("alt", "")).split())
        lines = [f"```{{figure}} {source}", f":alt: {alt}" if alt else ""]
        return "\n\n" + "\n".join(line for line in lines if line) + f"\n\n{words}\n```\n\n"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        self.images.append(str(el.get("src", "")))
        written: str = super().convert_img(el, text, parent_tags)
        return written

    def convert_sup(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if text.startswith("presswork-note-"):
            return f"[^{text.removeprefix('presswork-note-')}]"
        written: str = super().convert_sup(el, text, parent_tags)
        return written

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        source = str(el.get("src", ""))
        return f"\n\n<{source}>\n\n" if source.startswith(("http://", "https://")) else ""

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        cite = el.find("cite")
        source = cite.get_text(" ", strip=True) if cite else ""
        if source and text.rstrip().endswith(source):
            text = text.rstrip()[: -len(source)]
        quoted: str = super().convert_blockquote(el, text, parent_tags)
        return f"{quoted.rstrip()}\n>\n> — {source}\n\n" if source else quoted


def tidy(soup: BeautifulSoup) -> None:
    """Headings from the second level down (the title is the first); no rules side by side."""
    headings = soup.find_all(re.compile(r"^h[1-6]$"))
    top = min((int(h.name[1]) for h in headings), default=2)
    for heading in headings:
        heading.name = f"h{min(6, int(heading.name[1]) - top + 2)}"
    for rule in soup.find_all("hr"):
        before = rule.find_previous_sibling()
        if before is None or before.name == "hr" or rule.find_next_sibling() is None:
            rule.decompose()


def embed_link(url: str) -> str:
    """An embedded video or post, as a link to it."""
    address = html.escape(url, quote=True)
    return f'<p><a href="{address}">{address}</a></p>'


# Inline markup Markdown has no form for: kept as HTML, which the publication's sanitizer then
# reads at every build like any raw HTML of an essay.
KEPT_AS_HTML = ("sub", "mark", "kbd", "abbr", "u", "ins", "small", "dfn", "var", "samp")


def kept_as_html(self: MystConverter, el: Tag, text: str, parent_tags: set[str]) -> str:
    """The element as it was, its converted text inside."""
    attributes = "".join(
        f' {name}="{html.escape(str(value), quote=True)}"'
        for name, value in el.attrs.items()
        if name in ("title", "lang")
    )
    return f"<{el.name}{attributes}>{text}</{el.name}>"


for _tag in KEPT_AS_HTML:
    setattr(MystConverter, f"convert_{_tag}", kept_as_html)


def convert(content: str) -> Converted:
    """A post's content as MyST Markdown."""
    images: list[str] = []
    notes_text: list[str] = []
    text = EMBED.sub(lambda m: embed_link(m.group(1).strip()), content)
    text = footnotes_to_marks(captions_to_figures(text), notes_text)
    notes = [
        f"shortcode [{name}] kept as text"
        for closing, name, _attributes in SHORTCODE.findall(text)
        if not closing
    ]
    soup = BeautifulSoup(autop(text), "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # Gutenberg's block comments, and any other
    tidy(soup)
    markdown = MystConverter(images).convert_soup(soup)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    if notes_text:
        markdown += (
            "\n"
            + "\n".join(
                f"[^{number}]: {' '.join(note.split())}"
                for number, note in enumerate(notes_text, 1)
            )
            + "\n"
        )
    shown = list(dict.fromkeys(image for image in images if image))
    return Converted(markdown, shown, list(dict.fromkeys(notes)))
