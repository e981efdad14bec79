"""Citations as readers see them: references after each essay, unknown keys shown, in print too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from presswork.citations.config import citations_config
from presswork.citations.domain import citations_domain
from presswork.citations.findings import Finding, level_of, report
from presswork.diagnostics import Subtype
from presswork.essays.config import essays_config
from presswork.essays.nodes import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CITE_ROLE = re.compile(
    r"(?P<open>\{|:)(?P<role>(?:foot)?cite(?::[\w-]+)?)(?P<close>\}|:)`(?P<targets>[^`]+)`"
)
UNRESOLVED_ROLE = "presswork-unresolved"
REFERENCES = """

## {title}

```{{bibliography}}
:filter: docname in docnames
```
"""


def split_targets(text: str) -> list[str]:
    """Split 'a,{see}b{p. 2, n. 3}' at top-level commas: ['a', '{see}b{p. 2, n. 3}']."""
    targets, depth, current = [], 0, ""
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            targets.append(current.strip())
            current = ""
        else:
            current += char
    targets.append(current.strip())
    return [target for target in targets if target]


def target_key(target: str) -> str:
    """The key of a target, without its pre- and post-notes."""
    return re.sub(r"\{[^{}]*\}", "", target).strip()


FENCE = re.compile(r"^(`{3,}|~{3,})(?!\{)[^\n]*\n.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where fenced code blocks (not directives) stand in the source."""
    return [(match.start(), match.end()) for match in FENCE.finditer(text)]


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls inside one of ``spans``."""
    return any(start <= position < end for start, end in spans)


def read_citations(app: Sphinx, docname: str, source: list[str]) -> None:
    """Note every key a document cites; mark unknown keys; give essays their reference list."""
    domain = citations_domain(app.env)
    bibliography = domain.data["bibliography"]
    known = bibliography.entries if bibliography else {}
    levels = citations_config(app.config).levels
    cited: list[tuple[str, int]] = []
    unresolved: list[Finding] = []
    text = source[0]

    def rewrite(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        targets = split_targets(match["targets"])
        if not targets or not all(target_key(t) for t in targets):
            return match.group(0)  # the citation role reports keys it cannot read
        good = [t for t in targets if target_key(t) in known]
        bad = [t for t in targets if target_key(t) not in known]
        cited.extend((target_key(t), line) for t in targets)
        unresolved.extend(
            Finding(
                Subtype.CITE_UNRESOLVED,
                f"unresolved citation key {target_key(t)!r}",
                line,
                docname=docname,
                excerpt=match.group(0),
            )
            for t in bad
        )
        if not bad:
            return match.group(0)
        role = f"{match['open']}{match['role']}{match['close']}`{','.join(good)}`" if good else ""
        marks = " ".join(f"{{{UNRESOLVED_ROLE}}}`{target_key(t)}`" for t in bad)
        return " ".join(part for part in (role, marks) if part)

    code = code_spans(text)
    cites_in_text = any(
        m["role"].startswith("cite") and not in_spans(m.start(), code)
        for m in CITE_ROLE.finditer(text)
    )
    text = CITE_ROLE.sub(lambda m: m.group(0) if in_spans(m.start(), code) else rewrite(m), text)
    domain.cited[docname] = cited
    report(unresolved, levels)
    domain.findings.setdefault(docname, []).extend(unresolved)
    is_essay = essays_config(app.config).is_essay(docname)
    if is_essay and cites_in_text and "{bibliography}" not in text:
        text += REFERENCES.format(title=_("References"))
    source[0] = text


def unresolved_role(  # noqa: PLR0917 (the signature docutils gives roles)
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Show an unknown key where the citation would be, marked: '[key?]'."""
    label = f"[{text}?]"
    return [nodes.strong(label, label, classes=["presswork-unresolved-citation"])], []


class EssayReferencesInPrint(SphinxPostTransform):
    """Keep each essay's references at its end in LaTeX, instead of one list for the book."""

    default_priority = 740  # before Sphinx gathers every citation at the end of the book
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Turn each bibliography's citations into a list of labelled entries, in place."""
        for container in list(self.document.findall(nodes.container)):
            citations = [child for child in container if isinstance(child, nodes.citation)]
            if not citations:
                continue
            entries = nodes.bullet_list(classes=["presswork-references"])
            for citation in citations:
                label = citation[0].astext() if isinstance(citation[0], nodes.label) else ""
                paragraph = nodes.paragraph()
                paragraph += nodes.target("", "", ids=list(citation["ids"]))
                paragraph += nodes.strong(f"[{label}] ", f"[{label}] ")
                for child in citation.children[1:]:
                    paragraph.extend(
                        child.children if isinstance(child, nodes.paragraph) else [child]
                    )
                entries += nodes.list_item("", paragraph)
            container.replace_self(entries)


def is_error(finding: Finding, levels: dict[str, str]) -> bool:
    """Whether a finding is at error level."""
    return level_of(finding.subtype, levels) == "error"
