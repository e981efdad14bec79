"""Read an essay's YAML front matter with the line of every key, and validate it."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from presswork.diagnostics import Subtype
from presswork.essays.model import Author, EssayMeta

FENCE = "---"
CLOSERS = ("---", "...")
FIRST_KEY_LINE = 2
LONGEST_TITLE = 250

ESSAY_KEYS = frozenset(
    {
        "title",
        "subtitle",
        "short_title",
        "epigraph",
        "authors",
        "author",
        "date",
        "tags",
        "categories",
        "abstract",
        "lang",
        "draft",
        "original",
    }
)
# Keys that Sphinx and MyST read themselves; presswork leaves them to them.
PASSTHROUGH_KEYS = frozenset(
    {"myst", "substitutions", "html_meta", "orphan", "nocomments", "nosearch", "tocdepth"}
)
PASSTHROUGH_PREFIXES = ("html_theme.",)
AUTHOR_KEYS = ("authors", "author")
AUTHOR_FIELDS = frozenset({"name", "affiliation", "email", "orcid", "url", "bio"})
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# CommonMark lets a backslash escape any ASCII punctuation; these are all of it but the quotes.
MARKDOWN_PUNCTUATION = frozenset("!#$%&()*+,-./:;<=>?@[\\]^_`{|}~")


QUOTED = reprlib.Repr()
QUOTED.maxlevel, QUOTED.maxlist, QUOTED.maxdict = 2, 4, 4
QUOTED.maxstring = QUOTED.maxother = 80

_FastestSafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainDatesLoader(_FastestSafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader (libyaml's when there is one) that leaves dates as text for us to check."""


_PlainDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the front matter, at a line of the source file."""

    line: int
    subtype: Subtype
    message: str


@dataclass
class FrontMatter:
    """The raw front matter block: its values, where each key stands, and what went wrong."""

    values: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    end_line: int = 0
    readable_opening: bool = True
    problems: list[Problem] = field(default_factory=list)

    @property
    def present(self) -> bool:
        """Whether the file has a front matter block at all."""
        return self.end_line > 0

    def line_of(self, key: str) -> int:
        """The line where ``key`` starts, or the first line of the file."""
        return self.key_lines.get(key, (1, 1))[0]


def read_front_matter(text: str) -> FrontMatter:
    """Find and parse the front matter block at the top of ``text``."""
    lines = text.splitlines()
    result = FrontMatter()
    if not lines or lines[0].rstrip() != FENCE:
        return result
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in CLOSERS), None)
    if closing is None:
        result.problems.append(
            Problem(
                1, Subtype.FRONT_MATTER_SYNTAX, "front matter opened with '---' is never closed"
            )
        )
        result.readable_opening = False
        return result
    result.end_line = closing + 1
    _parse_block("\n".join(lines[1:closing]), result)
    return result


def _parse_block(block: str, result: FrontMatter) -> None:
    """Fill ``result`` from the YAML between the fences."""
    loader = _PlainDatesLoader(block)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        line = FIRST_KEY_LINE + (mark.line if mark else 0)
        reason = error.problem or "invalid YAML"
        result.problems.append(
            Problem(line, Subtype.FRONT_MATTER_SYNTAX, f"front matter is not valid YAML: {reason}")
        )
        return
    except yaml.YAMLError as error:
        result.problems.append(
            Problem(
                1, Subtype.FRONT_MATTER_SYNTAX, f"front matter is not valid YAML: {one_line(error)}"
            )
        )
        return
    finally:
        loader.dispose()
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        result.problems.append(
            Problem(
                FIRST_KEY_LINE,
                Subtype.FRONT_MATTER_SYNTAX,
                "front matter must be a mapping of keys to values",
            )
        )
        return
    for key_node, value_node in root.value:
        first = FIRST_KEY_LINE + key_node.start_mark.line
        last = FIRST_KEY_LINE + max(value_node.end_mark.line - 1, key_node.start_mark.line)
        if value_node.end_mark.column > 0:
            last = FIRST_KEY_LINE + value_node.end_mark.line
        key = str(key_node.value)
        if key in result.values:
            result.problems.append(
                Problem(
                    first,
                    Subtype.FRONT_MATTER_DUPLICATE,
                    f"front matter key {key!r} is given twice "
                    f"(first on line {result.line_of(key)}); the first value is kept",
                )
            )
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
            result.problems.append(
                Problem(
                    first, Subtype.FRONT_MATTER_SYNTAX, f"cannot read {key!r}: {one_line(error)}"
                )
            )
            continue
        result.values[key] = value
        result.key_lines[key] = (first, last)


def is_passthrough(key: str) -> bool:
    """Whether ``key`` belongs to Sphinx or MyST rather than to presswork."""
    return key in PASSTHROUGH_KEYS or key.startswith(PASSTHROUGH_PREFIXES)


def validate(front: FrontMatter) -> tuple[EssayMeta, list[Problem]]:
    """Turn raw front matter into essay metadata, with one problem per bad value."""
    checker = _Checker(front)
    return checker.meta(), checker.problems


class _Checker:
    """Reads each known key leniently, noting one problem for every value it cannot take."""

    def __init__(self, front: FrontMatter) -> None:
        self.front = front
        self.problems: list[Problem] = list(front.problems)

    def problem(self, key: str, subtype: Subtype, message: str) -> None:
        self.problems.append(Problem(self.front.line_of(key), subtype, message))

    def meta(self) -> EssayMeta:
        values = self.front.values
        for key in values:
            if key not in ESSAY_KEYS and not is_passthrough(key):
                self.problem(key, Subtype.FRONT_MATTER_KEY, _unknown_key_message(key))
        epigraph, source = self.epigraph()
        meta = EssayMeta(
            title=self.title(),
            subtitle=self.text("subtitle"),
            short_title=self.text("short_title"),
            epigraph=epigraph,
            epigraph_source=source,
            authors=self.authors(),
            date=self.date(),
            tags=self.terms("tags"),
            categories=self.terms("categories"),
            abstract=self.text("abstract"),
            lang=self.lang(),
            draft=self.flag("draft"),
            readable=not self.syntax_broken(),
            lines={key: lines[0] for key, lines in self.front.key_lines.items()},
        )
        self.missing(meta)
        return meta

    def syntax_broken(self) -> bool:
        """Whether the block itself could not be read, so its values are unknown."""
        return any(problem.subtype is Subtype.FRONT_MATTER_SYNTAX for problem in self.problems)

    def missing(self, meta: EssayMeta) -> None:
        """Report absent authors and date, unless the block or the value was reported as bad."""
        if self.syntax_broken():
            return
        reported = {problem.line for problem in self.problems}
        author_key = "authors" if "authors" in self.front.values else "author"
        if not meta.authors and self.front.line_of(author_key) not in reported - {1}:
            self.problem(
                author_key, Subtype.MISSING_AUTHORS, "essay names no author: add 'authors: [Name]'"
            )
        if meta.date is None and self.front.line_of("date") not in reported - {1}:
            self.problem("date", Subtype.MISSING_DATE, "essay has no date: add 'date: YYYY-MM-DD'")

    def text(self, key: str) -> str | None:
        value = self.front.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(
                key, Subtype.FRONT_MATTER_TYPE, f"{key!r} should be text, got {_kind(value)}"
            )
            return None
        return " ".join(str(value).split()) or None

    def title(self) -> str | None:
        """The title; one that cannot fit a page heading is kept whole, and reported."""
        title = self.text("title")
        if title is not None and len(title) > LONGEST_TITLE:
            self.problem(
                "title",
                Subtype.FRONT_MATTER_LENGTH,
                f"the title is {len(title):,} characters long: it will not fit a page heading or "
                f"a book's contents; shorten it to {LONGEST_TITLE} or fewer (it is published "
                "whole)",
            )
        return title

    def epigraph(self) -> tuple[str | None, str | None]:
        """An epigraph as text, or as ``{text: …, source: …}``."""
        value = self.front.values.get("epigraph")
        if not isinstance(value, dict):
            return self.text("epigraph"), None
        text, source = value.get("text"), value.get("source")
        if not isinstance(text, str) or not (source is None or isinstance(source, str)):
            self.problem(
                "epigraph",
                Subtype.FRONT_MATTER_TYPE,
                "'epigraph' should be text, or 'text:' and 'source:' with text",
            )
            return None, None
        return " ".join(text.split()) or None, " ".join((source or "").split()) or None

    def flag(self, key: str) -> bool:
        value = self.front.values.get(key, False)
        if isinstance(value, bool):
            return value
        self.problem(
            key, Subtype.FRONT_MATTER_TYPE, f"{key!r} should be true or false, got {_kind(value)}"
        )
        return False

    def date(self) -> dt.date | None:
        value = self.front.values.get("date")
        if value is None:
            return None
        if isinstance(value, str):
            parsed = _parse_iso_date(value)
            if parsed is not None:
                return parsed
        self.problem(
            "date",
            Subtype.FRONT_MATTER_DATE,
            f"'date' should be an ISO date such as 2024-05-01, got {_shown(value)}"
            + _date_reason(value),
        )
        return None

    def lang(self) -> str | None:
        value = self.text("lang")
        if value is not None and not LANG_TAG.match(value):
            self.problem(
                "lang",
                Subtype.FRONT_MATTER_LANG,
                f"'lang' should be a language tag such as 'en' or 'pt-BR', got {_shown(value)}",
            )
            return None
        return value

    def terms(self, key: str) -> tuple[str, ...]:
        return tuple(self.names(key, self.front.values.get(key), _term_name))

    def authors(self) -> tuple[Author, ...]:
        values = self.front.values
        if "authors" in values and "author" in values:
            self.problem(
                "author",
                Subtype.FRONT_MATTER_KEY,
                "both 'author' and 'authors' are given; 'author' is ignored, list everyone in "
                "'authors'",
            )
        key = "authors" if "authors" in values else "author"
        return tuple(self.names(key, values.get(key), self.author))

    def author(self, key: str, item: Any) -> Author | None:
        if isinstance(item, dict):
            name = item.get("name")
            unknown = sorted(str(k) for k in item if k not in AUTHOR_FIELDS)
            if not isinstance(name, str) or not name.strip():
                self.problem(key, Subtype.FRONT_MATTER_TYPE, f"an entry of {key!r} has no 'name'")
                return None
            if unknown:
                self.problem(
                    key,
                    Subtype.FRONT_MATTER_KEY,
                    f"unknown author field(s) {', '.join(unknown)} in {key!r}; "
                    f"known: {', '.join(sorted(AUTHOR_FIELDS))}",
                )
            extra = tuple(
                (str(k), str(v)) for k, v in item.items() if k in AUTHOR_FIELDS and k != "name"
            )
            return Author(" ".join(name.split()), extra)
        name = _term_name(key, item)
        return Author(name) if name else None

    def names(self, key: str, value: Any, convert: Callable[[str, Any], Any]) -> list[Any]:
        """Read a list (or a lone value, with a problem) and convert each item."""
        if value is None:
            return []
        if not isinstance(value, list):
            scalar = isinstance(value, str | int | float) and not isinstance(value, bool)
            if not (scalar or (isinstance(value, dict) and key in AUTHOR_KEYS)):
                self.problem(
                    key, Subtype.FRONT_MATTER_TYPE, f"{key!r} should be a list, got {_kind(value)}"
                )
                return []
            if key != "author":
                self.problem(
                    key,
                    Subtype.FRONT_MATTER_TYPE,
                    f"{key!r} should be a list such as [a, b], got {_kind(value)}; "
                    "read as a list of one",
                )
            value = [value]
        converted = []
        bad = []
        for item in value:
            result = convert(key, item)
            if result:
                converted.append(result)
            elif not (isinstance(item, dict) and key in AUTHOR_KEYS):
                bad.append(item)
        if bad:
            self.problem(
                key,
                Subtype.FRONT_MATTER_TYPE,
                f"{key!r} should list non-empty text; left out: " + _shown_items(bad),
            )
        return _unique(converted)


def _term_name(key: str, item: Any) -> str | None:
    if isinstance(item, int | float) and not isinstance(item, bool):
        item = str(item)
    if isinstance(item, str):
        return " ".join(item.split()) or None
    return None


def _unique(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _parse_iso_date(value: str) -> dt.date | None:
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _date_reason(value: Any) -> str:
    if not isinstance(value, str):
        return f" ({_kind(value)})"
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            dt.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            return f" ({error})"
    return ""


def one_line(error: Exception) -> str:
    """An error's text on one line, as a warning must be."""
    if isinstance(error, yaml.MarkedYAMLError):
        return " ".join(f"{error.context or ''} {error.problem or ''}".split()) or "invalid YAML"
    return " ".join(str(error).split())


