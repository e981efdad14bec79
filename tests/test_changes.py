"""Proofs that mark what changed since an earlier revision (`make proof SINCE=...`)."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import TESTS, build, text
from docutils import nodes
from hypothesis import given
from hypothesis import strategies as st
from myst_parser.config.main import MdParserConfig
from PIL import Image
from sphinx.testing.util import SphinxTestApp

from presswork.changes import words
from presswork.changes.compare import compare_essay
from presswork.changes.marks import change_note, changed_heading, deleted, inserted
from presswork.changes.revision import RevisionError, wanted_revision
from presswork.changes.words import DELETED, INSERTED, KEPT, resembles, word_runs
from presswork.cli import main as presswork
from presswork.latex.pdf import build_pdfs

ROOT = TESTS / "roots" / "test-changes"
INSERTED_SENTENCE = "A fount of pica could weigh more than the compositor who set it."
DELETED_PARAGRAPH = "work was heavy, and the pull of the bar"
BLUE, RED = (0, 84, 166), (178, 34, 34)
PROOF = {"presswork_proof": True}


def git(folder: Path, *arguments: str) -> str:
    """Run git in the test's repository; its output."""
    return subprocess.run(
        ["git", "-c", "user.name=Ed", "-c", "user.email=ed@example.org", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def committed(tmp: Path) -> Path:
    """The test root in a git repository of its own, committed as the first proof."""
    source = tmp / "src"
    shutil.copytree(ROOT, source)
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "first proof")
    return source


def edit(path: Path, old: str, new: str) -> None:
    """Replace one passage of a source, which must be there."""
    content = path.read_text(encoding="utf-8")
    assert old in content, old
    path.write_text(content.replace(old, new), encoding="utf-8")


def revise(source: Path) -> None:
    """The authors' revisions: a sentence in, a paragraph out, a work retitled, a rewrap."""
    essays = source / "essays"
    edit(
        essays / "founts.md",
        "pounds, and a small shop",
        f"pounds. {INSERTED_SENTENCE} A small shop",
    )
    edit(
        essays / "founts.md",
        "in hand. A book of sermons wanted a plain roman, and a\nplaybill",
        "in hand.\nA book of sermons wanted a plain roman, and a playbill",
    )
    edit(
        essays / "presses.md",
        "The pressman's work was heavy, and the pull of the bar left its mark on his shoulders "
        "over\nthe years, so that an old pressman could be told by the way he stood.\n\n",
        "",
    )
    edit(essays / "refs.bib", "Exercises on the Whole Art", "Exercises, or the Doctrine of the Art")


@pytest.fixture(scope="module")
def proofs(tmp_path_factory) -> dict:
    """A proof since the first commit, and the release book, both typeset."""
    source = committed(tmp_path_factory.mktemp("changes"))
    first = git(source, "rev-parse", "HEAD").strip()
    revise(source)
    before = {
        "status": git(source, "status", "--porcelain"),
        "head": first,
        "worktrees": git(source, "worktree", "list"),
        "stash": git(source, "stash", "list"),
    }
    app, _ = build("latex", source, confoverrides={**PROOF, "presswork_proof_since": first})
    proof = Path(app.outdir)
    assert build_pdfs(proof) == 0
    app, _ = build(
        "latex",
        source,
        confoverrides={"presswork_proof_since": first},
        builddir=source / "_build" / "release",
    )
    release = Path(app.outdir)
    assert build_pdfs(release) == 0
    return {
        "source": source,
        "short": first[:7],
        "before": before,
        "proof": proof,
        "release": release,
        "release_log": app.warning.getvalue(),
    }


def pages(pdf: Path) -> list[str]:
    """Each page's text, its lines joined by spaces."""
    return [" ".join(page.split()) for page in text(pdf).split("\f")]


def folio(page: str) -> str:
    """The page number the proof's footer prints."""
    found = re.search(r"• page (\S+)", page)
    assert found, page
    return found.group(1)


def page_with(pdf: Path, words: str) -> int:
    """The index of the page that prints ``words``."""
    found = [index for index, page in enumerate(pages(pdf)) if words in page]
    assert len(found) == 1, (words, found)
    return found[0]


def coloured_pixels(pdf: Path, page: int, word: str, colour: tuple[int, int, int]) -> int:
    """How many pixels of ``colour`` the page has where it prints ``word``."""
    boxes = BeautifulSoup(
        text(pdf, "-bbox", "-f", str(page + 1), "-l", str(page + 1)), "html.parser"
    )
    found = [box for box in boxes.select("word") if box.get_text() == word]
    assert found, word
    scale = 100 / 72
    picture = rendered(pdf, page)
    count = 0
    for box in found:
        left, top = float(box["xmin"]) * scale, float(box["ymin"]) * scale
        right, bottom = float(box["xmax"]) * scale, float(box["ymax"]) * scale + 3
        region = picture.crop((int(left), int(top), int(right) + 1, int(bottom) + 1))
        count += sum(1 for pixel in pixels(region) if near(pixel, colour))
    return count


def rendered(pdf: Path, page: int) -> Image.Image:
    """One page as pixels, at 100 dpi."""
    prefix = pdf.parent / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            *("pdftoppm", "-r", "100", "-png", "-singlefile"),
            *("-f", str(page + 1), "-l", str(page + 1), str(pdf), str(prefix)),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("RGB")


def pixels(picture: Image.Image) -> list[tuple[int, int, int]]:
    """The picture's RGB pixels."""
    data = picture.tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    """Whether a pixel is (anti-aliased) ink of this colour, not black, grey or white."""
    return sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 120


def all_marks(pdf: Path, page: int) -> int:
    """Blue or red pixels anywhere on a page."""
    picture = rendered(pdf, page)
    return sum(1 for pixel in pixels(picture) if near(pixel, BLUE) or near(pixel, RED))


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=12),
)
def test_word_runs_give_back_both_versions(old, new):
    runs = word_runs(old, new)
    assert [w for run in runs if run.op in (KEPT, INSERTED) for w in run.words] == new
    assert [w for run in runs if run.op in (KEPT, DELETED) for w in run.words] == old


