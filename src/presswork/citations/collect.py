"""Run the citation checks: prose per essay as it is read, sources once everything is read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from presswork.citations.config import citations_config
from presswork.citations.domain import citations_domain
from presswork.citations.findings import ERROR, OFF, Finding, level_of, report
from presswork.citations.prose import check_prose
from presswork.citations.sources import check_entries
from presswork.diagnostics import Subtype
from presswork.essays.config import essays_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class CheckEssayProse(SphinxTransform):
    """Check an essay's prose as it is read, before its citations are formatted."""

    default_priority = 605

    def apply(self, **kwargs: Any) -> None:
        """Run the prose checks; findings stay with the document."""
        docname = self.env.docname
        levels = citations_config(self.config).levels
        if not essays_config(self.config).is_essay(docname) or all_off(PROSE_CHECKS, levels):
            return
        findings = check_prose(self.document, docname)
        report(findings, levels)
        citations_domain(self.env).findings.setdefault(docname, []).extend(findings)


def check_sources(app: Sphinx, env: BuildEnvironment) -> None:
    """Check the .bib files against themselves and against what the collection cites."""
    domain = citations_domain(env)
    bibliography = domain.data["bibliography"]
    if bibliography is None:
        return
    levels = citations_config(env.config).levels
    cited = {key for keys in domain.cited.values() for key, _line in keys}
    findings = list(bibliography.findings)
    if not all_off(SOURCE_CHECKS, levels):
        findings += check_entries(bibliography.entries)
    findings += [
        Finding(
            Subtype.CITE_UNUSED,
            f"{entry.key}: no essay cites this entry",
            entry.line,
            path=entry.path,
        )
        for entry in bibliography.entries.values()
        if entry.key not in cited
    ]
    domain.data["collection_findings"] = findings
    report(findings, levels)


PROSE_CHECKS = (
    Subtype.CITE_BY_HAND,
    Subtype.CITE_QUOTE_SOURCE,
    Subtype.CITE_QUOTE_LOCATOR,
    Subtype.CITE_NEEDED,
)
SOURCE_CHECKS = (
    Subtype.CITE_MISSING_FIELD,
    Subtype.CITE_DOI,
    Subtype.CITE_ISBN,
    Subtype.CITE_ISSN,
    Subtype.CITE_URL_DATE,
    Subtype.CITE_SAME_WORK,
)


def all_off(checks: tuple[Subtype, ...], levels: dict[str, str]) -> bool:
    """Whether every one of ``checks`` is switched off, so none need run."""
    return all(level_of(check, levels) == OFF for check in checks)


def all_findings(env: BuildEnvironment) -> list[Finding]:
    """Every finding of the last build: sources first, then each document's."""
    domain = citations_domain(env)
    findings = list(domain.data.get("collection_findings") or [])
    for docname in sorted(domain.findings):
        findings += domain.findings[docname]
    return findings


def fail_strict_build(app: Sphinx, exception: Exception | None) -> None:
    """With ``presswork_strict``, findings at error level fail the build."""
    settings = citations_config(app.config)
    if exception is not None or not settings.strict:
        return
    errors = [f for f in all_findings(app.env) if level_of(f.subtype, settings.levels) == ERROR]
    if errors:
        logger.info("presswork: %d citation finding(s) at error level", len(errors))
        app.statuscode = 1
