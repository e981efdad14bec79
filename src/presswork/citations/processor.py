"""One essay's citations formatted by citeproc-py: in-text forms, notes and the reference list.

Everything is done per essay, when it is read: year suffixes (2020a, 2020b) are given among the
works the essay cites, as its reference list is the one a reader checks them against.
Formatted entries and in-text forms are remembered per process by style, entry and form, so a
work cited by a hundred essays is formatted once.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any

from citeproc import Citation, CitationItem, CitationStylesBibliography
from citeproc.formatter import html as html_formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from presswork.citations.citeproc_speed import SortKeys, descending_keys, sort_keys, sorted_keys
from presswork.citations.csljson import to_csl

if TYPE_CHECKING:
    from presswork.citations.bibfiles import BibEntry
    from presswork.citations.styles import Style

OPEN, CLOSE = "\ue000", "\ue001"  # around each work in a citation, to link it to its entry
SENTINEL = "\ue002"
PAGE_MARK = 91827364  # a locator no work has; "p. 12" is formatted as "p. 91827364", then put back
LOCATOR_LABELS = {
    "p.": "page",
    "pp.": "page",
    "page": "page",
    "pages": "page",
    "chap.": "chapter",
    "ch.": "chapter",
    "chapter": "chapter",
    "sec.": "section",
    "§": "section",
    "§§": "section",
    "n.": "note",
    "nn.": "note",
    "vol.": "volume",
    "fig.": "figure",
    "l.": "line",
    "ll.": "line",
    "para.": "paragraph",
    "¶": "paragraph",
    "col.": "column",
    "bk.": "book",
    "pt.": "part",
}
BARE_LOCATOR = re.compile(r"^[\divxlcdm]+(?:\s*[-–,]\s*[\divxlcdm]+)*$", re.IGNORECASE)
NAME_VARIABLES = ("author", "editor", "translator")


@dataclass(frozen=True)
class Work:
    """One work in a citation, with what the author wrote around it."""

    key: str
    prefix: str = ""
    note: str = ""


@dataclass(frozen=True)
class Request:
    """One citation as written: its works and its form.

    Forms: 'p' (Thompson 1963), 't' Thompson (1963), 'ct' and 'cauthor' (capitalised by the
    caller), 'author', 'year', 'yearpar' (1963), 'note' (a note's text, by position) and
    'full' (the reference-list entry).
    """

    works: tuple[Work, ...]
    form: str = "p"


@dataclass
class Formatted:
    """An essay's citations as markup, in the order asked, and its reference list."""

    citations: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)


_items: dict[tuple[str, int], dict[str, Any]] = {}
_entries: dict[tuple[str, str, str], tuple[str, SortKeys]] = {}
_in_text: dict[tuple[str, Any], str] = {}


def entry_digest(entry: BibEntry) -> str:
    """What an entry's formatting depends on."""
    text = repr((entry.key, entry.kind, sorted(entry.fields.items())))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def csl_item(entry: BibEntry, suffix: str = "") -> dict[str, Any]:
    """The entry as CSL-JSON, with its year suffix; converted once per process."""
    cache_key = (entry_digest(entry), 0)
    if cache_key not in _items:
        _items[cache_key] = to_csl(entry)
    item = dict(_items[cache_key])
    if suffix:
        item["year-suffix"] = suffix
    return item


def locator_of(note: str) -> tuple[Locator | None, str]:
    """'p. 12' as a page locator; a note that is not a locator stays a suffix."""
    text = note.strip()
    if not text:
        return None, ""
    label, _space, rest = text.partition(" ")
    if label.lower() in LOCATOR_LABELS and rest.strip():
        return Locator(LOCATOR_LABELS[label.lower()], rest.strip()), ""
    if BARE_LOCATOR.match(text):
        return Locator("page", text), ""
    return None, text


