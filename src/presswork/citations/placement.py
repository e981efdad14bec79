"""Put an essay's formatted citations in place: in the text, in footnotes, and its references."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from presswork.citations.domain import citations_domain
from presswork.citations.markup import markup_nodes
from presswork.citations.nodes import (
    pending_citation,
    reference_entry,
    references_list,
    references_placeholder,
)
from presswork.citations.outdated import citing_outdated, note_style
from presswork.citations.processor import EssayCitations, Request, Work
from presswork.citations.styles import DEFAULT_STYLE, Style, configured_style, load_style

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STYLE_KEY = "style"
NOTE_CLASS = "presswork-citation-note"


def prepare_style(app: Sphinx) -> None:
    """Load the publication's style once per build, reporting a style that cannot be used."""
    style = configured_style(app.config, Path(app.srcdir))
    note_style(app.env, style.name, style.digest)
    citations_domain(app.env).data[STYLE_KEY] = (style.name, style.digest)


def essay_style(env: BuildEnvironment) -> Style:
    """The style this build formats with (read once per process)."""
    name, _digest = citations_domain(env).data.get(STYLE_KEY) or (DEFAULT_STYLE, "")
    return load_style(name, Path(env.srcdir))


def entry_id(key: str) -> str:
    """The id of a work's entry in an essay's reference list."""
    return nodes.make_id(f"ref-{key}") or "ref"


class FormatCitations(SphinxTransform):
    """Format every citation of the document just read and fill in its reference list."""

    default_priority = 610  # before docutils numbers footnotes (620), so notes share numbers

    def apply(self, **kwargs: Any) -> None:
        """Format, place the notes, fill the references."""
        pending = list(self.document.findall(pending_citation))
        placeholders = list(self.document.findall(references_placeholder))
        if not pending and not placeholders:
            return
        entries = self.entries()
        style = essay_style(self.env)
        requests = [self.request(node, style, entries) for node in pending]
        authors = [Request(r.works, "author") for r in requests if r.form == "note-t"]
        formatted = EssayCitations(style, entries).format(
            [Request(r.works, "note-without-author") if r.form == "note-t" else r for r in requests]
            + authors
        )
        listed = {w.key for r in requests for w in r.works if style.is_note or r.form != "full"}
        author_forms = iter(formatted.citations[len(requests) :])
        notes: list[nodes.footnote] = []
        for index, (node, request, markup) in enumerate(
            zip(pending, requests, formatted.citations, strict=False)
        ):
            author = next(author_forms) if request.form == "note-t" else ""
            node.replace_self(self.placed(node, request, markup, author, notes, index))
        references = [(key, markup) for key, markup in formatted.references if key in listed]
        for placeholder in placeholders:
            self.fill(placeholder, references)
        if notes:
            self.place_notes(notes)

    def request(self, node: pending_citation, style: Style, entries: dict[str, Any]) -> Request:
        """What the formatter is asked for one citation."""
        works = tuple(
            Work(key, prefix, note) for key, prefix, note in node["works"] if key in entries
        )
        form = node["form"]
        if node["foot"] and not style.is_note:
            form = "full"
        elif style.is_note and form in {"t", "ct"}:
            form = "note-t"
        elif style.is_note and form == "p":
            form = "note"
        return Request(works, form)

    def placed(  # noqa: PLR0917 (everything a citation's place depends on)
        self,
        node: pending_citation,
        request: Request,
        markup: str,
        author: str,
        notes: list[nodes.footnote],
        index: int,
    ) -> list[nodes.Node]:
        """The nodes that stand where the citation was written."""
        result: list[nodes.Node] = []
        known = {work.key for work in request.works}
        if markup and request.form == "note-t":
            result += self.in_text(author, request, capitalise=node["form"] == "ct")
            result.append(self.note(markup, notes, index))
        elif markup and request.form in {"note", "full"}:
            result.append(self.note(markup, notes, index))
        elif markup:
            result += self.in_text(markup, request, capitalise=request.form in {"ct", "cauthor"})
        for key in (key for key, _prefix, _note in node["works"] if key not in known):
            label = f"[{key}?]"
            result.append(nodes.strong(label, label, classes=["presswork-unresolved-citation"]))
        return result

    def entries(self) -> dict[str, Any]:
        """The collection's entries."""
        bibliography = citations_domain(self.env).data.get("bibliography")
        return bibliography.entries if bibliography else {}

    def in_text(self, markup: str, request: Request, capitalise: bool) -> list[nodes.Node]:
        """A citation in the running text, each work linked to its entry."""
        inline = nodes.inline(classes=["presswork-citation"])
        inline += markup_nodes(markup, [entry_id(work.key) for work in request.works])
        if capitalise:
            capitalise_first(inline)
        return [inline]

    def note(self, markup: str, notes: list[nodes.footnote], index: int) -> nodes.Node:
        """A footnote holding the citation, numbered with the essay's other footnotes."""
        name = f"presswork-citation-{index}"
        reference = nodes.footnote_reference("", "", auto=1, refname=name)
        self.document.note_autofootnote_ref(reference)
        self.document.note_footnote_ref(reference)
        paragraph = nodes.paragraph("", "", *markup_nodes(markup))
        capitalise_first(paragraph)  # a note is a sentence: "See Webb", not "see Webb"
        footnote = nodes.footnote("", paragraph, auto=1, names=[name], classes=[NOTE_CLASS])
        self.document.note_autofootnote(footnote)
        self.document.note_explicit_target(footnote, footnote)
        notes.append(footnote)
        return reference

    def fill(self, placeholder: references_placeholder, references: list[tuple[str, str]]) -> None:
        """The reference list, or nothing (and no empty heading) when nothing is listed."""
        if not references:
            section = placeholder.parent
            placeholder.parent.remove(placeholder)
            if isinstance(section, nodes.section) and len(section.children) == 1:
                section.parent.remove(section)
            return
        listing = references_list(classes=["presswork-references"])
        for key, markup in references:
            listing += reference_entry("", "", *markup_nodes(markup), ids=[entry_id(key)], key=key)
        placeholder.replace_self(listing)

    def place_notes(self, notes: list[nodes.footnote]) -> None:
        """Notes join the essay's footnotes, numbered in the order they are cited.

        MyST then moves every footnote to the end of the page and numbers them in the order
        of ``autofootnote_refs``, which is put in reading order here.
        """
        self.document += notes
        order = {
            id(ref): index
            for index, ref in enumerate(self.document.findall(nodes.footnote_reference))
        }
        self.document.autofootnote_refs.sort(key=lambda ref: order.get(id(ref), len(order)))

        def first_reference(footnote: nodes.footnote) -> int:
            refs = [
                r for name in footnote["names"] for r in self.document.footnote_refs.get(name, [])
            ]
            return min((order.get(id(r), len(order)) for r in refs), default=len(order))

        self.document.autofootnotes.sort(key=first_reference)


def capitalise_first(element: nodes.Element) -> None:
    """Give the first letter of an element's text a capital."""
    first = next(iter(element.findall(nodes.Text)), None)
    if first is not None and first.parent is not None:
        first.parent.replace(first, nodes.Text(first[:1].upper() + first[1:]))


def register_placement(app: Sphinx) -> None:
    """The transform, and the style read at the start of each build."""
    app.add_transform(FormatCitations)
    app.connect("builder-inited", prepare_style)
    app.connect("env-get-outdated", citing_outdated)
