"""Reading an essay: front matter in, warnings out, a title and a header in the doctree."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from babel.core import UnknownLocaleError
from babel.dates import format_date
from docutils import nodes

from presswork.diagnostics import Subtype, warn
from presswork.essays.config import EssaysConfig, essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.frontmatter import read_front_matter, rewrite_for_myst, validate
from presswork.essays.model import Essay
from presswork.essays.nodes import essay_header

SAMPLE_DATE = dt.date(2024, 5, 1)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_CHARACTERS_PER_WORD = 2

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def read_essay_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Validate an essay's front matter and hand MyST only what is MyST's."""
    if not essays_config(app.config).is_essay(docname):
        return
    front = read_front_matter(source[0])
    meta, problems = validate(front)
    for problem in problems:
        warn(problem.subtype, problem.message, (docname, problem.line))
    essays_domain(app.env).note_essay(Essay(docname, meta, title=meta.title))
    source[0] = rewrite_for_myst(source[0], front, meta.title)


def complete_essay(app: Sphinx, doctree: nodes.document) -> None:
    """Settle the title, report what is missing, count words and insert the header."""
    docname = app.env.docname
    domain = essays_domain(app.env)
    essay = domain.essays.get(docname)
    if essay is None:
        return
    config = essays_config(app.config)
    section = next(iter(doctree.findall(nodes.section)), None)
    title = section[0].astext() if section is not None else essay.title
    essay = dataclasses.replace(essay, title=title, words=count_words(doctree.astext()))
    if not title and essay.meta.readable:
        report_missing_title(essay)
    domain.note_essay(essay)
    if section is None:
        section = titled_section(doctree, essay.display_title)
    section.insert(1, make_header(essay, config, app.config))


def titled_section(doctree: nodes.document, title: str) -> nodes.section:
    """Wrap an untitled essay in a section headed by its file name, so every page has a title."""
    section = nodes.section(
        "", nodes.title(title, title), names=[nodes.fully_normalize_name(title)]
    )
    section.extend(doctree.children)
    doctree.clear()
    doctree.append(section)
    doctree.note_implicit_target(section, section)
    return section


def count_words(text: str) -> int:
    """Words for reading time: spaced words, plus CJK text counted by characters."""
    cjk_characters = len(CJK.findall(text))
    return len(CJK.sub(" ", text).split()) + cjk_characters // CJK_CHARACTERS_PER_WORD


def report_missing_title(essay: Essay) -> None:
    """An editor needs to know an essay has no title; presswork never invents one."""
    if not essay.title:
        warn(
            Subtype.MISSING_TITLE,
            "essay has no title: add 'title' to the front matter or start with a '# ' heading",
            (essay.docname, 1),
        )


def make_header(essay: Essay, config: EssaysConfig, sphinx_config: Config) -> essay_header:
    """The header node, carrying everything a writer needs as plain attributes."""
    meta = essay.meta
    return essay_header(
        "",
        docname=essay.docname,
        authors=list(essay.author_names),
        date_iso=meta.date.isoformat() if meta.date else "",
        date_text=display_date(meta.date, config.date_format, meta.lang or sphinx_config.language),
        minutes=essay.minutes_to_read(config.words_per_minute),
        tags=list(meta.tags),
        categories=list(meta.categories),
        abstract=meta.abstract or "",
        subtitle=meta.subtitle or "",
        epigraph=meta.epigraph or "",
        epigraph_source=meta.epigraph_source or "",
    )


@lru_cache(maxsize=4096)
def display_date(date: dt.date | None, date_format: str, language: str | None) -> str:
    """A date in the essay's language ('May 1, 2024', '1 мая 2024 г.')."""
    if date is None:
        return ""
    locale = (language or "en").replace("-", "_")
    try:
        return str(format_date(date, format=date_format, locale=locale))
    except (UnknownLocaleError, ValueError):
        return str(format_date(date, format=date_format, locale="en"))


BABEL_FORMATS = frozenset({"short", "medium", "long", "full"})


def check_date_format(app: Sphinx, config: Config) -> None:
    """A date format babel cannot use is reported once, and the long format used instead."""
    if config.presswork_date_format in BABEL_FORMATS:
        return
    try:
        format_date(SAMPLE_DATE, format=config.presswork_date_format, locale="en")
    except Exception as error:
        warn(
            Subtype.CONFIG,
            f"presswork_date_format {config.presswork_date_format!r} is not a date pattern "
            f"babel can use ({error}); using 'long'",
            None,
        )
        config.presswork_date_format = "long"
