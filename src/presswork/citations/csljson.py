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
GENRES = {
    "phdthesis": "PhD thesis",
    "mastersthesis": "Master\u2019s thesis",
    "mathesis": "Master\u2019s thesis",  # biblatex's type = {mathesis} of a @thesis
}
CONTAINERS = ("journaltitle", "journal", "booktitle", "maintitle")
TEXT_FIELDS = {
    "volume": "volume",
    "volumes": "number-of-volumes",
    "pages": "page",
    "pagetotal": "number-of-pages",
    "edition": "edition",
    "isbn": "ISBN",
    "issn": "ISSN",
    "note": "note",
    "chapter": "chapter-number",
    "type": "genre",
    "version": "version",
}
TITLE_FIELDS = {"series": "collection-title", "eventtitle": "event"}
VERBATIM_FIELDS = {"doi": "DOI", "url": "URL"}
IN_SERIES = {
    "book",
    "mvbook",
    "bookinbook",
    "suppbook",
    "collection",
    "mvcollection",
    "suppcollection",
    "proceedings",
    "mvproceedings",
    "reference",
    "mvreference",
    "inbook",
    "incollection",
    "inproceedings",
    "inreference",
}
PUBLISHERS = ("publisher", "school", "institution", "organization", "howpublished")
PLACES = ("location", "address")
ORIGINALS = {"origpublisher": "original-publisher", "origlocation": "original-publisher-place"}
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
SPACES = re.compile(r"[ \t\r\n]+")
LIGATURES = (
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("`", "\u2018"),
    ("'", "\u2019"),
    ("~", "\u00a0"),
)
NOCASE = '<span class="nocase">{}</span>'
LATEX = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def tex_text(value: str) -> str:
    """TeX's text without commands: its dashes, quotation marks and ties as characters."""
    if "\\" in value:
        value = LATEX.latex_to_text(value)
    value = value.replace("{", "").replace("}", "")
    for ligature, character in LIGATURES:
        value = value.replace(ligature, character)
    return value


def plain(value: str) -> str:
    """A field's text without TeX markup or grouping braces."""
    return SPACES.sub(" ", tex_text(value)).strip()


def verbatim(value: str) -> str:
    """A field TeX does not typeset, such as an address: only the outer spaces go."""
    return value.strip()


def brace_groups(value: str) -> list[tuple[str, bool]]:
    """The text in pieces, each with whether braces protect it (a group not opening a command)."""
    pieces: list[tuple[str, bool]] = []
    depth, start = 0, 0
    for position, character in enumerate(value):
        if character == "{":
            if depth == 0:
                pieces.append((value[start:position], False))
                start = position
            depth += 1
        elif character == "}" and depth:
            depth -= 1
            if depth == 0:
                group = value[start : position + 1]
                pieces.append((group, not group[1:].startswith("\\")))
                start = position + 1
    pieces.append((value[start:], False))
    return [(text, protected) for text, protected in pieces if text]


def cased(value: str) -> str:
    """A title whose braced words keep their case through a style's title or sentence case."""
    text = "".join(
        NOCASE.format(converted) if protected and converted else converted
        for piece, protected in brace_groups(value)
        for converted in (tex_text(piece),)
    )
    return SPACES.sub(" ", text).strip()


def literal_list(value: str) -> str:
    """A biblatex list of literals ('A and B', as publisher or location) as CSL's 'A; B'."""
    return "; ".join(plain(part) for part in split_multiple_persons_names(value) if plain(part))


def uses_prefix(entry: BibEntry) -> bool:
    """Whether biblatex's useprefix is on for the entry: a name's 'von' part stays in front."""
    options = entry.fields.get("options", "").replace(" ", "").lower().split(",")
    return "useprefix" in options or "useprefix=true" in options