def _shown(value: Any) -> str:
    """A value as a message quotes it: short, however large or deeply nested it is."""
    return QUOTED.repr(value)


def _shown_items(items: list[Any]) -> str:
    """The first few items as a message lists them, and how many more there are."""
    shown = ", ".join(_shown(item) for item in items[: QUOTED.maxlist])
    more = len(items) - QUOTED.maxlist
    return f"{shown} and {more} more" if more > 0 else shown


def _kind(value: Any) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return kinds.get(type(value), type(value).__name__)


def _unknown_key_message(key: str) -> str:
    guess = difflib.get_close_matches(key, sorted(ESSAY_KEYS), n=1)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    return f"unknown front matter key {_shown(key)} is ignored{hint}"


def rewrite_for_myst(text: str, front: FrontMatter, title: str | None) -> str:
    """Hand MyST only the keys that are its own, and the title as a heading.

    The front matter block keeps its length, so every line of the body keeps its number.
    """
    lines = text.split("\n")
    if not front.present:
        if not front.readable_opening:
            lines[0] = ""
        return "\n".join(lines)
    kept = [
        lines[number - 1]
        for key, (first, last) in front.key_lines.items()
        if is_passthrough(key)
        for number in range(first, last + 1)
    ]
    block = [FENCE, *kept, FENCE] if kept else []
    if title and not _starts_with_heading(lines[front.end_line :], title):
        block.append(f"# {as_markdown_text(title)}")
    block += [""] * (front.end_line - len(block))
    return "\n".join(block + lines[front.end_line :])


def as_markdown_text(text: str) -> str:
    """``text`` escaped so that Markdown shows it as typed: no markup, roles or raw HTML.

    Quotes stay as they are, so the smartquotes extension still curls them.
    """
    return "".join(f"\\{char}" if char in MARKDOWN_PUNCTUATION else char for char in text)


def _starts_with_heading(body: list[str], title: str) -> bool:
    """Whether the body already opens with ``# title``."""
    first = next((line.strip() for line in body if line.strip()), "")
    return first.startswith("# ") and " ".join(first[2:].split()) == title
