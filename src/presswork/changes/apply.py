"""A proof with ``presswork_proof_since``: every essay's changes marked, listed at the front."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from presswork.changes.compare import Changes, EssayChanges, Removed, collection_changes
from presswork.changes.marks import change_note, changed_heading, deleted, inserted
from presswork.changes.revision import Revision, resolve
from presswork.changes.words import DELETED, INSERTED, KEPT, Run, alike
from presswork.citations.nodes import reference_entry
from presswork.diagnostics import Subtype, warn
from presswork.essays.nodes import _, essay_header
from presswork.essays.running_order import essays_in_running_order
from presswork.latex.config import latex_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

WORD = re.compile(r"\S+")
EDGES = ".,;:!?()[]'\"‘’“”"
# Text in these is set verbatim, links or references: its words count but carry no mark.
UNMARKED = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.reference,
    nodes.footnote_reference,
    nodes.citation_reference,
    addnodes.pending_xref,
    inserted,
    deleted,
)

REVISIONS: WeakKeyDictionary[Sphinx, Revision] = WeakKeyDictionary()
CHANGES: WeakKeyDictionary[BuildEnvironment, Changes] = WeakKeyDictionary()


def since_of(app: Sphinx) -> str:
    """The revision the proof marks changes since, or ""."""
    return str(app.config.presswork_proof_since or "").strip()


def read_revision(app: Sphinx) -> None:
    """Before anything is read, make sure the revision exists (a clear error if not)."""
    since = since_of(app)
    if not since or app.builder.format != "latex":
        return
    if not latex_config(app.config).proof:
        warn(Subtype.CONFIG, "presswork_proof_since marks changes in proofs only; ignored", None)
        return
    REVISIONS[app] = resolve(Path(app.srcdir), since)


def compare_collection(app: Sphinx, env: BuildEnvironment) -> None:
    """Once every essay is read: compare each with the revision and write the changes page."""
    revision = REVISIONS.get(app)
    if revision is None:
        return
    changes = collection_changes(app, revision, essays_in_running_order(env))
    CHANGES[env] = changes
    context: Any = app.builder.context  # type: ignore[attr-defined]
    context["tableofcontents"] = changes_page(changes) + context.get("tableofcontents", "")


def changes_page(changes: Changes) -> str:
    """The "Changes since" page: each changed essay with the pages its marks fall on."""
    revision = changes.revision
    when = f" ({revision.date})" if revision.date else ""
    heading = texescape.escape(_("Changes since %s") % revision.short + when)
    legend = _(
        "New words are blue and underlined, deleted words red and struck through; a bar in the "
        "margin marks each line with a change. Each essay with changes, and its pages:"
    )
    lines = [rf"\PressworkChangesPage{{{heading}}}", rf"{{\small {texescape.escape(legend)}\par}}"]
    for number, essay in enumerate(changes.essays.values(), 1):
        if not essay.marked:
            continue
        note = _("new essay") if essay.new else essay.authors
        lines.append(
            rf"\PressworkChangedEssay{{{texescape.escape(essay.title)}}}"
            rf"{{{texescape.escape(note)}}}{{{number}}}"
        )
    for _docname, title in changes.gone:
        lines.append(
            rf"\PressworkRemovedEssay{{{texescape.escape(title)}}}{{{texescape.escape(_('removed'))}}}"
        )
    if len(lines) == 1:
        lines.append(texescape.escape(_("No essay has changed.")))
    lines.append(r"\PressworkChangesEnd")
    return "\n".join(lines) + "\n"


class MarkChanges(SphinxPostTransform):
    """In a proof since a revision, mark every essay's inserted and deleted words."""

    default_priority = 880  # before the script runs and the proof notes split the text
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Mark each changed essay of the book."""
        changes = CHANGES.get(self.env)
        if changes is None:
            return
        numbers = {docname: number for number, docname in enumerate(changes.essays, 1)}
        for part in list(self.document.findall(addnodes.start_of_file)):
            essay = changes.essays.get(part["docname"])
            if essay is not None and essay.marked:
                path = str(self.env.doc2path(essay.docname))
                mark_essay(part, essay, numbers[essay.docname], path)


def mark_essay(part: nodes.Element, essay: EssayChanges, number: int, path: str) -> None:
    """Marks in one essay's part of the book."""
    section = next(iter(part.findall(nodes.section)), None)
    title = section[0] if section is not None and isinstance(section[0], nodes.title) else None
    if essay.new:
        note = change_note("", nodes.Text(_("new essay")), essay=number)
        first = next(iter(part.findall(nodes.paragraph)), None)
        if first is not None:
            first.insert(0, note)
        elif section is not None:
            section.append(nodes.paragraph("", "", note))
        return
    by_line = printed_blocks(part, path)
    headings_done: set[int] = set()
    if "title" in essay.fields and title is not None:
        note_heading(title, essay.fields["title"], number, _("Title"))
        headings_done.add(id(title))
    header = next(iter(part.findall(essay_header)), None)
    if header is not None:
        marked = {k: [[r.op, r.text] for r in v] for k, v in essay.fields.items() if k != "title"}
        if marked:
            header["changes"], header["change_essay"] = marked, number
    for revised in essay.revised:
        element = block_at(by_line, revised.line, revised.nth)
        if element is None or id(element) in headings_done:
            continue
        if isinstance(element, nodes.title):
            note_heading(element, revised.runs, number, _("Heading"))
        else:
            mark_words(element, revised.runs, number)
    for removed in essay.removed:
        put_removed(part, by_line, removed, number)
    mark_works(part, essay, number)


