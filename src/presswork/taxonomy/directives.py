"""The ``terms`` and ``archive`` directives: index pages that never go stale."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from presswork.diagnostics import Subtype, warn
from presswork.essays.domain import essays_domain
from presswork.taxonomy.domain import taxonomy_domain
from presswork.taxonomy.nodes import term_index, year_archive
from presswork.taxonomy.registry import KINDS


class TermsDirective(SphinxDirective):
    """``{terms} tags`` or ``{terms} categories``: every term with its count and essays."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {}  # type: ignore[assignment]

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder; the index is filled in once every essay is read."""
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            warn(
                Subtype.DIRECTIVE,
                f"'terms' takes 'tags' or 'categories', not {kind!r}",
                self.get_location(),
            )
            return []
        return [self.placeholder(term_index("", kind=kind), kind)]

    def placeholder(self, node: nodes.Element, kind: str) -> nodes.Element:
        """Note this page as an index of ``kind`` and as a page that lists essays."""
        self.set_source_info(node)
        taxonomy_domain(self.env).note_index(self.env.docname, kind)
        essays_domain(self.env).note_listing(self.env.docname)
        return node


class ArchiveDirective(TermsDirective):
    """``{archive}``: every essay by year, newest first."""

    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder for the archive."""
        return [self.placeholder(year_archive(""), "archive")]
