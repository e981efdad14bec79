"""Marks in the LaTeX of the book: where each essay starts and ends, and proof notes."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from presswork.citations.claims import quote_in, reason_in
from presswork.citations.collect import all_findings
from presswork.citations.config import citations_config
from presswork.citations.findings import OFF, Finding, level_of
from presswork.diagnostics import Subtype
from presswork.essays.config import essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.nodes import _, essay_listing, join_names
from presswork.essays.running_order import essays_in_running_order, running_order
from presswork.latex.backmatter import contributors_chapter, read_contributors
from presswork.latex.config import latex_config
from presswork.latex.fonts import FONTS_MARK, babel_language, engine_for
from presswork.latex.scripts import scripts_domain
from presswork.outputs import output_name, write_atomically
from presswork.publication import Publication, publication

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MANIFEST = "presswork-essays.json"
ESSAY_MARK = "presswork-essay"
END_LABEL = "presswork-end"
OFFPRINT_SUFFIX = ".pdf"
MAIN_MATTER = "\\PressworkMainMatter\n"
# The characters Sphinx's LaTeX writer turns into "_" in a label (its ``tex_replace_map``).
LABEL_SPECIALS = {
    ord(char): "_" for char, _ in (*texescape.tex_replacements, *texescape.unicode_tex_replacements)
}
NOTE_LABELS = {
    "cite.needed": "citation needed",
    "cite.quote_source": "quotation: source?",
    "cite.quote_locator": "quotation: page?",
    "cite.by_hand": "citation typed by hand",
    "cite.unresolved": "unknown source",
}


def latex_label(name: str) -> str:
    r"""A label exactly as Sphinx's LaTeX writer escapes it (``LaTeXTranslator.idescape``).

    TeX's special characters become ``_``; characters beyond ASCII become their escape with
    ``_`` for the backslash (``é`` → ``_xe9``). Sphinx writes ``\label{\detokenize{…}}``
    around the result, and so does presswork.
    """
    escaped = name.translate(LABEL_SPECIALS).encode("ascii", "backslashreplace").decode("ascii")
    return escaped.replace("\\", "_")


def doc_label(docname: str) -> str:
    """The label Sphinx puts at the start of every document in the book."""
    return latex_label(f"{docname}::doc")


def end_label(docname: str) -> str:
    """The label presswork puts at the end of every essay in the book."""
    return latex_label(f"{END_LABEL}:{docname}")


def raw(text: str) -> nodes.raw:
    """A piece of LaTeX."""
    return nodes.raw("", text, format="latex")


def running_heads(essay: Any) -> str:
    """The essay's running heads: its authors on the left page, its title on the right."""
    if essay is None:
        return ""
    authors = texescape.escape(join_names(list(essay.author_names)))
    title = texescape.escape(essay.running_title)
    # after the page break, so the last page of the essay before keeps its own heads
    return rf"\clearpage\PressworkRunningHeads{{{authors}}}{{{title}}}"


def after_title(part: nodes.Element, node: nodes.Node) -> None:
    """Put a node just after the essay's title, on its opening page.

    A mark written before the title could fall on the last page of the essay before, or make
    a page of its own there when that page is full.
    """
    section = next(iter(part.findall(nodes.section)), None)
    title = next((c for c in section or () if isinstance(c, nodes.title)), None)
    if section is None or title is None:
        part.insert(0, node)
        return
    section.insert(section.index(title) + 1, node)


# Nodes that print nothing where they stand (a footnote prints at its reference).
SILENT = (
    nodes.footnote,
    nodes.citation,
    nodes.target,
    nodes.comment,
    nodes.raw,
    nodes.substitution_definition,
    nodes.system_message,
)


def at_the_end(part: nodes.Element, node: nodes.Node) -> None:
    """Put an inline node at the end of the essay's last line of text, on its last page.

    On its own line a label could be carried to a page of its own when the last page is full.
    Where the essay ends in something other than text (code, say), it goes after it.
    """
    current: nodes.Element = part
    while True:
        printed = [c for c in current.children if isinstance(c, nodes.Element)]
        printed = [c for c in printed if not isinstance(c, SILENT)]
        if isinstance(current, nodes.TextElement):
            if not isinstance(current, nodes.FixedTextElement):
                current.append(node)
                return
            break
        if not printed:
            break
        current = printed[-1]
    part.append(nodes.raw("", r"\nobreak", format="latex"))
    part.append(node)