class EssayCitations:
    """Formats every citation of one essay and its reference list."""

    def __init__(self, style: Style, entries: dict[str, BibEntry]) -> None:
        self.style = style
        self.entries = entries
        self.noted: set[str] = set()  # works cited so far, for a note's position

    def format(self, requests: list[Request]) -> Formatted:
        """Markup for each request and the (key, markup) reference list, in the style's order."""
        keys = list(
            dict.fromkeys(w.key for r in requests for w in r.works if w.key in self.entries)
        )
        suffixes = {} if self.style.is_note else self.year_suffixes(keys)
        bibliography = self.bibliography(keys, suffixes)
        result = Formatted()
        for request in requests:
            works = tuple(w for w in request.works if w.key in self.entries)
            if not works:
                result.citations.append("")
                continue
            result.citations.append(self.citation(bibliography, works, request.form, suffixes))
        if self.style.numbered:
            sorted_items = self.style.csl.sort_bibliography(list(bibliography.items))
            bibliography.items = sorted_items
            bibliography.keys = [item.key for item in sorted_items]
            rendered = [str(text) for text in bibliography.bibliography()]
            by_lower = {key.lower(): key for key in keys}
            result.references = [
                (by_lower[item.key], text)
                for item, text in zip(sorted_items, rendered, strict=True)
            ]
        else:
            result.references = [
                (key, self.entry(key, suffixes.get(key, "")))
                for key in self.ordered(keys, suffixes)
            ]
        return result

    def ordered(self, keys: list[str], suffixes: dict[str, str]) -> list[str]:
        """The works in the style's reference-list order, from each entry's own sort keys."""
        values = {key: self.formatted_entry(key, suffixes.get(key, ""))[1] for key in keys}
        descending = descending_keys(self.style.csl)
        return sorted_keys(values, descending)

    def bibliography(self, keys: list[str], suffixes: dict[str, str]) -> Any:
        """A citeproc-py bibliography holding the essay's works, in order of first citation."""
        source = CiteProcJSON([csl_item(self.entries[k], suffixes.get(k, "")) for k in keys])
        bibliography = CitationStylesBibliography(self.style.csl, source, html_formatter)
        bibliography.register(Citation([CitationItem(key) for key in keys]))
        return bibliography

    def entry(self, key: str, suffix: str) -> str:
        """One reference-list entry as markup."""
        return self.formatted_entry(key, suffix)[0]

    def formatted_entry(self, key: str, suffix: str) -> tuple[str, SortKeys]:
        """An entry's markup and sort keys, found once per style, entry and suffix."""
        cache_key = (self.style.digest, entry_digest(self.entries[key]), suffix)
        if cache_key not in _entries:
            source = CiteProcJSON([csl_item(self.entries[key], suffix)])
            bibliography = CitationStylesBibliography(self.style.csl, source, html_formatter)
            item = CitationItem(key)
            bibliography.register(Citation([item]))
            rendered = bibliography.bibliography()
            markup = str(rendered[0]) if rendered else ""
            _entries[cache_key] = (markup, sort_keys(self.style.csl, item))
        return _entries[cache_key]

    def citation(
        self, bibliography: Any, works: tuple[Work, ...], form: str, suffixes: dict[str, str]
    ) -> str:
        """One citation as markup; in-text forms are remembered, notes depend on position."""
        if form == "note":
            return self.render(bibliography, works)
        if form == "note-without-author":
            return self.note_without_author(bibliography, works)
        if self.style.numbered:
            return self.in_text(bibliography, works, form, suffixes)
        if form == "full":
            return "; ".join(self.entry(w.key, suffixes.get(w.key, "")) for w in works)
        shapes, pages = page_shapes(works)
        fingerprint = (
            form,
            tuple((w, entry_digest(self.entries[w.key]), suffixes.get(w.key, "")) for w in shapes),
        )
        cache_key = (self.style.digest, fingerprint)
        if cache_key not in _in_text:
            _in_text[cache_key] = self.in_text(bibliography, shapes, form, suffixes)
        text = _in_text[cache_key]
        for mark, number in pages.items():
            if text.count(mark) != 1:
                return self.in_text(bibliography, works, form, suffixes)
            text = text.replace(mark, number)
        return text

    def in_text(
        self, bibliography: Any, works: tuple[Work, ...], form: str, suffixes: dict[str, str]
    ) -> str:
        """The forms of the text itself: '(A 1963)', 'A (1963)', 'A', '1963'."""
        if form == "p":
            return self.render(bibliography, works)
        if form == "yearpar":
            layout = self.layout()
            years = [self.narrative(w, "year", suffixes.get(w.key, "")) for w in works]
            return f"{layout.get('prefix', '')}{'; '.join(years)}{layout.get('suffix', '')}"
        form = {"ct": "t", "cauthor": "author"}.get(form, form)
        parts = [self.narrative(work, form, suffixes.get(work.key, "")) for work in works]
        return "; ".join(part for part in parts if part)

    def render(self, bibliography: Any, works: tuple[Work, ...]) -> str:
        """A parenthetical citation (or a note's text), each work wrapped in link marks."""
        items = []
        for index, work in enumerate(works):
            options = citation_options(work)
            options["prefix"] = f"{OPEN}{index}{CLOSE}{prefixed(work)}"
            options["suffix"] = options.get("suffix", "") + OPEN
            items.append(CitationItem(work.key, **options))
        citation = Citation(items)
        bibliography.register(citation)
        self.noted.update(work.key.lower() for work in works)
        return str(bibliography.cite(citation, lambda item: None))

    def cite_one(self, item: dict[str, Any], work: Work) -> str:
        """One work's parenthetical form from a CSL item, without link marks.

        In a note style the work is cited twice and the second, short form kept: the names a
        sentence gives before its note are the short ones ("Thompson", not "E. P. Thompson").
        """
        bibliography = CitationStylesBibliography(
            self.style.csl, CiteProcJSON([item]), html_formatter
        )
        text = ""
        for _time in range(2 if self.style.is_note else 1):
            citation = Citation([CitationItem(work.key, **citation_options(work))])
            bibliography.register(citation)
            text = str(bibliography.cite(citation, lambda item: None))
        return text

    def narrative(self, work: Work, form: str, suffix: str) -> str:
        """'Thompson (1963, 12)', 'Thompson' or '1963', cut from the style's parenthetical form.

        The form is rendered twice, once with the work's names replaced by a mark: what stands
        where the mark stood is the author, what follows it (inside the brackets) the rest.
        """
        item = csl_item(self.entries[work.key], suffix)
        whole = self.cite_one(item, work)
        variable = next((name for name in NAME_VARIABLES if item.get(name)), None)
        if variable is None:
            return f"{OPEN}0{CLOSE}{prefixed(work)}{whole}{OPEN}"
        probe = self.cite_one({**item, variable: [{"literal": SENTINEL}]}, work)
        before, _mark, after = probe.partition(SENTINEL)
        if not (_mark and whole.startswith(before) and whole.endswith(after)):
            return f"{OPEN}0{CLOSE}{prefixed(work)}{whole}{OPEN}"
        layout = self.layout()
        opening, closing = layout.get("prefix", ""), layout.get("suffix", "")
        author = whole[len(before) : len(whole) - len(after)]
        detail = (
            after[: len(after) - len(closing)] if closing and after.endswith(closing) else after
        )
        detail = detail.lstrip(" ,")
        text = {"author": author, "year": detail}.get(form)
        if text is None:
            text = f"{author} {opening}{detail}{closing}" if detail else author
        return f"{OPEN}0{CLOSE}{prefixed(work)}{text}{OPEN}"

    def note_without_author(self, bibliography: Any, works: tuple[Work, ...]) -> str:
        """A note for a sentence that names the author: the note leaves the names out.

        The note is formatted as usual, where it stands (first or later citation), and again,
        in the same position, with the names replaced by a mark; what stands around the mark
        is kept. A note on several works keeps its names.
        """
        seen = set(self.noted)
        whole = self.render(bibliography, works)
        item = csl_item(self.entries[works[0].key])
        variable = next((name for name in NAME_VARIABLES if item.get(name)), None)
        if len(works) != 1 or variable is None:
            return whole
        probe_source = CiteProcJSON([{**item, variable: [{"literal": SENTINEL}]}])
        probe_bibliography = CitationStylesBibliography(
            self.style.csl, probe_source, html_formatter
        )
        for _time in range(2 if works[0].key.lower() in seen else 1):
            citation = Citation([CitationItem(works[0].key, **citation_options(works[0]))])
            probe_bibliography.register(citation)
            probe = str(probe_bibliography.cite(citation, lambda item: None))
        before, _mark, after = probe.partition(SENTINEL)
        plain = strip_marks(whole)
        if not (_mark and plain.startswith(before) and plain.endswith(after)):
            return whole
        return before + after.lstrip(" ,")

    def layout(self) -> Any:
        """The style's citation layout, whose affixes are the brackets around a citation."""
        return self.style.csl.root.citation.find("cs:layout", self.style.csl.root.nsmap)

    def year_suffixes(self, keys: list[str]) -> dict[str, str]:
        """2020a, 2020b: works whose in-text forms would read alike get letters, in list order."""
        citation = self.style.csl.root.citation
        if citation.get("disambiguate-add-year-suffix") != "true":
            return {}
        forms: dict[str, list[str]] = {}
        for key in same_year(keys, self.entries):
            forms.setdefault(self.plain_form(key), []).append(key)
        alike = [group for group in forms.values() if len(group) > 1]
        if not alike:
            return {}
        order = self.ordered(keys, {})
        suffixes = {}
        for group in alike:
            ranked = sorted(group, key=order.index)
            for index, key in enumerate(ranked):
                suffixes[key] = letters(index)
        return suffixes

    def plain_form(self, key: str) -> str:
        """The work's parenthetical form without a locator, to find works that read alike."""
        cache_key = (self.style.digest, ("plain", key, entry_digest(self.entries[key])))
        if cache_key not in _in_text:
            source = CiteProcJSON([csl_item(self.entries[key])])
            bibliography = CitationStylesBibliography(self.style.csl, source, html_formatter)
            citation = Citation([CitationItem(key)])
            bibliography.register(citation)
            _in_text[cache_key] = str(bibliography.cite(citation, lambda item: None))
        return _in_text[cache_key]


