"""presswork's changes to citeproc-py: applicable to the installed release, and doing their job."""

from __future__ import annotations

import hashlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, model
from citeproc import string as citeproc_string
from citeproc.formatter import html as html_formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from presswork.citations.citeproc_internals import patch_citeproc, patches
from presswork.citations.styles import load_style

AUTHOR_DATE, NOTES = "chicago-author-date", "chicago-notes-bibliography"
TAG = re.compile(r"<[^>]*>")
# The source of every citeproc-py function presswork wraps or relies on, as citeproc-py 0.11.1 has
# it. A release that changes one fails here: read the change, check the patch, update the digest.
WRAPPED = {
    "CitationStylesElement.xpath_search": "258fe4fe11f6",
    "Parent.calls_variable": "0be54bb70ed2",
    "Text.calls_variable": "84f7651ed4c7",
    "Date.calls_variable": "f26a8c7a6a74",
    "Number.calls_variable": "f26a8c7a6a74",
    "Names.calls_variable": "f26a8c7a6a74",
    "Label.calls_variable": "6d74f03b1d44",
    "Group.calls_variable": "f26a8c7a6a74",
    "Name.initialize": "4b835f6ad1a9",
    "If._is_numeric": "cea1201a9d66",
    "TextCased.case": "ff17f96b9569",
    "FormatNumber._format_last_page": "ed89ab46f01f",
    "Names.process": "f59024eb4814",
    "Substitute.render": "32332cf4b31c",
    "If.render": "127a05cb693c",
    "Label.process": "f9b9c83fc2d0",
    "Layout.render_citation": "f70ee91bd230",
    "Layout.render_bibliography": "332a2c723174",
    "Name.process": "c059ec904b21",
    "string.normalize_seam": "f8e87b822f57",
}
RELIED_ON = {
    (model.Text, "_variable"): "6c60676c7c73",  # looks substituted variables up in `repressed`
    (model.Substitute, "add_to_repressed_list"): "61751056dcf6",
    (model.Label, "_is_plural"): "4c6c7657cca1",  # the number-of-* lookup labels work around
    (model.CitationStylesElement, "get_layout"): "bb73143928e5",
    (citeproc_string, "_strip_first_char"): "abb5817584c4",
    (model.Name, "get_option"): "245ab4afeb33",
    (model.Parent, "render_children"): "fa0e49bd16e7",
    (model.Choose, "render"): "a09b06a1cfa3",
}


def digest(function: Any) -> str:
    """A short digest of a function's source, under any wrappers presswork put around it."""
    return hashlib.sha256(inspect.getsource(inspect.unwrap(function)).encode()).hexdigest()[:12]


def label(owner: Any, name: str) -> str:
    """'Class.attribute', or 'string.function' for a module."""
    return f"{owner.__name__.rsplit('.', 1)[-1]}.{name}"


def test_every_wrapped_internal_is_where_and_as_the_patches_expect():
    """Each patched attribute exists on its own class, and its source is the one patched."""
    patch_citeproc()
    found = {}
    for owner, name, change in patches():
        assert name in vars(owner), f"citeproc-py moved {label(owner, name)}"
        wrapper = getattr(owner, name)
        assert inspect.unwrap(wrapper) is not wrapper, f"{label(owner, name)} is not patched"
        assert callable(change)
        found[label(owner, name)] = digest(wrapper)
    assert found == WRAPPED
    assert model.normalize_seam is citeproc_string.normalize_seam


def test_the_helpers_the_patches_rely_on_are_unchanged():
    """What the patches call or imitate, but do not wrap, is as it was."""
    found = {(owner, name): digest(getattr(owner, name)) for owner, name in RELIED_ON}
    assert found == RELIED_ON
    assert issubclass(model.ConditionFailed, Exception)
    assert "to" in model.TextCased._stop_words
    assert isinstance(model.Label.RE_MULTIPLE_NUMBERS, re.Pattern)


def test_patching_twice_changes_nothing():
    """The changes are applied once per process, however often styles are loaded."""
    patch_citeproc()
    before = [getattr(owner, name) for owner, name, _ in patches()]
    patch_citeproc()
    assert [getattr(owner, name) for owner, name, _ in patches()] == before


def formatted(
    style_name: str, items: list[dict[str, Any]], cites: list[list[tuple[str, dict[str, Any]]]]
) -> tuple[list[str], list[str]]:
    """The citations (in order, so later ones are subsequent) and the reference list."""
    style = load_style(style_name, Path())
    bibliography = CitationStylesBibliography(style.csl, CiteProcJSON(items), html_formatter)
    bibliography.register(Citation([CitationItem(item["id"]) for item in items]))
    texts = []
    for cite in cites:
        citation = Citation([CitationItem(key, **options) for key, options in cite])
        bibliography.register(citation)
        texts.append(str(bibliography.cite(citation, lambda item: None)))
    return texts, [TAG.sub("", str(entry)) for entry in bibliography.bibliography()]


