"""BibTeX and biblatex entries as CSL-JSON items, the input every CSL processor reads."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from pylatexenc.latex2text import LatexNodes2Text

if TYPE_CHECKING:
    from presswork.citations.bibfiles import BibEntry

CSL = dict[str, Any]
NEWSPAPER_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "unpublished": "manuscript",
    "manual": "book",
    "booklet": "pamphlet",
    "patent": "patent",
    "misc": "",  # as pandoc reads it: no type, so a style formats it as a plain work
}
GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
CONTAINERS = ("journaltitle", "journal", "booktitle", "maintitle")
TEXT_FIELDS = {
    "volume": "volume",
    "pages": "page",
    "edition": "edition",
    "isbn": "ISBN",
    "issn": "ISSN",
    "doi": "DOI",
    "url": "URL",
    "note": "note",
    "series": "collection-title",
    "chapter": "chapter-number",
    "type": "genre",
    "shorttitle": "title-short",
    "eventtitle": "event-title",
    "version": "version",
}
PUBLISHERS = ("publisher", "school", "institution", "organization", "howpublished")
PLACES = ("location", "address")
NAMES = {"author": "author", "editor": "editor", "translator": "translator"}
LANGUAGES = {
    "english": "en-US",
    "american": "en-US",
    "british": "en-GB",
    "german": "de-DE",
    "ngerman": "de-DE",
    "french": "fr-FR",
    "spanish": "es-ES",
    "italian": "it-IT",
    "russian": "ru-RU",
    "greek": "el-GR",
    "japanese": "ja-JP",
    "chinese": "zh-CN",
    "swedish": "sv-SE",
    "dutch": "nl-NL",
    "portuguese": "pt-PT",
    "polish": "pl-PL",
}
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
DOI_RESOLVER = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
PROTECTED = re.compile(r"\{([^{}]*)\}")
NOCASE = '<span class="nocase">{}</span>'
LATEX = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def plain(value: str) -> str:
    """A field's text without TeX markup or grouping braces."""
    if "\\" in value:
        value = LATEX.latex_to_text(value)
    return " ".join(value.replace("{", "").replace("}", "").replace("~", "\u00a0").split())


def cased(value: str) -> str:
    """A title whose braced words keep their case through a style's title or sentence case."""
    if "\\" in value:
        value = LATEX.latex_to_text(value)  # pylatexenc keeps the grouping braces' text
    protected = PROTECTED.sub(lambda m: NOCASE.format(m.group(1)) if m.group(1) else "", value)
    return " ".join(protected.replace("{", "").replace("}", "").split())


def names(value: str) -> list[dict[str, str]]:
    """BibTeX's 'Last, First and {Corporate Name}' as CSL names."""
    people = []
    for person in split_multiple_persons_names(value):
        if person.strip().startswith("{") and person.strip().endswith("}"):
            people.append({"literal": plain(person)})
            continue
        parts = parse_single_name_into_parts(person)
        name = {
            "family": plain(" ".join(parts.last)),
            "given": plain(" ".join(parts.first)),
            "non-dropping-particle": plain(" ".join(parts.von)),
            "suffix": plain(" ".join(parts.jr)),
        }
        people.append({key: text for key, text in name.items() if text})
    return [person for person in people if person]


def date(fields: dict[str, str], prefix: str = "") -> dict[str, Any] | None:
    """A date field (biblatex 'date', 'urldate', or year/month/day) as CSL date parts."""
    value = plain(fields.get(f"{prefix}date", ""))
    if value:
        ranges = []
        for part in value.split("/"):
            match = ISO_DATE.match(part.strip())
            if match:
                ranges.append([int(group) for group in match.groups() if group])
        return {"date-parts": ranges} if ranges else {"literal": value}
    if prefix:
        return None
    year = plain(fields.get("year", ""))
    if not year.isdigit():
        return {"literal": year} if year and year.lower() not in {"n.d.", "nd"} else None
    parts = [int(year)]
    month = MONTHS.get(plain(fields.get("month", "")).lower().rstrip("."))
    if month is None and plain(fields.get("month", "")).isdigit():
        month = int(plain(fields["month"]))
    if month:
        parts.append(month)
        day = plain(fields.get("day", ""))
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def csl_type(entry: BibEntry) -> str:
    """The CSL type of an entry: an article in a newspaper is a newspaper article."""
    subtype = entry.fields.get("entrysubtype", "").strip().lower()
    if entry.kind == "article" and subtype in NEWSPAPER_SUBTYPES:
        return NEWSPAPER_SUBTYPES[subtype]
    return TYPES.get(entry.kind, "")


def to_csl(entry: BibEntry) -> CSL:
    """One entry as a CSL-JSON item; its id is its key."""
    fields = entry.fields
    item: CSL = {"id": entry.key, "type": csl_type(entry)}
    title = fields.get("title", "")
    if fields.get("subtitle"):
        title = f"{title}: {fields['subtitle']}"
    if title:
        item["title"] = cased(title)
    container = next((fields[name] for name in CONTAINERS if fields.get(name)), "")
    if container and entry.kind not in {"book", "collection", "proceedings"}:
        item["container-title"] = cased(container)
    for field, variable in NAMES.items():
        if fields.get(field):
            item[variable] = names(fields[field])
    for field, variable in TEXT_FIELDS.items():
        if fields.get(field):
            item[variable] = plain(fields[field])
    if item.get("DOI"):
        item["DOI"] = DOI_RESOLVER.sub("", item["DOI"])
    number = plain(fields.get("number", "") or fields.get("issue", ""))
    if number:
        item["issue" if item["type"].startswith("article") else "number"] = number
    publisher = next((fields[name] for name in PUBLISHERS if fields.get(name)), "")
    if publisher:
        item["publisher"] = plain(publisher)
    place = next((fields[name] for name in PLACES if fields.get(name)), "")
    if place:
        item["publisher-place"] = plain(place)
    if entry.kind in GENRES and "genre" not in item:
        item["genre"] = GENRES[entry.kind]
    for variable, prefix in (("issued", ""), ("accessed", "url"), ("original-date", "orig")):
        value = date(fields, prefix)
        if value:
            item[variable] = value
    language = plain(fields.get("langid", "") or fields.get("language", "")).lower()
    if language:
        item["language"] = LANGUAGES.get(language, language)
    return item
