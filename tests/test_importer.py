"""The page-text importer on the seed essay: the essay word for word, none of the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT, SEED

from presswork.cli import main
from presswork.essays.frontmatter import read_front_matter, validate
from presswork.importers.page_text import escape_markdown, parse_page_text

CLUTTER = [
    "Written in",
    "Leave a comment",
    "Wait, does the nav block sit on the footer for this theme? That's bold.",
    "Explore the style variations available. Go to Styles > Browse styles.",
]
SEED_ESSAY = (
    PROJECT / "essays" / "keys-for-solidarity-in-the-international-proletariat-revolution.md"
)

needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason="../shared/seeds is not beside the project"
)


def seed_paragraphs() -> list[str]:
    """The seed's body paragraphs, found independently: between the byline and 'Tags'."""
    blocks = [block.strip() for block in SEED.read_text(encoding="utf-8").split("\n\n")]
    blocks = [block for block in blocks if block]
    start = blocks.index("Introduction:")
    end = blocks.index("Tags")
    return [block for block in blocks[start:end] if not block.endswith(":")]


@needs_seed
def test_seed_keeps_title_and_every_paragraph_word_for_word():
    page = parse_page_text(SEED.read_text(encoding="utf-8"))
    assert page.title == "Keys for Solidarity in the International Proletariat Revolution"
    body = [text for i, text in enumerate(page.paragraphs) if i not in page.headings]
    assert body == seed_paragraphs()
    assert len(body) == 6
    assert [page.paragraphs[i] for i in sorted(page.headings)] == ["Introduction", "Conclusion"]


@needs_seed
def test_seed_drops_theme_clutter_and_invents_nothing():
    page = parse_page_text(SEED.read_text(encoding="utf-8"))
    markdown = page.to_markdown()
    for clutter in CLUTTER:
        assert clutter not in markdown
    assert "\nby\n" not in markdown
    assert "\nTags\n" not in markdown and "\nCategories\n" not in markdown
    assert page.authors == [] and page.tags == [] and page.categories == []
    meta, problems = validate(read_front_matter(markdown))
    assert meta.authors == () and meta.date is None and meta.tags == ()
    assert {problem.subtype.value for problem in problems} == {
        "essay.missing_authors",
        "essay.missing_date",
    }
    assert "## Introduction\n" in markdown and "## Conclusion\n" in markdown


@needs_seed
def test_the_sample_essay_is_exactly_what_the_importer_makes():
    assert (
        SEED_ESSAY.read_text(encoding="utf-8")
        == parse_page_text(SEED.read_text(encoding="utf-8")).to_markdown()
    )


def test_bylines_and_footer_terms_that_are_given_are_kept():
    page = parse_page_text(
        "A Title\n\nWritten in History\n\nby Rosa Writer\n\nFirst: not a heading, too long a line "
        "to be a label.\n\nMethod:\n\nBody text.\n\nTags: strikes, print\n\nLeave a comment\n"
    )
    assert page.authors == ["Rosa Writer"]
    assert page.categories == ["History"]
    assert page.tags == ["strikes", "print"]
    assert page.paragraphs == [
        "First: not a heading, too long a line to be a label.",
        "Method",
        "Body text.",
    ]
    assert page.headings == {1}
    assert page.missing() == ["date"]


def test_markdown_characters_are_escaped_so_words_survive():
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("1917. A year") == "1917\\. A year"
    assert escape_markdown("a *b* [c] <d> `e` f_g") == "a \\*b\\* \\[c\\] \\<d> \\`e\\` f\\_g"
    assert escape_markdown("- item") == "\\- item"


def test_an_empty_page_is_refused():
    with pytest.raises(ValueError, match="no text"):
        parse_page_text("\n\n  \n")


def test_cli_writes_by_slug_and_never_overwrites(tmp_path: Path, capsys):
    source = tmp_path / "page.txt"
    source.write_text("On Print: A Title\n\nBody words.\n", encoding="utf-8")
    essays = tmp_path / "essays"
    assert main(["import", "page", str(source), "--into", str(essays)]) == 0
    written = essays / "on-print-a-title.md"
    assert written.read_text(encoding="utf-8").startswith("---\ntitle: 'On Print: A Title'\n")
    written.write_text("edited by hand", encoding="utf-8")
    assert main(["import", "page", str(source), "--into", str(essays)]) == 1
    assert written.read_text(encoding="utf-8") == "edited by hand"
    assert "use --force" in capsys.readouterr().err
    assert main(["import", "page", str(source), "--into", str(essays), "--force"]) == 0
    assert written.read_text(encoding="utf-8").endswith("Body words.\n")
    assert main(["import", "page", str(tmp_path / "missing.txt")]) == 1


def test_a_sentence_starting_with_by_is_body_text_and_names_are_split():
    page = parse_page_text(
        "Docks\n\nby Ann Writer and Bo Writer\n\nWritten in History, Printing\n\n"
        "By 1889 the docks were ready to strike.\n\nMore.\n"
    )
    assert page.authors == ["Ann Writer", "Bo Writer"]
    assert page.categories == ["History", "Printing"]
    assert page.paragraphs == ["By 1889 the docks were ready to strike.", "More."]


def test_a_two_line_paragraph_ending_in_a_colon_is_not_a_heading():
    page = parse_page_text("T\n\nThe demands were\nthese:\n\nShorter hours.\n")
    assert page.headings == set()