def test_a_struck_sentence_is_struck_whole_where_its_first_word_repeats():
    runs = word_runs(["one", "two.", "A", "b", "c.", "A", "d"], ["one", "two.", "A", "d"])
    assert [(run.op, run.text) for run in runs] == [
        ("=", "one two."),
        ("-", "A b c."),
        ("=", "A d"),
    ]


ESSAY = """---
title: On Type
authors: [Ann Setter]
abstract: How type was chosen.
---

The first paragraph says one thing
and goes on for a line.

The second paragraph is here.

The third paragraph closes.
"""


def test_a_rewrapped_paragraph_with_typeset_quotes_is_not_a_change():
    rewrapped = ESSAY.replace("one thing\nand goes", "one\nthing and goes")
    assert not compare_essay("essays/t", ESSAY, rewrapped, MdParserConfig()).marked
    curly = ESSAY.replace("is here.", "is “here” -- now.")
    straight = ESSAY.replace("is here.", 'is "here" – now.')
    assert not compare_essay("essays/t", curly, straight, MdParserConfig()).marked


def test_words_are_found_within_paragraphs_and_a_removed_one_keeps_its_place():
    new = ESSAY.replace("says one thing", "says one new thing").replace(
        "The second paragraph is here.\n\n", ""
    )
    changes = compare_essay("essays/t", ESSAY, new, MdParserConfig())
    assert [(r.line, [(run.op, run.text) for run in r.runs]) for r in changes.revised] == [
        (
            7,
            [
                ("=", "The first paragraph says one"),
                ("+", "new"),
                ("=", "thing and goes on for a line."),
            ],
        )
    ]
    [removed] = changes.removed
    assert removed.words == tuple(["The", "second", "paragraph", "is", "here."])
    assert removed.before == (10, 0)  # it stood before the third paragraph, now on line 10


def test_front_matter_changes_are_found_word_by_word():
    new = ESSAY.replace("title: On Type", "title: On Wood Type").replace(
        "authors: [Ann Setter]", "authors: [Ann Setter, Bo Pressman]"
    )
    changes = compare_essay("essays/t", ESSAY, new, MdParserConfig())
    assert set(changes.fields) == {"title", "authors"}  # the date stayed
    assert [(run.op, run.text) for run in changes.fields["title"]] == [
        ("=", "On"),
        ("+", "Wood"),
        ("=", "Type"),
    ]
    assert not changes.revised and not changes.removed


