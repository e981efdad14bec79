"""WordPress's export format (WXR 1.0–1.2), read safely and item by item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# WordPress's namespace, one per WXR version; some exports write it with https.
WP_PREFIXES = ("http://wordpress.org/export/", "https://wordpress.org/export/")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


class WxrError(ValueError):
    """A file that is not a WordPress export, or one that cannot be read safely."""


@dataclass(frozen=True)
class Term:
    """A category or tag: its name, its slug, and for a category its parent and description."""

    name: str
    slug: str
    parent: str = ""
    description: str = ""


@dataclass(frozen=True)
class Comment:
    """A reader's approved comment: who, when, what, and which comment it answers."""

    ident: str
    author: str
    url: str
    date: str
    text: str
    parent: str


@dataclass
class Item:
    """One post, page or attachment of the export."""

    title: str = ""
    link: str = ""
    post_id: str = ""
    slug: str = ""
    kind: str = ""
    status: str = ""
    date: dt.date | None = None
    creators: list[str] = field(default_factory=list)
    content: str = ""
    excerpt: str = ""
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Export:
    """What the export says of its site: authors and terms; items are read one by one."""

    authors: dict[str, str] = field(default_factory=dict)
    categories: dict[str, Term] = field(default_factory=dict)
    tags: dict[str, Term] = field(default_factory=dict)
    version: str = ""


def local(tag: str) -> tuple[str, str]:
    """An element's namespace and local name."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def wp(element: Element, name: str) -> str:
    """The text of a ``wp:`` child, whatever version of the namespace the export uses."""
    for child in element:
        namespace, local_name = local(child.tag)
        if local_name == name and namespace.startswith(WP_PREFIXES):
            return (child.text or "").strip()
    return ""


def post_date(text: str) -> dt.date | None:
    """``2013-01-10 20:15:40`` as a date; WordPress's empty ``0000-00-00`` as none."""
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def read_item(element: Element) -> Item:
    """One ``<item>`` as an Item."""
    item = Item(
        title=(element.findtext("title") or "").strip(),
        link=(element.findtext("link") or "").strip(),
        post_id=wp(element, "post_id"),
        slug=wp(element, "post_name"),
        kind=wp(element, "post_type"),
        status=wp(element, "status"),
        date=post_date(wp(element, "post_date_gmt")) or post_date(wp(element, "post_date")),
        content=element.findtext(CONTENT) or "",
    )
    for child in element:
        namespace, name = local(child.tag)
        if child.tag == DC_CREATOR and (child.text or "").strip():
            item.creators.append((child.text or "").strip())
        elif name == "encoded" and "excerpt" in namespace:
            item.excerpt = (child.text or "").strip()
        elif child.tag == "category":
            term = Term(" ".join((child.text or "").split()), child.get("nicename", ""))
            domain = child.get("domain", "category")
            if domain == "category":
                item.categories.append(term)
            elif domain == "post_tag":
                item.tags.append(term)
            elif domain == "author":  # Co-Authors Plus records every author so
                item.creators.append(term.slug.removeprefix("cap-"))
        elif name == "postmeta" and namespace.startswith(WP_PREFIXES):
            item.meta[wp(child, "meta_key")] = wp(child, "meta_value")
        elif name == "comment" and namespace.startswith(WP_PREFIXES):
            approved = wp(child, "comment_approved") == "1"
            if approved and wp(child, "comment_type") in ("", "comment"):
                item.comments.append(
                    Comment(
                        wp(child, "comment_id"),
                        wp(child, "comment_author"),
                        wp(child, "comment_author_url"),
                        wp(child, "comment_date_gmt") or wp(child, "comment_date"),
                        wp(child, "comment_content"),
                        ""
                        if wp(child, "comment_parent") in ("", "0")
                        else wp(child, "comment_parent"),
                    )
                )
    return item


def read_site(element: Element, export: Export) -> None:
    """An author, category or tag defined for the whole site."""
    namespace, name = local(element.tag)
    if not namespace.startswith(WP_PREFIXES):
        return
    if name == "author":
        login = wp(element, "author_login")
        export.authors[login] = wp(element, "author_display_name") or login
    elif name == "category":
        slug = wp(element, "category_nicename")
        export.categories[slug] = Term(
            wp(element, "cat_name") or slug,
            slug,
            wp(element, "category_parent"),
            wp(element, "category_description"),
        )
    elif name == "tag":
        slug = wp(element, "tag_slug")
        export.tags[slug] = Term(wp(element, "tag_name") or slug, slug)
    elif name == "wxr_version":
        export.version = (element.text or "").strip()


def read_export(path: Path, export: Export) -> Iterator[Item]:
    """Every item of the export in order, in bounded memory; ``export`` fills as it goes.

    External entities, entity declarations and a document type are refused; a file that is
    cut short or is not WXR is a WxrError naming the line.
    """
    open_elements: list[Element] = []
    seen_channel = False
    try:
        for event, element in iterparse(str(path), events=("start", "end"), forbid_dtd=True):
            if event == "start":
                open_elements.append(element)
                seen_channel = seen_channel or element.tag == "channel"
                continue
            open_elements.pop()
            if element.tag == "item":
                if not export.version:
                    line = getattr(element, "sourceline", None) or "1"
                    raise WxrError(f"{path}:{line}: not a WordPress export (no wp:wxr_version)")
                yield read_item(element)
            elif len(open_elements) == 2:  # a child of <channel>
                read_site(element, export)
            else:
                continue
            open_elements[-1].remove(element)  # read: let it go, so memory stays flat
    except DefusedXmlException as error:
        raise WxrError(f"{path}: refused: {error}") from None
    except ParseError as error:
        line, column = error.position
        message = f"{path}:{line}: not well-formed XML (column {column}); is the file cut short?"
        raise WxrError(message) from None
    if not seen_channel:
        raise WxrError(f"{path}:1: not a WordPress export (no RSS channel)")
    if not export.version:
        raise WxrError(f"{path}:1: not a WordPress export (no wp:wxr_version)")
