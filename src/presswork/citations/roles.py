"""Citation roles whose keys cannot be read are reported, not handed to sphinxcontrib-bibtex."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import unescape
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain
from sphinxcontrib.bibtex.foot_roles import FootCiteRole
from sphinxcontrib.bibtex.roles import CiteRole

from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx

Role = Any  # a docutils role: called with (name, rawtext, text, lineno, inliner, options, content)


def readable_keys(text: str) -> bool:
    """Whether a citation's text is one or more keys sphinxcontrib-bibtex can parse."""
    try:
        targets = list(parse_citation_targets(unescape(text).strip()))
    except ValueError:
        return False
    return bool(targets) and all(target.key for target in targets)


class CheckedCitation:
    """A citation role that reports unreadable keys and shows the citation as typed."""

    def __init__(self, role: Role) -> None:
        self.role = role

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
        """Hand readable keys on; give anything else a warning and a literal of what was typed."""
        if readable_keys(text):
            result: tuple[list[nodes.Node], list[nodes.system_message]] = self.role(
                name, rawtext, text, lineno, inliner, options or {}, list(content)
            )
            return result
        typed = f"{{{name}}}`{text}`"
        warn(
            Subtype.CITE_MALFORMED,
            f"cannot read the keys of {typed}: write {{cite}}`key` or {{cite}}`key1,key2`",
            (inliner.document.settings.env.docname, lineno),
        )
        return [nodes.literal(typed, typed, classes=["presswork-unreadable-citation"])], []


def guard_citation_roles(app: Sphinx) -> None:
    """Put the check in front of every role sphinxcontrib-bibtex defines."""
    factories: list[tuple[str, type[Any], Callable[[], Role]]] = [
        ("cite", BibtexDomain, CiteRole),
        ("footcite", BibtexFootDomain, FootCiteRole),
    ]
    for domain_name, domain, factory in factories:
        app.add_role(domain_name, CheckedCitation(factory()), override=True)
        for role_name in domain.roles:
            app.add_role_to_domain(
                domain_name, role_name, CheckedCitation(factory()), override=True
            )