def test_a_revision_is_a_commit_tag_branch_or_an_earlier_proofs_stamp():
    assert wanted_revision("PROOF • commit 1a2b3c4, 2026-11-25 • page 3") == "1a2b3c4"
    assert wanted_revision(" v1.0 ") == "v1.0"
    with pytest.raises(RevisionError):
        wanted_revision("--output=/tmp/x")


def test_the_changes_page_lists_exactly_the_changed_essays_with_their_pages(proofs):
    book = proofs["proof"] / "changestest.pdf"
    texts = pages(book)
    front = text(book).split("\f")[page_with(book, f"Changes since {proofs['short']}")]
    entry = re.compile(r"(Founts and Faces|Presses and Pressmen|Bindings)\b.*?(?: \.)+ (\S.*)$")
    listed = {m[1]: m[2] for line in front.splitlines() if (m := entry.match(line.strip()))}
    assert set(listed) == {"Founts and Faces", "Presses and Pressmen"}, front
    inserted_on = folio(texts[page_with(book, "compositor who set it")])
    deleted_on = folio(texts[page_with(book, DELETED_PARAGRAPH)])
    assert listed["Founts and Faces"].split(", ")[0].strip() == inserted_on
    assert deleted_on in [page.strip() for page in listed["Presses and Pressmen"].split(",")]


def test_inserted_and_deleted_words_are_printed_and_marked(proofs):
    book = proofs["proof"] / "changestest.pdf"
    texts = pages(book)
    assert INSERTED_SENTENCE in " ".join(texts)
    inserted_page = page_with(book, "compositor who set it")
    assert coloured_pixels(book, inserted_page, "compositor", BLUE) > 20
    deleted_page = page_with(book, DELETED_PARAGRAPH)
    assert coloured_pixels(book, deleted_page, "shoulders", RED) > 20
    assert coloured_pixels(book, deleted_page, "Doctrine", BLUE) > 20  # the work's new title


def test_unchanged_essays_and_rewrapped_paragraphs_carry_no_marks(proofs):
    book = proofs["proof"] / "changestest.pdf"
    assert all_marks(book, page_with(book, "The binder folded the printed sheets")) == 0
    founts = page_with(book, "compositor who set it")
    assert coloured_pixels(book, founts, "sermons", BLUE) == 0
    assert coloured_pixels(book, founts, "sermons", RED) == 0
    tex = (proofs["proof"] / "changestest.tex").read_text(encoding="utf-8")
    bindings = tex[tex.index(r"\chapter{Bindings}") : tex.index("presswork-end:essays/bindings")]
    assert r"\PressworkInserted" not in bindings and r"\PressworkDeleted" not in bindings


def test_the_per_essay_proofs_carry_the_same_marks(proofs):
    offprint = proofs["proof"] / "essays" / "founts.pdf"
    page = page_with(offprint, "compositor who set it")
    assert coloured_pixels(offprint, page, "compositor", BLUE) > 20


def test_the_release_book_has_no_deleted_text_and_no_marks(proofs):
    book = proofs["release"] / "changestest.pdf"
    everything = " ".join(pages(book))
    assert INSERTED_SENTENCE in everything
    assert DELETED_PARAGRAPH not in everything and "Changes since" not in everything
    tex = (proofs["release"] / "changestest.tex").read_text(encoding="utf-8")
    assert r"\PressworkInserted{" not in tex and r"\PressworkDeleted{" not in tex
    assert "presswork_proof_since marks changes in proofs only" in proofs["release_log"]


def test_nothing_in_the_sources_or_the_repository_is_changed(proofs):
    source, before = proofs["source"], proofs["before"]
    assert git(source, "status", "--porcelain") == before["status"]
    assert git(source, "rev-parse", "HEAD").strip() == before["head"]
    assert git(source, "worktree", "list") == before["worktrees"]
    assert git(source, "stash", "list") == before["stash"]
    assert INSERTED_SENTENCE in (source / "essays" / "founts.md").read_text(encoding="utf-8")


QUOTED = """
> The binder's trade was learnt in seven years.

"""