def mark_works(part: nodes.Element, essay: EssayChanges, number: int) -> None:
    """In the essay's references, a new work marked whole, a revised one field by field."""
    for entry in list(part.findall(reference_entry)):
        fields = essay.works.get(entry.get("key", ""))
        if fields is None:
            continue
        if not fields:  # the work is new to the bibliography
            words = [str(text) for text, _markable in own_texts(entry)]
            fields = [[Run(INSERTED, tuple(" ".join(words).split()))]]
        for runs in fields:
            mark_words(entry, runs, number, loose=False)


def printed_blocks(part: nodes.Element, path: str) -> dict[int, list[nodes.Element]]:
    """The essay's paragraphs, headings and cells by the source line they start on."""
    by_line: dict[int, list[nodes.Element]] = defaultdict(list)
    for node in part.findall(nodes.TextElement):
        if isinstance(node, (nodes.Inline, nodes.FixedTextElement, nodes.label)):
            continue
        if node.line and str(node.source) == path:
            by_line[node.line].append(node)
    return by_line


def block_at(by_line: dict[int, list[nodes.Element]], line: int, nth: int) -> nodes.Element | None:
    """The printed block a source block became."""
    found = by_line.get(line, [])
    return found[nth] if nth < len(found) else None


def note_heading(title: nodes.Element, runs: list[Run], number: int, label: str) -> None:
    """Under a heading (marks cannot go into it: it moves to the contents), its words marked."""
    line = changed_heading("", "", nodes.emphasis("", label + ": "))
    line.extend(run_nodes(runs, number))
    parent = title.parent
    if isinstance(parent, nodes.Element):
        parent.insert(parent.index(title) + 1, line)


def run_nodes(runs: list[Run], number: int) -> list[nodes.Node]:
    """Runs as text and marks, spaced."""
    out: list[nodes.Node] = []
    for run in runs:
        if out:
            out.append(nodes.Text(" "))
        if run.op == KEPT:
            out.append(nodes.Text(run.text))
        else:
            kind = inserted if run.op == INSERTED else deleted
            out.append(kind("", nodes.Text(run.text), essay=number))
    return out


def put_removed(
    part: nodes.Element, by_line: dict[int, list[nodes.Element]], removed: Removed, number: int
) -> None:
    """A removed block, struck through, where it stood: before the block that now follows it."""
    paragraph = nodes.paragraph(
        "", "", deleted("", nodes.Text(" ".join(removed.words)), essay=number)
    )
    anchor = block_at(by_line, *removed.before) if removed.before else None
    if anchor is not None and isinstance(anchor, nodes.title):
        anchor = anchor.parent  # before the section, never inside its heading
    if anchor is None or not isinstance(anchor.parent, nodes.Element):
        last = next(reversed(list(part.findall(nodes.section))), part)
        last.append(paragraph)
        return
    anchor.parent.insert(anchor.parent.index(anchor), paragraph)


class Word:
    """A word of the printed block: the Text node it is in, and where."""

    __slots__ = ("end", "markable", "start", "text")

    def __init__(self, text: nodes.Text, start: int, end: int, markable: bool) -> None:
        self.text, self.start, self.end, self.markable = text, start, end, markable


def own_texts(element: nodes.Element, markable: bool = True) -> list[tuple[nodes.Text, bool]]:
    """The block's Text nodes in order, not those of notes or blocks nested in it."""
    found: list[tuple[nodes.Text, bool]] = []
    for child in element.children:
        if isinstance(child, nodes.Text):
            found.append((child, markable))
        elif isinstance(child, nodes.Inline) and isinstance(child, nodes.Element):
            found.extend(own_texts(child, markable and not isinstance(child, UNMARKED)))
    return found