def authors_in_contents(part: nodes.Element, essay: Any) -> None:
    """Under the essay's title in the book's contents, its authors."""
    section = next(iter(part.findall(nodes.section)), None)
    if essay is None or section is None or not essay.author_names:
        return
    title = next((i for i, child in enumerate(section) if isinstance(child, nodes.title)), None)
    if title is None:
        return
    authors = texescape.escape(join_names(list(essay.author_names)))
    line = rf"\addtocontents{{toc}}{{\protect\PressworkContentsAuthors{{{authors}}}}}"
    section.insert(title + 1, raw(line + "\n"))


def introduce(document: nodes.document) -> None:
    """The root page's own text, if it has any, is the book's introduction (in roman pages)."""
    section = next(iter(document.findall(nodes.section)), None)
    if section is None:
        return
    own = [
        child
        for child in section.children
        if not isinstance(child, (nodes.title, nodes.target, nodes.compound, nodes.raw))
        and not isinstance(child, (addnodes.start_of_file, essay_listing))
    ]
    if own:
        heading = texescape.escape(_("Introduction"))
        section.insert(section.index(own[0]), raw(rf"\PressworkIntroduction{{{heading}}}" + "\n"))


def essay_language(config: Any, essay: Any) -> str | None:
    """The babel language an essay is set in, when it is not the book's and presswork loads it."""
    if essay is None or not essay.meta.lang:
        return None
    if FONTS_MARK not in str(config.latex_elements.get("babel", "")):
        return None  # the publication chose its own babel and languages
    language = babel_language(essay.meta.lang)
    return language if language != babel_language(config.language or "en") else None


def page_heads(title: nodes.Node | None) -> str:
    """A page of the book's own (the tags index, say) heads its pages with its title."""
    text = texescape.escape(title.astext()) if title is not None else ""
    return rf"\clearpage\PressworkRunningHeads{{{text}}}{{{text}}}" + "\n"


def part_title(title: str) -> str:
    """A part's title page, and its line in the contents."""
    escaped = texescape.escape(title)
    return rf"\PressworkPart{{{escaped}}}" + "\n"


class EssayBoundaries(SphinxPostTransform):
    """Tell the log and the .aux where each essay starts and ends, for offprints and reports."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Wrap every essay's part of the book in a start message and an end label."""
        settings = essays_config(self.config)
        essays = essays_domain(self.env).essays
        opens = {p.docnames[0]: part_title(p.title) for p in running_order(self.env) if p.title}
        introduce(self.document)
        for rule in list(self.document.findall(nodes.transition)):
            if "footnotes" in rule["classes"]:  # MyST's rule above web footnotes; print has none
                rule.parent.remove(rule)
        first = True
        last: nodes.Element | None = None
        for part in list(self.document.findall(addnodes.start_of_file)):
            docname = part["docname"]
            if not settings.is_essay(docname):
                part.insert(0, raw(page_heads(self.env.titles.get(docname))))
                continue
            last = part
            opening = (MAIN_MATTER if first else "") + opens.get(docname, "")
            if opening and isinstance(part.parent, nodes.Element):
                part.parent.insert(part.parent.index(part), raw(opening))
            first = False
            # \write waits for the page to ship, as LuaTeX's missing-character reports do.
            # The docname goes in as Sphinx escapes labels: no TeX character can break the .tex.
            mark = rf"\write-1{{^^J{ESSAY_MARK}:\detokenize{{{latex_label(docname)}}}^^J}}"
            essay = essays.get(docname)
            language = essay_language(self.config, essay)
            opens_language = rf"\begin{{otherlanguage}}{{{language}}}" if language else ""
            part.insert(0, raw(f"{running_heads(essay)}\n{opens_language}\n"))
            after_title(part, raw(mark + "\n"))
            authors_in_contents(part, essay)
            closes = r"\end{otherlanguage}" if language else ""
            at_the_end(part, raw(rf"\label{{\detokenize{{{end_label(docname)}}}}}"))
            if closes:
                part.append(raw(closes + "\n"))
        if last is not None and isinstance(last.parent, nodes.Element):
            ordered = [essays[name] for name in essays_in_running_order(self.env) if name in essays]
            labels = {essay.docname: doc_label(essay.docname) for essay in ordered}
            known = read_contributors(Path(self.env.srcdir) / self.config.presswork_contributors)
            chapter = contributors_chapter(ordered, labels, known)
            last.parent.insert(last.parent.index(last) + 1, raw(chapter))


