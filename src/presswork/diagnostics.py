"""Warnings as data: every presswork warning has a type, a subtype and a location."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("presswork")

WARNING_TYPE = "presswork"


class Subtype(StrEnum):
    """Every kind of warning presswork emits; suppress one with ``presswork.<value>``."""

    FRONT_MATTER_SYNTAX = "front_matter.syntax"
    FRONT_MATTER_KEY = "front_matter.unknown_key"
    FRONT_MATTER_DUPLICATE = "front_matter.duplicate_key"
    FRONT_MATTER_TYPE = "front_matter.type"
    FRONT_MATTER_DATE = "front_matter.date"
    FRONT_MATTER_LANG = "front_matter.lang"
    FRONT_MATTER_LENGTH = "front_matter.too_long"
    MISSING_TITLE = "essay.missing_title"
    MISSING_AUTHORS = "essay.missing_authors"
    MISSING_DATE = "essay.missing_date"
    CONFIG = "config"
    RUNNING_ORDER = "running_order"
    CITATION_STYLE = "citation_style"
    DIRECTIVE = "directive"
    TAXONOMY_FILE = "taxonomy.file"
    TAXONOMY_UNKNOWN = "taxonomy.unknown_term"
    TAXONOMY_VARIANT = "taxonomy.variant"
    TAXONOMY_SLUG = "taxonomy.slug_collision"
    CITE_UNRESOLVED = "cite.unresolved"
    CITE_UNUSED = "cite.unused"
    CITE_DUPLICATE_KEY = "cite.duplicate_key"
    CITE_SAME_WORK = "cite.same_work"
    CITE_BIB_SYNTAX = "cite.bib_syntax"
    CITE_MISSING_FIELD = "cite.missing_field"
    CITE_DOI = "cite.doi"
    CITE_ISBN = "cite.isbn"
    CITE_ISSN = "cite.issn"
    CITE_URL_DATE = "cite.url_date"
    CITE_BY_HAND = "cite.by_hand"
    CITE_QUOTE_SOURCE = "cite.quote_source"
    CITE_QUOTE_LOCATOR = "cite.quote_locator"
    CITE_NEEDED = "cite.needed"
    CITE_MALFORMED = "cite.malformed"
    SOURCE_ENCODING = "source.encoding"
    SOURCE_BINARY = "source.binary"
    SOURCE_UNREADABLE = "source.unreadable"
    HTML_TAG = "html.tag"
    HTML_ATTRIBUTE = "html.attribute"
    HTML_URL = "html.url"
    RAW_LATEX = "raw.latex"
    PATH_OUTSIDE = "path.outside"
    PATH_URL = "path.url"
    EPUB_MARKUP = "epub.markup"
    OUTPUT_COLLISION = "output.collision"
    OUTPUT_PATH = "output.path"


def warn(subtype: Subtype, message: str, location: Any) -> None:
    """Emit a presswork warning at ``location`` (a node or a ``(docname, line)`` pair)."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
