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
from presswork.changes.words import DELETED, INSERTED, KEPT, Run, alike, printed
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
    contents = app.config.latex_elements.get("tableofcontents", "")  # as set, so never twice
    context["tableofcontents"] = changes_page(changes) + contents


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
    if len(lines) == 2:  # the heading and the legend: no essay has changes
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
    unplaced = 0
    for revised in essay.revised:
        element = block_at(by_line, revised.line, revised.nth)
        if element is None:
            unplaced += 1
        elif id(element) in headings_done:
            continue
        elif isinstance(element, nodes.title):
            note_heading(element, revised.runs, number, _("Heading"))
        else:
            mark_words(element, revised.runs, number)
    for removed in essay.removed:
        put_removed(part, by_line, removed, number)
    mark_works(part, essay, number)
    opening = next(iter(part.findall(nodes.paragraph)), None)
    if unplaced and opening is not None:  # text printed where the proof cannot point to it
        said = (
            _("%d changes not marked in the text") % unplaced
            if unplaced > 1
            else _("a change not marked in the text")
        )
        opening.insert(0, change_note("", nodes.Text(said), essay=number))


def mark_works(part: nodes.Element, essay: EssayChanges, number: int) -> None:
    """In the essay's references, a new work marked whole, a revised one field by field."""
    for entry in list(part.findall(reference_entry)):
        key = entry.get("key", "")
        if key not in essay.works:
            continue
        fields = essay.works[key]
        if fields is None:  # the work is new to the bibliography
            words = [str(word) for word in own_words(entry)]
            fields = [[Run(INSERTED, tuple(words))]]
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
            out.append(mark_of(run.op, run.text, number))
    return out


def mark_of(op: str, text: str, number: int) -> nodes.Node:
    """Words inserted or deleted; a change with no words to print (a role) is a bare bar."""
    if not text:
        return change_note("", nodes.Text(""), essay=number)
    kind = inserted if op == INSERTED else deleted
    return kind("", nodes.Text(text), essay=number)


def put_removed(
    part: nodes.Element, by_line: dict[int, list[nodes.Element]], removed: Removed, number: int
) -> None:
    """A removed block, struck through, where it stood: before the block that now follows it."""
    block: nodes.Element = nodes.paragraph("", "", mark_of(DELETED, printed(removed.words), number))
    anchor = block_at(by_line, *removed.before) if removed.before else None
    if anchor is not None and isinstance(anchor, nodes.title):
        anchor = anchor.parent  # before the section, never inside its heading
    in_item = anchor is not None and isinstance(anchor.parent, nodes.list_item)
    if in_item and anchor is not None and anchor.parent.index(anchor) == 0:
        anchor = anchor.parent  # beside the item, not inside it
        if removed.kind == "list_item":
            block = nodes.list_item("", block)  # an item that went: a struck item
    if anchor is None or not isinstance(anchor.parent, nodes.Element):
        last = next(reversed(list(part.findall(nodes.section))), part)
        last.append(block)
        return
    anchor.parent.insert(anchor.parent.index(anchor), block)


class Word:
    """A word of the printed block: its Text node, where, and what holds it if it is unmarked."""

    __slots__ = ("end", "holder", "start", "text")

    def __init__(self, text: nodes.Text, start: int, end: int, holder: nodes.Node | None) -> None:
        self.text, self.start, self.end, self.holder = text, start, end, holder

    def __str__(self) -> str:
        return str(self.text)[self.start : self.end]


def own_texts(
    element: nodes.Element, holder: nodes.Node | None = None
) -> list[tuple[nodes.Text, nodes.Node | None]]:
    """The block's Text nodes in order (not those of notes or blocks nested in it).

    Each comes with the outermost inline that must not be marked inside (a link, maths,
    code), or None where marks may go.
    """
    found: list[tuple[nodes.Text, nodes.Node | None]] = []
    for child in element.children:
        if isinstance(child, nodes.Text):
            found.append((child, holder))
        elif isinstance(child, nodes.Inline) and isinstance(child, nodes.Element):
            inner = holder or (child if isinstance(child, UNMARKED) else None)
            found.extend(own_texts(child, inner))
    return found


def own_words(element: nodes.Element) -> list[Word]:
    """The block's printed words, in order."""
    return [
        Word(text, match.start(), match.end(), holder)
        for text, holder in own_texts(element)
        for match in WORD.finditer(str(text))
    ]


def mark_words(element: nodes.Element, runs: list[Run], number: int, loose: bool = True) -> None:
    """Mark the inserted words of a revised block and put its deleted words where they were."""
    words = own_words(element)
    source: list[tuple[str, bool]] = []
    gaps: list[tuple[int, str]] = []  # (index of the source word the deletion stood before, words)
    for run in runs:
        if run.op == DELETED:
            gaps.append((len(source), run.text))
        else:
            source.extend((word, run.op == INSERTED) for word in run.words)
    at = aligned([word for word, _new in source], [str(word) for word in words], loose)
    edits: dict[int, list[tuple[int, int, nodes.Node]]] = defaultdict(list)
    for index, (_word, new) in enumerate(source):
        target = at.get(index)
        if new and target is not None and words[target].holder is None:
            word = words[target]
            edits[id(word.text)].append((word.start, word.end, inserted("", essay=number)))
    beside: list[tuple[nodes.Node, bool, nodes.Node]] = []  # (unmarked inline, after it?, mark)
    trailing: list[nodes.Node] = []
    for position, gone in gaps:
        mark = mark_of(DELETED, gone, number)
        if position - 1 in at:
            word, after = words[at[position - 1]], True
        elif position in at:
            word, after = words[at[position]], False
        else:
            trailing.append(mark)
            continue
        if word.holder is not None:  # never inside a link, maths or code: beside it
            beside.append((word.holder, after, mark))
        else:
            where = word.end if after else word.start
            edits[id(word.text)].append((where, where, mark))
    texts = {id(text): text for text, _holder in own_texts(element)}
    for key, changes in edits.items():
        split_text(texts[key], changes)
    for holder, after, mark in beside:
        parent = holder.parent
        if isinstance(parent, nodes.Element):
            index = parent.index(holder) + (1 if after else 0)
            spaced = [nodes.Text(" "), mark] if after else [mark, nodes.Text(" ")]
            parent[index:index] = [mark] if isinstance(mark, change_note) else spaced
    for gone_mark in trailing:
        element.extend([nodes.Text(" "), gone_mark])
    if not edits and not trailing and not beside:
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
        elif isinstance(mark, change_note):  # a bar alone takes no room in the line
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
