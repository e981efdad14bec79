"""What the citation checks find, at which level, and how each finding is reported."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from presswork.diagnostics import Subtype, warn

ERROR, WARNING, OFF = "error", "warning", "off"
LEVELS = (ERROR, WARNING, OFF)
ERROR_BY_DEFAULT = frozenset(
    {Subtype.CITE_UNRESOLVED, Subtype.CITE_DUPLICATE_KEY, Subtype.CITE_BIB_SYNTAX}
)
CHECKS = tuple(subtype for subtype in Subtype if subtype.value.startswith("cite."))
ADVICE = {
    Subtype.CITE_UNRESOLVED: "Add the entry to a .bib file, or correct the key.",
    Subtype.CITE_UNUSED: "Cite the entry somewhere, or remove it from the .bib file.",
    Subtype.CITE_DUPLICATE_KEY: "Give each entry its own key; the first one is used.",
    Subtype.CITE_SAME_WORK: "Keep one entry for the work and cite it by one key.",
    Subtype.CITE_BIB_SYNTAX: "Fix the entry's BibTeX syntax; until then it is left out.",
    Subtype.CITE_MISSING_FIELD: "Add the missing fields to the entry.",
    Subtype.CITE_DOI: "Write the DOI as 10.prefix/suffix, without a resolver address.",
    Subtype.CITE_ISBN: "Check the ISBN against the book: its check digit is wrong.",
    Subtype.CITE_ISSN: "Check the ISSN against the journal: its check digit is wrong.",
    Subtype.CITE_URL_DATE: "Add the date you consulted the page: urldate = {YYYY-MM-DD}.",
    Subtype.CITE_BY_HAND: "Cite with a role, e.g. {cite:p}`key`, so the reference is checked.",
    Subtype.CITE_QUOTE_SOURCE: "Cite the source of the quotation, or attribute it.",
    Subtype.CITE_QUOTE_LOCATOR: "Add a page or other locator: {cite:p}`key{p. 12}`.",
    Subtype.CITE_NEEDED: "Cite a source for the claim, or mark the paragraph as exempt.",
}


@dataclass(frozen=True)
class Finding:
    """One problem: where (a document or a file), what, how serious, and what to do."""

    subtype: Subtype
    message: str
    line: int
    docname: str | None = None
    path: str | None = None
    excerpt: str = ""

    @property
    def advice(self) -> str:
        """What the editor should do about it."""
        return ADVICE.get(self.subtype, "")

    def location(self) -> Any:
        """Where Sphinx should say it is: (docname, line) or 'file:line'."""
        return (self.docname, self.line) if self.docname else f"{self.path}:{self.line}"

    def as_dict(self, level: str) -> dict[str, Any]:
        """The finding for report.json."""
        data = asdict(self)
        data.update(subtype=self.subtype.value, level=level, advice=self.advice)
        return data


def level_of(subtype: Subtype, levels: dict[str, str]) -> str:
    """The level a check runs at: the setting's, else error or warning by default."""
    configured = levels.get(subtype.value) or levels.get(subtype.value.removeprefix("cite."))
    if configured in LEVELS:
        return configured
    return ERROR if subtype in ERROR_BY_DEFAULT else WARNING


def report(findings: list[Finding], levels: dict[str, str]) -> None:
    """Emit every finding whose check is on, as a presswork warning."""
    for finding in findings:
        if level_of(finding.subtype, levels) != OFF:
            warn(finding.subtype, finding.message, finding.location())


def excerpt(text: str, limit: int = 120) -> str:
    """A short, single-line excerpt of ``text``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
