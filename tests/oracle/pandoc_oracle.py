"""Format citations and reference entries with pandoc's citeproc, as an independent oracle."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, TypedDict

import pypandoc

FILTER = Path(__file__).with_name("marks.lua")
MARKER = re.compile(r"^@@oracle:(.+?)@@$", re.MULTILINE)
SIMPLE_KEY = re.compile(r"[\w:.#$%&+?<>~/-]+")
NOT_FOUND = re.compile(r"citation (\S+) not found")

Kind = Literal["p", "t"]
Item = str | tuple[str, str] | tuple[str, str, str]
"""One cited work: a key, (key, locator) or (key, locator, prefix)."""
Citation = tuple[Kind, Sequence[Item]]
""""p" is parenthetical, [see @a, chap. 2; @b]; "t" is narrative, @a [p. 12]."""


class Formatting(TypedDict):
    """What pandoc rendered: citations in the order asked for, and entries by key."""

    citations: list[str]
    references: dict[str, str]
    warnings: list[str]


class OracleError(RuntimeError):
    """Pandoc failed, or was asked for a key the bibliography does not have."""


def pandoc_formatting(
    bib_path: str | os.PathLike[str],
    csl_path: str | os.PathLike[str],
    cites: Sequence[Citation],
    *,
    nocite: Iterable[str] | None = None,
    emphasis: str = "",
) -> Formatting:
    """Render every citation and every reference entry in one run of pandoc --citeproc.

    The citations stand in one document in the order given, so a note style gives
    later citations of a work its short form, as it would in an essay. Each result is
    plain text as pandoc's plain writer gives it (curly quotes, en dashes and any
    no-break spaces kept). Italics and bold are dropped, or wrapped in ``emphasis``
    (say "*"). A footnote that a note style makes is written in place as ^[text], so a
    parenthetical citation in a note style reads "^[Author, Title, 12.]".

    The bibliography holds every entry of the file (nocite @*), or only the keys in
    ``nocite`` and those cited; ``references`` maps each key to its entry. ``warnings``
    holds pandoc's other messages; a key the file lacks raises OracleError.
    """
    listed = "@*" if nocite is None else " ".join(_at(key) for key in nocite)
    lines = ["---", "lang: en-US"] + ([f"nocite: {_yaml_string(listed)}"] if listed else [])
    lines += ["---", ""]
    for number, (kind, items) in enumerate(cites):
        lines += [f"::: {{#oracle-cite-{number}}}", citation_markdown(kind, items), ":::", ""]
    output, warnings = _run_pandoc(bib_path, csl_path, "\n".join(lines), emphasis)
    chunks = _split(output)
    ids = [f"oracle-cite-{number}" for number in range(len(cites))]
    if lost := [name for name in ids if name not in chunks]:
        raise OracleError(f"pandoc's output lacks the marks of {', '.join(lost)}")
    citations = [chunks[name] for name in ids]
    references = {
        name.removeprefix("ref-"): text for name, text in chunks.items() if name.startswith("ref-")
    }
    return Formatting(citations=citations, references=references, warnings=warnings)


def reference_texts(
    bib_path: str | os.PathLike[str],
    csl_path: str | os.PathLike[str],
    keys: Iterable[str] | None = None,
    *,
    emphasis: str = "",
) -> dict[str, str]:
    """Render the bibliography of ``keys`` (every entry if None), each entry by its key."""
    formatting = pandoc_formatting(bib_path, csl_path, [], nocite=keys, emphasis=emphasis)
    return formatting["references"]


def citation_markdown(kind: Kind, items: Sequence[Item]) -> str:
    """Write one citation in pandoc's Markdown; locators and prefixes are Markdown too."""
    parts = [_item(item) for item in items]
    if not parts:
        raise ValueError("a citation needs at least one key")
    if kind == "p":
        written = [
            (f"{prefix} " if prefix else "") + _at(key) + (f", {locator}" if locator else "")
            for key, locator, prefix in parts
        ]
        return "[" + "; ".join(written) + "]"
    if kind == "t":
        if len(parts) != 1 or parts[0][2]:
            raise ValueError("a narrative citation takes one key and no prefix")
        key, locator, _ = parts[0]
        return _at(key) + (f" [{locator}]" if locator else "")
    raise ValueError(f"unknown citation kind {kind!r}; use 'p' or 't'")


def _item(item: Item) -> tuple[str, str, str]:
    """Give one cited work as (key, locator, prefix)."""
    if isinstance(item, str):
        return item, "", ""
    if len(item) == 2:
        return item[0], item[1], ""
    return item


def _at(key: str) -> str:
    """Write a citation key as pandoc reads it, braced when it has unusual characters."""
    return f"@{key}" if SIMPLE_KEY.fullmatch(key) else f"@{{{key}}}"


def _yaml_string(text: str) -> str:
    """Quote text for YAML."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _run_pandoc(
    bib_path: str | os.PathLike[str], csl_path: str | os.PathLike[str], markdown: str, emphasis: str
) -> tuple[str, list[str]]:
    """Run pandoc once, isolated from any user data directory; return its output and warnings."""
    with tempfile.TemporaryDirectory(prefix="pandoc-oracle-") as data_dir:
        command = [
            pypandoc.get_pandoc_path(),
            "--from=markdown",
            "--to=plain",
            "--wrap=none",
            f"--data-dir={data_dir}",
            "--citeproc",
            f"--bibliography={Path(bib_path)}",
            f"--csl={Path(csl_path)}",
            f"--lua-filter={FILTER}",
        ]
        environment = {**os.environ, "ORACLE_EMPHASIS": emphasis}
        result = subprocess.run(
            command,
            input=markdown.encode(),
            capture_output=True,
            env=environment,
            timeout=300,
            check=False,
        )
    errors = result.stderr.decode(errors="replace")
    if result.returncode != 0:
        raise OracleError(f"pandoc exited with {result.returncode}: {errors.strip()}")
    missing = NOT_FOUND.findall(errors)
    if missing:
        raise OracleError(f"keys not in {bib_path}: {', '.join(missing)}")
    warnings = [line for line in errors.splitlines() if line.strip()]
    return result.stdout.decode(), warnings


def _split(output: str) -> dict[str, str]:
    """Cut pandoc's plain text at the markers; give each marked part's text by its id."""
    pieces = MARKER.split(output)
    return {name: text.strip() for name, text in zip(pieces[1::2], pieces[2::2], strict=True)}