def test_title_authors_abstract_notes_quotations_and_epigraphs_are_marked(tmp_path):
    source = committed(tmp_path)
    essays = source / "essays"
    edit(
        essays / "bindings.md",
        "abstract:",
        "epigraph:\n  text: Sewn to last.\n  source: A binder\nabstract:",
    )
    edit(essays / "bindings.md", "on cords.\n", "on cords.\n" + QUOTED)
    git(source, "commit", "-q", "-am", "second proof")
    edit(essays / "founts.md", "title: Founts and Faces", "title: Founts and Their Faces")
    edit(essays / "founts.md", "authors: [Ann Setter]", "authors: [Ann Setter, Di Founder]")
    edit(essays / "founts.md", "came.", "came to the shops.")
    edit(essays / "founts.md", "date: 2024-01-10", "date: 2024-01-12")
    edit(essays / "presses.md", "Candles were a danger", "Candles were a great danger")
    edit(essays / "bindings.md", "in seven years", "in five years")
    edit(essays / "bindings.md", "Sewn to last.", "Sewn to last for ever.")
    app, _ = build("latex", source, confoverrides={**PROOF, "presswork_proof_since": "HEAD"})
    tex = (Path(app.outdir) / "changestest.tex").read_text(encoding="utf-8")
    assert r"{Title: }Founts and \PressworkInserted{1}{Their} Faces" in tex
    assert r"\PressworkInserted{1}{Di} \PressworkInserted{1}{Founder}" in tex  # in the byline
    assert r"January \PressworkDeleted{1}{10,} \PressworkInserted{1}{12,} 2024" in tex  # its date
    assert r"\PressworkDeleted{1}{came.} \PressworkInserted{1}{came}" in tex  # the abstract
    assert r"Candles were a \PressworkInserted{2}{great} danger" in tex  # a note
    assert r"in \PressworkDeleted{3}{seven} \PressworkInserted{3}{five} years" in tex  # a quotation
    assert r"Sewn to \PressworkDeleted{3}{last.} \PressworkInserted{3}{last}" in tex  # an epigraph
    assert r"\chapter{Founts and Their Faces}" in tex  # the heading itself carries no marks


ODD = """---
title: Odd Corners
authors: [Di Odd, Ed Even]
date: 2024-05-01
---

Maths {math}`x^2 + y` one two here, and a [link to the press](https://example.org) right now too.

```{note}
A note that says little.
```

| Press | Year |
|-------|------|
| Albion | 1822 |

- first item
- second item
- third item

As Moxon says {cite:p}`moxon1683{p. 12}`.
"""


def test_odd_corners_are_marked_and_still_typeset(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    (source / "essays" / "odd.md").write_text(ODD, encoding="utf-8")
    headed = "---\nauthors: [Fa Folder]\ndate: 2024-06-01\n---\n\n# Sheets\n\nSheets folded.\n"
    (source / "essays" / "sheets.md").write_text(headed, encoding="utf-8")
    (source / "essays" / "old\nname.md").write_text("---\ntitle: Gone\n---\n\nGone.\n")
    bindings = source / "essays" / "bindings.md"
    bindings.write_bytes(b"\xef\xbb\xbf" + bindings.read_bytes())  # saved with a byte-order mark
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "first proof")
    (source / "essays" / "old\nname.md").unlink()
    odd = source / "essays" / "odd.md"
    edit(odd, "one two here", "here")  # words deleted beside maths
    edit(odd, " right now too.", " too.")  # words deleted just after a link
    edit(odd, "A note that says little.", "A note that says a lot.")  # inside a directive
    edit(odd, "| Albion | 1822 |", "| Columbian | 1822 |")  # a table cell
    edit(odd, "- second item\n", "")  # a list item removed
    edit(odd, "{cite:p}`moxon1683{p. 12}`", "{cite:p}`moxon1683{p. 14}`")  # a citation's page
    edit(odd, "authors: [Di Odd, Ed Even]\n", "")  # every author removed
    sheets = source / "essays" / "sheets.md"
    sheets.write_bytes(b"\xef\xbb\xbf" + sheets.read_bytes().replace(b"folded.", b"folded twice."))
    edit(source / "essays" / "refs.bib", "title = {Mechanick", "title = {Mechanick\n   ")
    edit(bindings, "title: Bindings", "title: Bindings and Covers")
    order = {
        "presswork_running_order": [
            "essays/founts", "essays/presses", "essays/bindings", "essays/odd", "essays/sheets"
        ]
    }  # fmt: skip
    app, _ = build(
        "latex", source, confoverrides={**PROOF, **order, "presswork_proof_since": "HEAD"}
    )
    folder = Path(app.outdir)
    tex = (folder / "changestest.tex").read_text(encoding="utf-8")
    maths = tex[tex.index(r"\(x^2") :]
    assert r"\PressworkDeleted" not in maths[: maths.index(r"\)")]  # never inside the maths
    assert r"\) \PressworkDeleted{4}{one} \PressworkDeleted{4}{two} here" in tex
    assert (
        r"says \PressworkDeleted{4}{little.} \PressworkInserted{4}{a} \PressworkInserted{4}{lot.}"
        in tex
    )
    assert r"\PressworkDeleted{4}{Albion} \PressworkInserted{4}{Columbian}" in tex
    item = "\\item {} \n\\sphinxAtStartPar\n\\PressworkDeleted{4}{second}"
    assert item in tex  # the item that went, as an item of its own
    odd_part = tex[tex.index(r"\chapter{Odd Corners}") : tex.index("presswork-end:essays/odd")]
    assert "12}" not in odd_part and "moxon1683{" not in odd_part  # no role markup printed
    assert r"\PressworkChangeNote{4}{}" in odd_part  # the citation's change: a bar
    assert r"\PressworkDeleted{4}{Di} \PressworkDeleted{4}{Odd}" in tex  # the authors who went
    assert r"\PressworkChangedEssay{Sheets}{Fa Folder}{5}" in tex  # its heading, not its file name
    assert r"Sheets \PressworkDeleted{5}{folded.} \PressworkInserted{5}{folded}" in tex  # one block
    assert "Heading: }" not in tex
    assert r"\PressworkRemovedEssay{Gone}{removed}" in tex
    assert r"{link to the press} \PressworkDeleted{4}{right} \PressworkDeleted{4}{now} too." in tex
    assert r"\PressworkChangedEssay{Bindings and Covers}{Cy Binder}{3}" in tex
    assert r"{Title: }Bindings \PressworkInserted{3}{and} \PressworkInserted{3}{Covers}" in tex
    assert r"\PressworkChangedEssay{Presses" not in tex  # the .bib title only re-wrapped
    assert build_pdfs(folder) == 0


