"""The citation roles authors write, `{cite:p}` and its kin, and the `{bibliography}` directive.

The roles keep sphinxcontrib-bibtex's spelling, so essays written for it keep working:
``{cite:p}`key```, ``{cite:t}`key{p. 12}```, ``{cite:p}`{see}a{chap. 2},b```.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.utils import unescape
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxDirective

from presswork.citations.nodes import pending_citation, references_placeholder
from presswork.citations.rendering import split_targets
from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx

TARGET = re.compile(r"^(?:\{(?P<prefix>[^{}]*)\})?(?P<key>[^\s{},]+)(?:\{(?P<note>[^{}]*)\})?$")
FORMS = {
    "p": "p",
    "ps": "p",
    "t": "t",
    "ts": "t",
    "ct": "ct",
    "cts": "ct",
    "author": "author",
    "authors": "author",
    "cauthor": "cauthor",
    "year": "year",
    "yearpar": "yearpar",
    "text": "p",
    "label": "p",
    "labelpar": "p",
    "alp": "p",
    "alps": "p",
    "num": "p",
}
FOOT_FORMS = {"p": "p", "ps": "p", "t": "t", "ts": "t"}


def parse_works(text: str) -> list[tuple[str, str, str]] | None:
    """(key, prefix, note) for each work in a citation, or None if a key cannot be read."""
    targets = split_targets(unescape(text).strip())
    works = []
    for target in targets:
        match = TARGET.match(target)
        if match is None:
            return None
        works.append((match["key"], match["prefix"] or "", match["note"] or ""))
    return works or None


class CitationRole:
    """A citation role: its works, its form, and whether it goes in a footnote."""

    def __init__(self, form: str, foot: bool = False) -> None:
        self.form = form
        self.foot = foot

    def __call__(  # noqa: PLR0917 (the docutils role signature)
        self,
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        /,
        options: dict[str, Any] | None = None,
        content: Sequence[str] = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """A pending citation, or the citation as typed with a warning if it cannot be read."""
        works = parse_works(text)
        typed = f"{{{name}}}`{text}`"
        if works is None:
            warn(
                Subtype.CITE_MALFORMED,
                f"cannot read the keys of {typed}: write {{cite}}`key` or {{cite}}`key1,key2`",
                (inliner.document.settings.env.docname, lineno),
            )
            return [nodes.literal(typed, typed, classes=["presswork-unreadable-citation"])], []
        node = pending_citation(
            rawtext,
            works=works,
            form=self.form,
            foot=self.foot,
            rawtext=typed,
            refdomain="cite",
            reftype=name,
            reftarget=text,
        )
        node.line = lineno
        return [node], []


class RolesOnlyDomain(Domain):
    """A domain that only names roles: it keeps no data (presswork-citations does)."""

    def clear_doc(self, docname: str) -> None:
        """Nothing is kept per document."""

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Nothing to merge from parallel readers."""

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        """Citations are formatted while reading; no cross-reference is left to resolve."""
        return []


class CiteDomain(RolesOnlyDomain):
    """`{cite:p}`, `{cite:t}` and the other forms of an in-text citation."""

    name = "cite"
    label = "Citations"
    roles: ClassVar[dict[str, Any]] = {name: CitationRole(form) for name, form in FORMS.items()}


class FootCiteDomain(RolesOnlyDomain):
    """`{footcite:p}` and `{footcite:t}`: the work in a footnote."""

    name = "footcite"
    label = "Citations in footnotes"
    roles: ClassVar[dict[str, Any]] = {
        name: CitationRole(form, foot=True) for name, form in FOOT_FORMS.items()
    }


class BibliographyDirective(SphinxDirective):
    """Where the essay's references go; its options from sphinxcontrib-bibtex are accepted."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        name: str
        for name in (
            "filter",
            "style",
            "list",
            "enumtype",
            "start",
            "labelprefix",
            "keyprefix",
            "all",
            "cited",
            "notcited",
        )
    }

    def run(self) -> list[nodes.Node]:
        """A placeholder, filled once the essay's citations are formatted."""
        return [references_placeholder()]


def register_roles(app: Sphinx) -> None:
    """The roles, domains and directive authors write."""
    app.add_domain(CiteDomain)
    app.add_domain(FootCiteDomain)
    app.add_role("cite", CitationRole("p"))
    app.add_role("footcite", CitationRole("p", foot=True))
    app.add_directive("bibliography", BibliographyDirective)
    app.add_directive("footbibliography", BibliographyDirective)