def mark_words(element: nodes.Element, runs: list[Run], number: int, loose: bool = True) -> None:
    """Mark the inserted words of a revised block and put its deleted words where they were."""
    words = [
        Word(text, match.start(), match.end(), markable)
        for text, markable in own_texts(element)
        for match in WORD.finditer(str(text))
    ]
    source: list[tuple[str, bool]] = []
    gaps: list[tuple[int, str]] = []  # (index of the source word the deletion stood before, words)
    for run in runs:
        if run.op == DELETED:
            gaps.append((len(source), run.text))
        else:
            source.extend((word, run.op == INSERTED) for word in run.words)
    printed = [str(word.text)[word.start : word.end] for word in words]
    at = aligned([word for word, _new in source], printed, loose)
    edits: dict[int, list[tuple[int, int, nodes.Node]]] = defaultdict(list)
    for index, (_word, new) in enumerate(source):
        target = at.get(index)
        if new and target is not None and words[target].markable:
            word = words[target]
            edits[id(word.text)].append((word.start, word.end, inserted("", essay=number)))
    texts = {id(text): text for text, _markable in own_texts(element)}
    trailing: list[nodes.Node] = []
    for position, gone in gaps:
        mark = deleted("", nodes.Text(gone), essay=number)
        if position - 1 in at:
            word = words[at[position - 1]]
            edits[id(word.text)].append((word.end, word.end, mark))
        elif position in at:
            word = words[at[position]]
            edits[id(word.text)].append((word.start, word.start, mark))
        else:
            trailing.append(mark)
    for key, changes in edits.items():
        split_text(texts[key], changes)
    for gone_mark in trailing:
        element.extend([nodes.Text(" "), gone_mark])
    if not edits and not trailing:
        element.insert(0, change_note("", nodes.Text(""), essay=number))


def aligned(source: list[str], printed: list[str], loose: bool = True) -> dict[int, int]:
    """Which printed word each source word became, where that can be told.

    Loosely, a stretch of as many different words counts as those words retyped (a role
    printed as its text); a field of a reference is only found where its words are printed.
    """
    at: dict[int, int] = {}
    bare = [word.strip(EDGES) or word for word in source]
    for tag, i1, i2, j1, j2 in alike(bare, [w.strip(EDGES) or w for w in printed]).get_opcodes():
        if tag == "equal" or (loose and tag == "replace" and i2 - i1 == j2 - j1):
            at.update(zip(range(i1, i2), range(j1, j2), strict=True))
    return at


def split_text(text: nodes.Text, changes: list[tuple[int, int, nodes.Node]]) -> None:
    """Replace a Text node by its pieces: plain text, inserted words, deleted words."""
    value = str(text)
    pieces: list[nodes.Node] = []
    position = 0
    for start, end, mark in merged(changes):
        if start > position:
            pieces.append(nodes.Text(value[position:start]))
        if isinstance(mark, inserted):
            mark.append(nodes.Text(value[start:end]))
            pieces.append(mark)
        else:  # a deletion between two words, spaced from both
            pieces.extend(
                [nodes.Text(" "), mark] if start and value[start - 1 : start] != " " else [mark]
            )
            if end >= len(value) or value[end] != " ":
                pieces.append(nodes.Text(" "))
        position = max(position, end)
    if position < len(value):
        pieces.append(nodes.Text(value[position:]))
    parent = text.parent
    if isinstance(parent, nodes.Element):
        parent.replace(text, pieces)


def merged(changes: list[tuple[int, int, nodes.Node]]) -> list[tuple[int, int, nodes.Node]]:
    """Neighbouring inserted words as one mark, so the spaces between them are marked too."""
    out: list[tuple[int, int, nodes.Node]] = []
    for start, end, mark in sorted(changes, key=lambda change: (change[0], change[1])):
        previous = out[-1] if out else None
        if (
            previous is not None
            and isinstance(mark, inserted)
            and isinstance(previous[2], inserted)
            and start - previous[1] <= 1
        ):
            out[-1] = (previous[0], end, previous[2])
            continue
        out.append((start, end, mark))
    return out


def register(app: Sphinx) -> None:
    """The setting, the events and the transform."""
    app.add_config_value("presswork_proof_since", "", "", types=frozenset({str}))
    app.connect("builder-inited", read_revision)
    app.connect("env-updated", compare_collection, priority=700)
    app.add_post_transform(MarkChanges)