def test_a_proof_since_a_revision_with_no_changes_says_so(tmp_path):
    source = committed(tmp_path)
    app, _ = build("latex", source, confoverrides={**PROOF, "presswork_proof_since": "HEAD"})
    tex = (Path(app.outdir) / "changestest.tex").read_text(encoding="utf-8")
    assert "No essay has changed." in tex and r"\PressworkChangedEssay{" not in tex


def test_pairing_blocks_grows_with_the_essay_not_its_square(monkeypatch):
    vocabulary = (
        "the of and a to in press ink type printer paper shop men work sheet forme bar pull"
    )
    vocabulary += " light window"
    compared = []

    def counted(old, new):
        compared.append(1)
        return resembles(old, new)

    monkeypatch.setattr(words, "resembles", counted)

    def essay(seed: int, blocks: int) -> str:
        pick = random.Random(seed).choice
        paragraphs = [" ".join(pick(vocabulary.split()) for _ in range(40)) for _ in range(blocks)]
        return "---\ntitle: T\n---\n\n" + "\n\n".join(paragraphs) + "\n"

    def comparisons(blocks: int) -> int:  # rewritten throughout, one paragraph fewer
        compared.clear()
        compare_essay("essays/t", essay(1, blocks), essay(2, blocks - 1), MdParserConfig())
        return len(compared)

    small, large = comparisons(30), comparisons(300)
    assert large < small * 20, (small, large)  # ten times the blocks: not a hundred times the work


def test_a_new_essay_is_marked_new_and_a_removed_one_listed(tmp_path):
    source = committed(tmp_path)
    (source / "essays" / "bindings.md").unlink()
    (source / "essays" / "paper.md").write_text(
        "---\ntitle: Paper\nauthors: [Di Maker]\ndate: 2024-04-01\n---\n\nRags made paper.\n",
        encoding="utf-8",
    )
    order = {"presswork_running_order": ["essays/founts", "essays/presses", "essays/paper"]}
    app, _ = build(
        "latex", source, confoverrides={**PROOF, **order, "presswork_proof_since": "HEAD"}
    )
    tex = (Path(app.outdir) / "changestest.tex").read_text(encoding="utf-8")
    assert r"\PressworkChangedEssay{Paper}{new essay}{3}" in tex
    assert r"\PressworkRemovedEssay{Bindings}{removed}" in tex
    assert r"\PressworkChangedEssay{Founts" not in tex  # unchanged
    assert r"\PressworkChangeNote{3}{new essay}Rags made paper." in tex