def citation_options(work: Work) -> dict[str, Any]:
    """citeproc-py's locator and suffix for what the author wrote after the key."""
    locator, suffix = locator_of(work.note)
    options: dict[str, Any] = {"suffix": html.escape(", " + suffix)} if suffix else {}
    if locator is not None:
        options["locator"] = locator
    return options


def prefixed(work: Work) -> str:
    """What the author wrote before the key ('see'), escaped, with its space."""
    return html.escape(work.prefix.strip() + " ") if work.prefix.strip() else ""


def page_shapes(works: tuple[Work, ...]) -> tuple[tuple[Work, ...], dict[str, str]]:
    """One-number locators replaced by stand-ins (so "p. 3" and "p. 12" share one formatting)."""
    shapes, pages = [], {}
    for index, work in enumerate(works):
        label, _space, number = work.note.strip().rpartition(" ")
        if number.isdigit() and (not label or label.lower() in LOCATOR_LABELS):
            mark = str(PAGE_MARK + index)
            pages[mark] = number
            shapes.append(Work(work.key, work.prefix, f"{label} {mark}".strip()))
        else:
            shapes.append(work)
    return tuple(shapes), pages


def same_year(keys: list[str], entries: dict[str, BibEntry]) -> list[str]:
    """The works that share their year with another: only they can read alike."""
    years: dict[str, list[str]] = {}
    for key in keys:
        issued = csl_item(entries[key]).get("issued") or {}
        parts = issued.get("date-parts") or [[issued.get("literal", "")]]
        years.setdefault(str(parts[0][0] if parts and parts[0] else ""), []).append(key)
    return [key for group in years.values() if len(group) > 1 for key in group]


def letters(index: int) -> str:
    """a, b, …, z, aa, ab, …: CSL's year suffixes."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = ascii_lowercase[rest] + text
    return text


def strip_marks(markup: str) -> str:
    """The markup without presswork's link marks."""
    return re.sub(f"{OPEN}\\d*{CLOSE}|{OPEN}", "", markup)