def names(value: str, useprefix: bool = False) -> list[dict[str, str]]:
    """BibTeX's 'Last, First and {Corporate Name}' as CSL names."""
    # As in biblatex, a 'von' part goes with the given names ('Tocqueville, Alexis de';
    # 'Tocqueville' alone) unless useprefix is on ('Linden, Marcel van der'; 'van der Linden').
    particle = "non-dropping-particle" if useprefix else "dropping-particle"
    people = []
    for person in split_multiple_persons_names(value):
        if person.strip().startswith("{") and person.strip().endswith("}"):
            people.append({"literal": plain(person)})
            continue
        parts = parse_single_name_into_parts(person)
        name = {
            "family": plain(" ".join(parts.last)),
            "given": plain(" ".join(parts.first)),
            particle: plain(" ".join(parts.von)),
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


def title_short(fields: dict[str, str]) -> str:
    """The short title: 'shorttitle', else the title without its subtitle, as Chicago shortens."""
    if fields.get("shorttitle"):
        return cased(fields["shorttitle"])
    title = fields.get("title", "")
    if fields.get("subtitle"):
        return cased(title)
    depth = 0
    for position, character in enumerate(title):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if character == ":" and depth == 0 and title[:position].strip():
            return cased(title[:position])
    return ""


def number_variable(entry: BibEntry, csl_kind: str) -> str:
    """Where biblatex's 'number' goes: an issue, a number in a series, or the work's own."""
    if csl_kind.startswith("article"):
        return "issue"
    return "collection-number" if entry.kind in IN_SERIES else "number"


def to_csl(entry: BibEntry) -> CSL:
    """One entry as a CSL-JSON item; its id is its key."""
    fields = entry.fields
    item: CSL = {"id": entry.key, "type": csl_type(entry)}
    title = fields.get("title", "")
    if fields.get("subtitle"):
        title = f"{title}: {fields['subtitle']}"
    if title:
        item["title"] = cased(title)
    short = title_short(fields)
    if short:
        item["title-short"] = short
    container = next((fields[name] for name in CONTAINERS if fields.get(name)), "")
    if container and entry.kind not in {"book", "collection", "proceedings"}:
        item["container-title"] = cased(container)
    useprefix = uses_prefix(entry)
    for field, variable in NAMES.items():
        if fields.get(field):
            item[variable] = names(fields[field], useprefix)
    for field, variable in TEXT_FIELDS.items():
        if fields.get(field):
            item[variable] = plain(fields[field])
    for field, variable in TITLE_FIELDS.items():
        if fields.get(field):
            item[variable] = cased(fields[field])
    for field, variable in VERBATIM_FIELDS.items():
        if fields.get(field):
            item[variable] = verbatim(fields[field])
    if item.get("DOI"):
        item["DOI"] = DOI_RESOLVER.sub("", item["DOI"])
    number = plain(fields.get("number", "") or fields.get("issue", ""))
    if number:
        item[number_variable(entry, item["type"])] = number
    publisher = next((name for name in PUBLISHERS if fields.get(name)), "")
    if publisher:
        # A press's name is kept whole: "Weidenfeld and Nicolson" is one publisher, as BibTeX
        # reads it (biblatex would split it; two publishers joined by "and" read well anyway).
        item["publisher"] = plain(fields[publisher])
    place = next((fields[name] for name in PLACES if fields.get(name)), "")
    if place:
        item["publisher-place"] = literal_list(place)
    if entry.kind in GENRES and "genre" not in item:
        item["genre"] = GENRES[entry.kind]
    elif item.get("genre", "").lower() in GENRES:
        item["genre"] = GENRES[item["genre"].lower()]
    for field, variable in ORIGINALS.items():
        if fields.get(field):
            item[variable] = literal_list(fields[field])
    for variable, prefix in (("issued", ""), ("accessed", "url"), ("original-date", "orig")):
        value = date(fields, prefix)
        if value:
            item[variable] = value
    language = plain(fields.get("langid", "") or fields.get("language", "")).lower()
    if language:
        item["language"] = LANGUAGES.get(language, language)
    return item