def test_marks_follow_an_incremental_rebuild_read_in_parallel(tmp_path):
    source = committed(tmp_path)
    since = {**PROOF, "presswork_proof_since": "HEAD"}
    edit(source / "essays" / "founts.md", "for years.", "for years on end.")
    app, _ = build("latex", source, confoverrides=since, parallel=2)
    tex = Path(app.outdir) / "changestest.tex"
    assert r"\PressworkInserted{1}{end.}" in tex.read_text(encoding="utf-8")
    assert r"\PressworkChangedEssay{Bindings" not in tex.read_text(encoding="utf-8")
    edit(source / "essays" / "bindings.md", "on cords.", "on cords of hemp.")
    build("latex", source, confoverrides=since, parallel=2)
    again = tex.read_text(encoding="utf-8")
    assert r"\PressworkInserted{1}{end.}" in again  # founts was not read again: still marked
    assert r"\PressworkInserted{3}{hemp.}" in again
    assert r"\PressworkChangedEssay{Bindings}{Cy Binder}{3}" in again


def add_marks(app, doctree, docname) -> None:
    """Marks in an essay of another builder, as the proof's transform would set them."""
    if docname != "essays/bindings":
        return
    paragraph = next(iter(doctree.findall(nodes.paragraph)))
    paragraph.extend(
        [
            inserted("", nodes.Text("new words"), essay=1),
            deleted("", nodes.Text("old words"), essay=1),
            change_note("", nodes.Text("new essay"), essay=1),
        ]
    )
    heading = changed_heading("", "", nodes.emphasis("", "Heading: "))
    heading += inserted("", nodes.Text("Better"), essay=1)
    paragraph.parent.insert(paragraph.parent.index(paragraph) + 1, heading)


@pytest.mark.parametrize("builder", ["html", "text"])
def test_every_mark_has_a_writer_for_html_and_text(tmp_path, builder):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    app = SphinxTestApp(builder, srcdir=source)
    app.connect("doctree-resolved", add_marks)
    try:
        app.build()
    finally:
        app.cleanup()
    name = "essays/bindings.html" if builder == "html" else "essays/bindings.txt"
    written = (Path(app.outdir) / name).read_text(encoding="utf-8")
    if builder == "html":
        page = BeautifulSoup(written, "html.parser")
        assert page.select_one("ins.presswork-change").get_text() == "new words"
        assert page.select_one("del.presswork-change").get_text() == "old words"
        assert page.select_one("small.presswork-change-note").get_text() == "new essay"
        assert "Heading: Better" in page.get_text(" ", strip=True)
    else:
        flat = " ".join(written.split())
        assert "[+new words+][-old words-][new essay]" in flat
        assert "*Heading: *[+Better+]" in flat


def test_a_proof_without_since_is_todays_proof(tmp_path):
    source = committed(tmp_path)
    revise(source)
    app, _ = build("latex", source, confoverrides=PROOF)
    tex = (Path(app.outdir) / "changestest.tex").read_text(encoding="utf-8")
    assert "Changes since" not in tex and r"\PressworkInserted{" not in tex


def test_a_revision_that_does_not_exist_is_a_clear_error(tmp_path, capsys):
    source = committed(tmp_path)
    with pytest.raises(RevisionError, match="there is no revision 'nosuch' in the git repository"):
        build("latex", source, confoverrides={**PROOF, "presswork_proof_since": "nosuch"})
    assert presswork(["revision", "nosuch", str(source)]) == 1
    assert "cannot mark changes: there is no revision 'nosuch'" in capsys.readouterr().err
    assert presswork(["revision", "HEAD", str(source)]) == 0
    assert presswork(["revision", "--", "-rf", str(source)]) == 1  # as `make proof SINCE=-rf`
    assert "'-rf' is not a git revision" in capsys.readouterr().err


def test_sources_outside_git_are_a_clear_error(tmp_path, capsys):
    source = tmp_path / "plain"
    shutil.copytree(ROOT, source)
    with pytest.raises(RevisionError, match="not in a git repository"):
        build("latex", source, confoverrides={**PROOF, "presswork_proof_since": "HEAD"})
    assert presswork(["revision", "HEAD", str(source)]) == 1
    assert "not in a git repository" in capsys.readouterr().err
