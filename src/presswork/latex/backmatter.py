"""The book's back matter: its contributors with their essays, and a colophon."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx
import yaml
from sphinx.util import texescape

import presswork
from presswork.diagnostics import Subtype, warn
from presswork.essays.nodes import _

if TYPE_CHECKING:
    from presswork.essays.model import Essay


@dataclass
class Contributor:
    """One author of the collection: a name, what the front matter says of them, their essays."""

    name: str
    affiliation: str = ""
    bio: str = ""
    essays: list[Essay] = field(default_factory=list)

    def sort_key(self) -> tuple[str, str]:
        """By surname (the last word of the name), then the whole name."""
        return (self.name.split()[-1].casefold() if self.name.split() else "", self.name)


def read_contributors(path: Path) -> dict[str, dict[str, str]]:
    """The contributors file: each name with a ``bio`` (and ``affiliation``), or a bio alone."""
    if not path.name or not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        warn(
            Subtype.CONFIG,
            f"the contributors file cannot be read ({error}); left out",
            str(path) + ":1",
        )
        return {}
    if not isinstance(data, dict):
        warn(
            Subtype.CONFIG,
            "the contributors file should map names to biographies",
            str(path) + ":1",
        )
        return {}
    people = {}
    for name, value in data.items():
        details = value if isinstance(value, dict) else {"bio": value}
        people[str(name)] = {
            key: " ".join(str(details[key]).split())
            for key in ("bio", "affiliation")
            if isinstance(details.get(key), (str, int, float))
        }
    return people


def contributors(
    essays: list[Essay], known: dict[str, dict[str, str]] | None = None
) -> list[Contributor]:
    """Everyone who wrote an essay, by surname; the contributors file first, then front matter."""
    people: dict[str, Contributor] = {
        name: Contributor(name, details.get("affiliation", ""), details.get("bio", ""))
        for name, details in (known or {}).items()
    }
    for essay in essays:
        for author in essay.meta.authors:
            person = people.setdefault(author.name, Contributor(author.name))
            details = dict(author.details)
            person.affiliation = person.affiliation or details.get("affiliation", "")
            person.bio = person.bio or details.get("bio", "")
            person.essays.append(essay)
    return sorted(people.values(), key=Contributor.sort_key)


def contributors_chapter(
    essays: list[Essay], labels: dict[str, str], known: dict[str, dict[str, str]] | None = None
) -> str:
    """The list of contributors as LaTeX: name, affiliation, biography, essays with pages."""
    people = [person for person in contributors(essays, known) if person.essays]
    if not people:
        return ""
    heading = texescape.escape(_("Contributors"))
    entries = []
    for person in people:
        about = " ".join(
            texescape.escape(part) for part in (person.affiliation, person.bio) if part
        )
        works = "; ".join(
            rf"\textit{{{texescape.escape(essay.display_title)}}}, "
            rf"p.~\pageref{{\detokenize{{{labels[essay.docname]}}}}}"
            for essay in person.essays
            if essay.docname in labels
        )
        pieces = [about, rf"{{\small {works}}}" if works else ""]
        entries.append(
            rf"\item[{texescape.escape(person.name)}] " + r"\\ ".join(p for p in pieces if p)
        )
    return (
        rf"\PressworkBackMatter{{{heading}}}"
        + "\n\\begin{description}\n"
        + "\n".join(entries)
        + "\n\\end{description}\n"
    )


def build_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def colophon(engine: str, fonts: list[str], version: str) -> str:
    """The last page: the typefaces, what typeset the book, its version and the build date."""
    typefaces = ", ".join(fonts[:-1]) + f" and {fonts[-1]}" if len(fonts) > 1 else "".join(fonts)
    names = {"lualatex": "LuaLaTeX", "xelatex": "XeLaTeX"}
    lines = [
        f"Set in {typefaces}.",
        f"Typeset with {names.get(engine, engine)} by presswork {presswork.__version__} "
        f"and Sphinx {sphinx.__version__}.",
        f"Version {version}, built {build_date().isoformat()}."
        if version
        else f"Built {build_date().isoformat()}.",
    ]
    body = "\\par\n".join(texescape.escape(line) for line in lines)
    heading = texescape.escape(_("Colophon"))
    return f"\\PressworkColophon{{{heading}}}{{{body}}}\n"
