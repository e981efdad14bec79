"""``make check``: every check over the collection, a report for the editor, no site."""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders import Builder
from sphinx.util import logging

from presswork.citations.collect import all_findings
from presswork.citations.config import citations_config
from presswork.citations.findings import ERROR, OFF, Finding, level_of

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class CheckBuilder(Builder):
    """Reads every document, runs every check, and writes report.json and report.html."""

    name = "check"
    format = ""
    epilog = "The editor's report is in %(outdir)s/report.html."
    allow_parallel = True
    errors_remain = False

    def get_outdated_docs(self) -> Iterator[str]:
        """Every document, every time: a check report must cover the whole collection."""
        yield from sorted(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Nothing is written per document."""
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        """Nothing to prepare."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """Nothing is written per document."""

    def finish(self) -> None:
        """Write the report, print a summary per file, and fail when errors remain."""
        levels = citations_config(self.config).levels
        shown = [
            (finding, level_of(finding.subtype, levels))
            for finding in all_findings(self.env)
            if level_of(finding.subtype, levels) != OFF
        ]
        by_file: dict[str, list[tuple[Finding, str]]] = defaultdict(list)
        for finding, level in shown:
            by_file[self.file_of(finding)].append((finding, level))
        outdir = Path(self.outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        report = {
            "summary": summary(shown),
            "files": {
                name: [finding.as_dict(level) for finding, level in items]
                for name, items in sorted(by_file.items())
            },
        }
        (outdir / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        (outdir / "report.html").write_text(report_html(str(self.config.project), by_file))
        for name, items in sorted(by_file.items()):
            counts = summary(items)
            logger.info("%s: %d error(s), %d warning(s)", name, counts["error"], counts["warning"])
        if not by_file:
            logger.info("presswork: no citation findings")
        self.errors_remain = any(level == ERROR for _, level in shown)

    def file_of(self, finding: Finding) -> str:
        """The finding's file, relative to the source folder."""
        if finding.docname:
            path = Path(self.env.doc2path(finding.docname))
        else:
            path = Path(finding.path or "")
        try:
            return path.relative_to(self.srcdir).as_posix()
        except ValueError:
            return path.as_posix()


def summary(items: list[tuple[Finding, str]]) -> dict[str, int]:
    """How many findings at each level."""
    return {
        "error": sum(1 for _, level in items if level == ERROR),
        "warning": sum(1 for _, level in items if level != ERROR),
    }


def report_html(project: str, by_file: dict[str, list[tuple[Finding, str]]]) -> str:
    """A plain, self-contained page: findings per file with line, excerpt and what to do."""
    counts = summary([item for items in by_file.values() for item in items])
    parts: list[Any] = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Citation report: {escape(project)}</title>",
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-top:1px solid "
        "#ccc;padding:.4rem;vertical-align:top;text-align:left}.error{color:#a00}"
        ".warning{color:#865}code{font-size:.9em}</style></head><body>",
        f"<h1>Citation report: {escape(project)}</h1>",
        f"<p>{counts['error']} error(s), {counts['warning']} warning(s).</p>",
    ]
    for name, items in sorted(by_file.items()):
        parts.append(
            f"<h2>{escape(name)}</h2><table><tr><th>Line</th><th>Level</th>"
            "<th>Finding</th><th>Excerpt</th><th>What to do</th></tr>"
        )
        for finding, level in sorted(items, key=lambda item: item[0].line):
            parts.append(
                f"<tr class='{level}'><td>{finding.line}</td><td>{level}</td>"
                f"<td>{escape(finding.message)} <code>[presswork.{finding.subtype.value}]</code>"
                f"</td><td>{escape(finding.excerpt)}</td><td>{escape(finding.advice)}</td></tr>"
            )
        parts.append("</table>")
    if not by_file:
        parts.append("<p>Nothing to report.</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def fail_on_errors(app: Sphinx, exception: Exception | None) -> None:
    """``make check`` exits non-zero while a finding at error level remains."""
    if exception is None and isinstance(app.builder, CheckBuilder) and app.builder.errors_remain:
        app.statuscode = 1
