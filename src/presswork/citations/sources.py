"""Checks on the sources themselves: required fields, identifiers, access dates, duplicates."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from stdnum import isbn, issn
from stdnum.exceptions import ValidationError

from presswork.citations.bibfiles import BibEntry
from presswork.citations.findings import Finding
from presswork.diagnostics import Subtype

# Each alternative is a group of fields of which one is enough ("author|editor").
REQUIRED = {
    "article": ("author", "title", "journal|journaltitle", "year|date"),
    "book": ("author|editor", "title", "publisher", "year|date"),
    "inbook": ("author|editor", "title", "publisher", "year|date"),
    "incollection": ("author", "title", "booktitle", "publisher", "year|date"),
    "inproceedings": ("author", "title", "booktitle", "year|date"),
    "phdthesis": ("author", "title", "school|institution", "year|date"),
    "mastersthesis": ("author", "title", "school|institution", "year|date"),
    "thesis": ("author", "title", "institution|school", "year|date"),
    "techreport": ("author", "title", "institution", "year|date"),
    "unpublished": ("author", "title", "note"),
    "online": ("title", "url"),
    "misc": ("title",),
    "manual": ("title",),
    "booklet": ("title",),
}
DEFAULT_REQUIRED = ("author|editor", "title", "year|date")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_RESOLVER = re.compile(r"^(https?://)?(dx\.)?doi\.org/", re.IGNORECASE)
ACCESS_FIELDS = ("urldate", "accessed", "access-date")
SAME_TITLE = 0.92


def check_entries(entries: dict[str, BibEntry]) -> list[Finding]:
    """Every finding about the entries themselves, and about works entered twice."""
    findings: list[Finding] = []
    for entry in entries.values():
        findings += check_entry(entry)
    findings += same_works(list(entries.values()))
    return findings


def at(entry: BibEntry, subtype: Subtype, message: str) -> Finding:
    """A finding at an entry's line."""
    return Finding(subtype, f"{entry.key}: {message}", entry.line, path=entry.path)


def check_entry(entry: BibEntry) -> list[Finding]:
    """Required fields, DOI syntax, ISBN and ISSN checksums, and a URL's access date."""
    findings = []
    missing = [
        group.replace("|", " or ")
        for group in REQUIRED.get(entry.kind, DEFAULT_REQUIRED)
        if not any(entry.fields.get(name, "").strip() for name in group.split("|"))
    ]
    if missing:
        findings.append(
            at(entry, Subtype.CITE_MISSING_FIELD, f"@{entry.kind} needs {', '.join(missing)}")
        )
    doi = entry.fields.get("doi", "").strip()
    if doi and not DOI.match(doi):
        hint = " (leave out the resolver address)" if DOI_RESOLVER.match(doi) else ""
        findings.append(at(entry, Subtype.CITE_DOI, f"{doi!r} is not a DOI{hint}"))
    for field, module, subtype in (
        ("isbn", isbn, Subtype.CITE_ISBN),
        ("issn", issn, Subtype.CITE_ISSN),
    ):
        value = entry.fields.get(field, "").strip()
        if value:
            try:
                module.validate(value)
            except ValidationError as error:
                findings.append(at(entry, subtype, f"{field.upper()} {value!r}: {error}"))
    if entry.fields.get("url") and not any(entry.fields.get(name) for name in ACCESS_FIELDS):
        findings.append(at(entry, Subtype.CITE_URL_DATE, "cites a URL but gives no urldate"))
    return findings


def identity(entry: BibEntry) -> tuple[str, str, str, str]:
    """What identifies a work: DOI, ISBN-13, normalised title, year."""
    doi = DOI_RESOLVER.sub("", entry.fields.get("doi", "").strip()).casefold()
    number = entry.fields.get("isbn", "").strip()
    try:
        isbn13 = isbn.to_isbn13(isbn.validate(number)) if number else ""
    except ValidationError:
        isbn13 = ""
    title = " ".join(re.sub(r"[^\w\s]", " ", entry.fields.get("title", "").casefold()).split())
    year = (entry.fields.get("year") or entry.fields.get("date", ""))[:4]
    return doi, isbn13, title, year


def same_works(entries: list[BibEntry]) -> list[Finding]:
    """Keys that name one work: same DOI, same ISBN, or near-same title in the same year."""
    findings = []
    seen: dict[tuple[str, str], BibEntry] = {}
    titles_by_year: dict[str, list[tuple[str, BibEntry]]] = {}
    for entry in entries:
        doi, isbn13, title, year = identity(entry)
        earlier = None
        reason = ""
        for kind, value, why in (("doi", doi, "the same DOI"), ("isbn", isbn13, "the same ISBN")):
            if value and (kind, value) in seen and earlier is None:
                earlier, reason = seen[(kind, value)], why
            if value:
                seen.setdefault((kind, value), entry)
        if earlier is None and title and year:
            for other_title, other in titles_by_year.get(year, []):
                if _similar(title, other_title):
                    earlier, reason = other, "the same title and year"
                    break
            titles_by_year.setdefault(year, []).append((title, entry))
        if earlier is not None:
            findings.append(
                at(
                    entry,
                    Subtype.CITE_SAME_WORK,
                    f"has {reason} as {earlier.key!r} ({Path(earlier.path).name}:{earlier.line})",
                )
            )
    return findings


def _similar(one: str, two: str) -> bool:
    """Whether two normalised titles are the same but for small differences."""
    if one == two:
        return True
    if re.findall(r"\d+", one) != re.findall(r"\d+", two):
        return False  # 'Volume 1' and 'Volume 2' are two works
    if abs(len(one) - len(two)) > max(len(one), len(two)) * (1 - SAME_TITLE):
        return False
    return difflib.SequenceMatcher(None, one, two).ratio() >= SAME_TITLE
