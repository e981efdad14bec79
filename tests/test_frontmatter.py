"""The front matter schema: every field, every bad value, one warning each with its line."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import html, text_of, warnings_of

from presswork.diagnostics import Subtype
from presswork.essays.frontmatter import read_front_matter, rewrite_for_myst, validate
from presswork.essays.model import Author


def check(text: str):
    meta, problems = validate(read_front_matter(text))
    return meta, [(problem.line, problem.subtype) for problem in problems]


def test_every_field_is_read():
    meta, problems = check(
        "---\n"
        "title: '  A   Title '\n"
        "authors: [Ann, {name: Bo, affiliation: Union, orcid: 0000-0002-1825-0097}]\n"
        "date: 2024-05-01\n"
        "tags: [solidarity, labour history, solidarity]\n"
        "categories: [History]\n"
        "abstract: >\n  Two\n  lines.\n"
        "lang: pt-BR\n"
        "draft: true\n"
        "---\nBody\n"
    )
    assert problems == []
    assert meta.title == "A Title"
    assert meta.authors == (
        Author("Ann"),
        Author("Bo", (("affiliation", "Union"), ("orcid", "0000-0002-1825-0097"))),
    )
    assert meta.date == dt.date(2024, 5, 1)
    assert meta.tags == ("solidarity", "labour history")
    assert meta.categories == ("History",)
    assert meta.abstract == "Two lines."
    assert meta.lang == "pt-BR"
    assert meta.draft is True
    assert meta.lines["abstract"] == 7


@pytest.mark.parametrize(
    ("line", "subtype"),
    [
        ("title: [a, b]", Subtype.FRONT_MATTER_TYPE),
        ("title: " + "Enormous " * 30, Subtype.FRONT_MATTER_LENGTH),
        ("title: {a: b}", Subtype.FRONT_MATTER_TYPE),
        ("authors: 42", Subtype.FRONT_MATTER_TYPE),
        ("authors: [Ann, '']", Subtype.FRONT_MATTER_TYPE),
        ("authors: [{affiliation: X}]", Subtype.FRONT_MATTER_TYPE),
        ("authors: [{name: X, height: 2}]", Subtype.FRONT_MATTER_KEY),
        ("date: 2024-02-30", Subtype.FRONT_MATTER_DATE),
        ("date: 2024-13-01", Subtype.FRONT_MATTER_DATE),
        ("date: 1 May 2024", Subtype.FRONT_MATTER_DATE),
        ("date: 20240501", Subtype.FRONT_MATTER_DATE),
        ("date: [2024]", Subtype.FRONT_MATTER_DATE),
        ("tags: solidarity", Subtype.FRONT_MATTER_TYPE),
        ("tags: 1968", Subtype.FRONT_MATTER_TYPE),
        ("tags: true", Subtype.FRONT_MATTER_TYPE),
        ("tags: [ok, true]", Subtype.FRONT_MATTER_TYPE),
        ("tags: {a: b}", Subtype.FRONT_MATTER_TYPE),
        ("categories: true", Subtype.FRONT_MATTER_TYPE),
        ("categories: [History, null]", Subtype.FRONT_MATTER_TYPE),
        ("abstract: [a]", Subtype.FRONT_MATTER_TYPE),
        ("lang: english!", Subtype.FRONT_MATTER_LANG),
        ("lang: 12", Subtype.FRONT_MATTER_LANG),
        ("draft: 'yes'", Subtype.FRONT_MATTER_TYPE),
        ("draft: 1", Subtype.FRONT_MATTER_TYPE),
        ("tittle: Typo", Subtype.FRONT_MATTER_KEY),
    ],
)
def test_each_bad_value_gives_exactly_one_problem_at_its_line(line, subtype):
    lines = {"authors": "authors: [Someone]", "date": "date: 2024-01-01", "extra": "title: T"}
    key = line.split(":")[0]
    lines[key if key in lines else "extra"] = line
    expected_line = 2 + list(lines).index(key if key in lines else "extra")
    _meta, problems = check("---\n" + "\n".join(lines.values()) + "\n---\n")
    assert problems == [(expected_line, subtype)]


def test_lenient_reading_keeps_what_it_can():
    meta, _ = check("---\ntags: solidarity\ncategories: [History, '', 1968, false]\n---\n")
    assert meta.tags == ("solidarity",)
    assert meta.categories == ("History", "1968")


def test_author_alone_and_with_authors():
    meta, problems = check("---\nauthor: Solo Writer\ndate: 2024-01-01\n---\n")
    assert meta.authors == (Author("Solo Writer"),)
    assert problems == []
    meta, problems = check("---\nauthors: [A]\nauthor: B\ndate: 2024-01-01\n---\n")
    assert meta.authors == (Author("A"),)
    assert problems == [(3, Subtype.FRONT_MATTER_KEY)]


def test_missing_authors_and_date_are_reported_never_invented():
    meta, problems = check("---\ntitle: T\n---\n")
    assert meta.authors == ()
    assert meta.date is None
    assert sorted(problems) == [(1, Subtype.MISSING_AUTHORS), (1, Subtype.MISSING_DATE)]
    _, problems = check("---\ntitle: T\nauthors: []\ndate:\n---\n")
    assert sorted(problems) == [(3, Subtype.MISSING_AUTHORS), (4, Subtype.MISSING_DATE)]


def test_dates_accept_iso_forms_and_keep_the_day():
    for text, expected in [
        ("2024-05-01", (2024, 5, 1)),
        ("'2024-05-01'", (2024, 5, 1)),
        ("2024-05-01T10:30:00", (2024, 5, 1)),
        ("2024-05-01 10:30", (2024, 5, 1)),
    ]:
        meta, problems = check(f"---\nauthors: [A]\ndate: {text}\n---\n")
        assert problems == []
        assert meta.date == dt.date(*expected)


def test_syntax_errors_point_at_the_line_and_nothing_else_is_reported():
    _, problems = check("---\ntitle: Fine\nauthors: [Unclosed\ndate: 2024-01-01\n---\n")
    assert problems == [(3, Subtype.FRONT_MATTER_SYNTAX)]
    _, problems = check("---\n- a list\n- not a mapping\n---\n")
    assert problems == [(2, Subtype.FRONT_MATTER_SYNTAX)]
    _, problems = check("---\ntitle: never closed\n")
    assert problems == [(1, Subtype.FRONT_MATTER_SYNTAX)]


def test_duplicate_keys_keep_the_first_value():
    meta, problems = check("---\ntitle: One\nauthors: [A]\ndate: 2024-01-01\ntitle: Two\n---\n")
    assert meta.title == "One"
    assert problems == [(5, Subtype.FRONT_MATTER_DUPLICATE)]


def test_rewrite_keeps_line_numbers_and_passes_myst_keys_on():
    text = "---\ntitle: T\ntags:\n  - a\n  - b\norphan: true\n---\n\nBody line 9\n"
    front = read_front_matter(text)
    rewritten = rewrite_for_myst(text, front, "T")
    lines = rewritten.split("\n")
    assert lines[:4] == ["---", "orphan: true", "---", "# T"]
    assert lines[8] == "Body line 9"
    assert len(lines) == len(text.split("\n"))
    plain = rewrite_for_myst(
        "---\ntitle: T\n---\n# T\n", read_front_matter("---\ntitle: T\n---\n# T\n"), "T"
    )
    assert plain.split("\n") == ["", "", "", "# T", ""]


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_build_reports_each_bad_value_once_with_file_and_line(app):
    app.build()
    found = sorted((file, line, kind) for file, line, kind, _ in warnings_of(app))
    assert found == sorted(
        [
            ("essays/bad-authors.md", 3, "presswork.front_matter.type"),
            ("essays/bad-authors.md", 3, "presswork.front_matter.unknown_key"),
            ("essays/bad-authors.md", 7, "presswork.front_matter.unknown_key"),
            ("essays/bad-authors.md", 8, "presswork.front_matter.date"),
            ("essays/bad-values.md", 2, "presswork.front_matter.type"),
            ("essays/bad-values.md", 3, "presswork.front_matter.type"),
            ("essays/bad-values.md", 4, "presswork.front_matter.date"),
            ("essays/bad-values.md", 5, "presswork.front_matter.type"),
            ("essays/bad-values.md", 6, "presswork.front_matter.type"),
            ("essays/bad-values.md", 7, "presswork.front_matter.type"),
            ("essays/bad-values.md", 8, "presswork.front_matter.lang"),
            ("essays/bad-values.md", 9, "presswork.front_matter.type"),
            ("essays/bad-values.md", 10, "presswork.front_matter.unknown_key"),
            ("essays/duplicate.md", 5, "presswork.front_matter.duplicate_key"),
            ("essays/missing.md", 1, "presswork.essay.missing_authors"),
            ("essays/missing.md", 1, "presswork.essay.missing_date"),
            ("essays/missing.md", 1, "presswork.essay.missing_title"),
            ("essays/syntax.md", 3, "presswork.front_matter.syntax"),
            ("essays/unclosed.md", 1, "presswork.front_matter.syntax"),
        ]
    )
    assert "Traceback" not in app.warning.getvalue()
    assert app.warning.getvalue().count("WARNING") == len(found)
    page = html(app, "essays/bad-values")
    assert text_of(page.find("h1")) == "Heading Title"
    assert "The essay is still published." in page.get_text()
    assert page.select_one(".presswork-tags").get_text(" ", strip=True) == "Tags: solidarity"
    assert "Body survives." in html(app, "essays/syntax").get_text()
    assert html(app, "essays/passthrough").get_text().count("Written for the printers.") == 1


@pytest.mark.sphinx(
    "html",
    testroot="frontmatter",
    confoverrides={
        "suppress_warnings": ["presswork.front_matter.type", "presswork.essay.missing_title"]
    },
)
def test_warnings_can_be_suppressed_by_type_and_subtype(app):
    app.build()
    kinds = {kind for _, _, kind, _ in warnings_of(app)}
    assert "presswork.front_matter.type" not in kinds
    assert "presswork.essay.missing_title" not in kinds
    assert "presswork.essay.missing_date" in kinds
    assert "presswork.front_matter.date" in kinds