def book(key: str, **fields: Any) -> dict[str, Any]:
    """A CSL-JSON book of 2000 by A. Author, with the fields given."""
    item = {"id": key, "type": "book", "title": "A Book", "issued": {"date-parts": [[2000]]}}
    item["author"] = [{"family": "Author", "given": "Ann"}]
    item.update({name.replace("_", "-"): value for name, value in fields.items()})
    return item


def test_title_case_keeps_spaces_and_protected_words():
    """'Outcast London: A Study', not 'Outcast London : A Study'."""
    title = 'Outcast <span class="nocase">London</span>: a study of <span class="nocase">iOS</span>'
    _, entries = formatted(AUTHOR_DATE, [book("a", title=title)], [])
    assert "Outcast London: A Study of iOS." in entries[0]


@pytest.mark.parametrize(
    ("pages", "shown"),
    [
        ("1369–1401", "1369–401"),
        ("1496–1504", "1496–504"),
        ("101–108", "101–8"),
        ("321–328", "321–28"),
        ("1087–1089", "1087–89"),
        ("71–72", "71–72"),
        ("100–104", "100–104"),
    ],
)
def test_chicago_16_page_ranges(pages, shown):
    """The 16th edition's ranges, without the 15th's rule for four-digit numbers."""
    item = {**book("a"), "type": "article-journal", "container-title": "J", "page": pages}
    _, entries = formatted(AUTHOR_DATE, [item], [])
    assert entries[0].endswith(f", {shown}.")


def test_editors_stand_in_for_authors_once_and_as_authors_would():
    """An edited book: 'Hobsbawm, Eric, and Terence Ranger, eds.', and no 'Edited by'."""
    editors = [{"family": "Hobsbawm", "given": "Eric"}, {"family": "Ranger", "given": "Terence"}]
    item = {**book("a"), "editor": editors}
    del item["author"]
    cites, entries = formatted(AUTHOR_DATE, [item], [[("a", {})]])
    assert entries[0].startswith("Hobsbawm, Eric, and Terence Ranger, eds. 2000.")
    assert "Edited by" not in entries[0]
    assert cites == ["(Hobsbawm and Ranger 2000)"]


def test_short_notes_add_nothing_meant_for_disambiguation():
    """A short note of a chapter or article has no editors and no 'edition'."""
    chapter = {**book("a"), "type": "chapter", "container-title": "B", "editor": [{"family": "E"}]}
    article = {**book("b"), "type": "article-journal", "container-title": "J", "volume": "3"}
    twice = [[("a", {})], [("b", {})], [("a", {})], [("b", {})]]
    cites, _ = formatted(NOTES, [chapter, article], twice)
    assert cites[2:] == ["Author, “A Book.”", "Author, “A Book.”"]


def test_labels_need_their_variable_and_count_volumes():
    """No 'Edition' for a newspaper without one; '2 vols.' for a work in two volumes."""
    paper = {**book("a"), "type": "article-newspaper", "container-title": "The Link"}
    volumes = book("b", number_of_volumes="2", publisher="P")
    _, entries = formatted(AUTHOR_DATE, [paper, volumes], [])
    assert "Edition" not in entries[0] and "edition" not in entries[0]
    assert "A Book. 2 vols. P." in entries[1]


def test_cites_keep_the_order_the_author_gave():
    """Without a cs:sort in the citation, the first work named comes first."""
    items = [book("raw", author=[{"family": "Raw"}]), book("webb", author=[{"family": "Webb"}])]
    cites, _ = formatted(AUTHOR_DATE, items, [[("webb", {"prefix": "see "}), ("raw", {})]])
    assert cites == ["(see Webb 2000; Raw 2000)"]


def test_names_in_chinese_or_japanese_script_read_family_then_given():
    """河上肇, with neither a space nor a comma, in the list and in a note; 河上 when short."""
    item = book("a", author=[{"family": "河上", "given": "肇"}], language="ja-JP")
    cites, entries = formatted(NOTES, [item], [[("a", {})], [("a", {})]])
    assert entries[0].startswith("河上肇. ")
    assert cites[0].startswith("河上肇, ") and cites[1].startswith("河上, ")


def test_no_period_after_a_question_mark():
    """'What Do Unions Do? Basic Books', not 'Do?. Basic Books'."""
    item = book("a", title="What Do Unions Do?", publisher="Basic Books")
    _, entries = formatted(AUTHOR_DATE, [item], [])
    assert "What Do Unions Do? Basic Books." in entries[0]


def test_periods_go_inside_quotation_marks_through_marks():
    """American punctuation, past a private-use mark that closes a work's link."""
    item = {**book("a"), "type": "article-journal", "container-title": "J"}
    mark = "\ue000"
    cites, _ = formatted(NOTES, [item], [[("a", {})], [("a", {"suffix": mark})]])
    assert cites[1] == f"Author, “A Book.”{mark}"
    located = [[("a", {"locator": Locator("page", "12"), "suffix": mark})]]
    assert formatted(NOTES, [item], located)[0][0].endswith(f"12{mark}.")
