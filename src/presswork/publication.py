"""What the book says about itself: title page, copyright page and source lines, from conf.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stdnum import isbn
from stdnum.exceptions import ValidationError

from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# The formats a book may carry an ISBN for, in the order a copyright page lists them.
ISBN_FORMATS = ("hardback", "paperback", "pdf", "epub")


@dataclass(frozen=True)
class Publication:
    """The collection as a publication; a value not set in conf.py is empty, never invented."""

    title: str
    subtitle: str
    editors: str
    publisher: str
    place: str
    year: str
    copyright: str
    licence: str
    edition: str
    isbns: tuple[tuple[str, str], ...]
    dedication: str
    epigraph: str

    @property
    def edited_by(self) -> str:
        """'Edited by …', or nothing when no editors are named."""
        return f"Edited by {self.editors}" if self.editors else ""

    @property
    def imprint(self) -> str:
        """'Publisher, Place', what of it is known."""
        return ", ".join(part for part in (self.publisher, self.place) if part)

    @property
    def copyright_groups(self) -> list[list[str]]:
        """The copyright page, in groups: rights and licence; edition and ISBNs; publisher."""
        groups = [
            [self.copyright, self.licence],
            [self.edition, *(f"ISBN {number} ({form})" for form, number in self.isbns)],
            [f"Published by {self.imprint}" if self.imprint else ""],
        ]
        return [[line for line in group if line] for group in groups if any(group)]

    def isbn_for(self, form: str) -> str:
        """The ISBN of one format, or nothing."""
        return dict(self.isbns).get(form, "")


def setup(app: Sphinx) -> dict[str, Any]:
    """Declare the publication's settings with their types and defaults."""
    for name in (
        "subtitle",
        "publisher",
        "publisher_place",
        "licence",
        "edition",
        "dedication",
        "epigraph",
        "rights",
        "isbn",
        "year",
    ):
        app.add_config_value(f"presswork_{name}", "", "env", types=frozenset({str}))
    app.add_config_value("presswork_editors", "", "env", types=frozenset({str}))
    app.add_config_value("presswork_isbns", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", check_isbns)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}


def valid_isbns(value: Any) -> tuple[tuple[str, str], ...]:
    """The well-formed ISBNs of ``presswork_isbns``, hyphenated, in the copyright page's order."""
    found = dict(value) if isinstance(value, dict) else {}
    result = []
    rank = {form: i for i, form in enumerate(ISBN_FORMATS)}
    for form in sorted(found, key=lambda form: rank.get(form, len(rank))):
        try:
            result.append((str(form), isbn.format(isbn.validate(str(found[form])))))
        except ValidationError:
            continue
    return tuple(result)


def check_isbns(app: Sphinx, config: Config) -> None:
    """Each ISBN that is not one is reported, and left off the copyright page."""
    value = config.presswork_isbns
    if not isinstance(value, dict):
        return
    for form, number in value.items():
        try:
            isbn.validate(str(number))
        except ValidationError as error:
            warn(
                Subtype.CONFIG,
                f"presswork_isbns[{form!r}]: {number!r} is not an ISBN ({error}); left out",
                None,
            )


def publication(config: Config) -> Publication:
    """The one way to read the publication's facts."""
    rights = str(config.presswork_rights or config.copyright or "")
    return Publication(
        title=str(config.project or ""),
        subtitle=str(config.presswork_subtitle),
        editors=str(config.presswork_editors or config.author or ""),
        publisher=str(config.presswork_publisher),
        place=str(config.presswork_publisher_place),
        year=str(config.presswork_year or dt.date.today().year),
        copyright=f"© {rights}" if rights and not rights.startswith("©") else rights,
        licence=str(config.presswork_licence),
        edition=str(config.presswork_edition)
        or (f"Version {config.version}" if config.version else ""),
        isbns=valid_isbns(config.presswork_isbns),
        dedication=str(config.presswork_dedication),
        epigraph=str(config.presswork_epigraph),
    )