class ProofNotes(SphinxPostTransform):
    """In a proof, put each citation-check finding in the margin beside its paragraph."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Find each finding's paragraph by file and line and give it a margin note."""
        if not latex_config(self.config).proof:
            return
        levels = citations_config(self.config).levels
        notes: dict[tuple[str, int], list[Finding]] = defaultdict(list)
        for finding in all_findings(self.env):
            if finding.docname and level_of(finding.subtype, levels) != OFF:
                path = str(self.env.doc2path(finding.docname))
                notes[(path, finding.line)].append(finding)
        for paragraph in list(self.document.findall(nodes.paragraph)):
            found = notes.pop((str(paragraph.source), paragraph.line or 0), None)
            if found:
                labels = dict.fromkeys(note_label(finding) for finding in found)
                note = raw(rf"\PressworkProofNote{{{texescape.escape('; '.join(labels))}}}")
                beside_sentence(paragraph, note, sentence_start(found))


def sentence_start(findings: list[Finding]) -> str:
    """The opening words of the sentence a "citation needed" finding quotes, if any."""
    for finding in findings:
        quote = quote_in(finding.message) if finding.subtype is Subtype.CITE_NEEDED else None
        if quote:
            return quote.strip("“”…")[:24]
    return ""


def beside_sentence(paragraph: nodes.paragraph, note: nodes.Node, start: str) -> None:
    """Put a margin note where its sentence begins, so it stands beside that line."""
    for text in list(paragraph.findall(nodes.Text)) if start else []:
        position = text.find(start)
        if position >= 0 and isinstance(text.parent, nodes.Element):
            parent = text.parent
            index = parent.index(text)
            parent.remove(text)
            pieces = [nodes.Text(text[:position]), note, nodes.Text(text[position:])]
            for offset, piece in enumerate(pieces):
                parent.insert(index + offset, piece)
            return
    paragraph.insert(0, note)


def note_label(finding: Finding) -> str:
    """A finding in a few words for the margin; "citation needed" quotes its sentence."""
    label = NOTE_LABELS.get(finding.subtype.value, finding.subtype.value)
    if finding.subtype is not Subtype.CITE_NEEDED:
        return label
    reason, quote = reason_in(finding.message), quote_in(finding.message)
    return " ".join(part for part in (f"{label}:", quote, reason) if part) if reason else label


def source_facts(book: Publication) -> dict[str, str]:
    """What an offprint's source line names of the book."""
    return {
        "title": book.title,
        "editors": book.editors,
        "publisher": book.publisher,
        "year": book.year,
        "licence": book.licence,
    }


def write_manifest(app: Sphinx, exception: Exception | None) -> None:
    """Beside the .tex, what the PDF step needs of each essay: title, authors, tags, language."""
    if exception is not None or app.builder.format != "latex":
        return
    settings = essays_config(app.config)
    essays = {
        essay.docname: {
            "title": essay.display_title,
            "authors": list(essay.author_names),
            "tags": list(essay.meta.tags),
            "categories": list(essay.meta.categories),
            "lang": essay.meta.lang or app.config.language or "en",
            "offprint": output_name(essay.docname, settings.essays_dir, OFFPRINT_SUFFIX),
            "mark": latex_label(essay.docname),
            "start": doc_label(essay.docname),
            "end": end_label(essay.docname),
            "source": str(app.env.doc2path(essay.docname)),
        }
        for essay in essays_domain(app.env).newest_first()
    }
    print_settings = latex_config(app.config)
    manifest = {
        "title": app.config.project,
        "trim": dataclasses.asdict(print_settings.trim),
        "bleed": print_settings.bleed,
        "gutter": print_settings.designed_margins and not print_settings.proof,
        "book": source_facts(publication(app.config)),
        "editors": latex_config(app.config).editors,
        "language": app.config.language or "en",
        "strict": latex_config(app.config).strict,
        "engine": engine_for(scripts_domain(app.env).collection_needs()),
        "essays": essays,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False)
    write_atomically(Path(app.outdir) / MANIFEST, text.encode("utf-8"))
