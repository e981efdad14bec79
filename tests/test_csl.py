"""Citation styles by one setting: Chicago author-date, Chicago notes, a publication's CSL file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, model
from citeproc.formatter import html as html_formatter
from citeproc.source import CitationItem as SourceItem
from citeproc.source.json import CiteProcJSON
from conftest import html, strip_escape_sequences
from test_epub import epubcheck_messages

from presswork.citations.bibfiles import BibEntry, read_bibliography
from presswork.citations.csljson import to_csl
from presswork.citations.processor import EssayCitations, csl_item
from presswork.citations.styles import load_style

NOTES = {"presswork_citation_style": "chicago-notes-bibliography"}
OWN_STYLE = {"presswork_citation_style": "styles/brackets.csl"}


def flat(node) -> str:
    """A node's text as a reader sees it."""
    return " ".join(node.get_text().split())


def cites(page: BeautifulSoup) -> list[str]:
    return [flat(c) for c in page.select(".presswork-citation")]


def references(page: BeautifulSoup) -> list[str]:
    return [flat(li) for li in page.select("section#references ul.presswork-references > li")]


def notes(page: BeautifulSoup) -> list[str]:
    return [flat(note) for note in page.select("aside.footnote")]


@pytest.mark.sphinx("html", testroot="csl")
def test_chicago_author_date_is_the_default(app):
    app.build()
    one = html(app, "essays/one")
    assert cites(one) == [
        "(Thompson 1963)",
        "(Thompson 1963, 12)",
        "Marx and Engels (1848)",
        "Thompson (1963, 9)",
        "(see Webb 1891b, chap. 2; Webb 1891a)",
        "(International Labour Organization 2019)",
        "(Able et al. 2001)",
        "(Thompson 1963, 14)",
    ]
    assert references(one) == [
        "Able, Ann, Bo Baker, Cy Carter, and Di Dunn. 2001. Four Hands on the Press. Test Press.",
        "International Labour Organization. 2019. Work for a Brighter Future. ILO. "
        "https://doi.org/10.1234/ilo.2019.",
        "Marx, Karl, and Friedrich Engels. 1848. Manifest der Kommunistischen Partei. "
        "Bildungs-Gesellschaft für Arbeiter.",
        "Thompson, Edward Palmer. 1963. The Making of the English Working Class. Victor Gollancz.",
        "Webb, Sidney. 1891a. “The London Programme.” Speaker 4: 10–12.",
        "Webb, Sidney. 1891b. “The Reform of the Poor Law.” Contemporary Review 58: 95–120.",
    ]
    doi = one.select_one("#ref-ilo2019 a")
    assert doi["href"] == "https://doi.org/10.1234/ilo.2019"
    links = [a["href"] for c in one.select(".presswork-citation") for a in c.select("a")]
    assert links[4:6] == ["#ref-webb1891", "#ref-webb1891b"]
    assert not re.search(r"\[[A-Z][a-z]*\d\d\]", flat(one))  # no label like [Tho63]
    two = html(app, "essays/two")
    assert cites(two) == ["(Webb 1891)"]  # one Webb in this essay: no letter
    css = Path(app.outdir, "_static", "presswork.css").read_text(encoding="utf-8")
    assert "text-indent: -2em" in css


@pytest.mark.sphinx("html", testroot="csl", srcdir="csl-notes", confoverrides=NOTES)
def test_chicago_notes_put_citations_in_numbered_notes_short_when_repeated(app):
    app.build()
    one = html(app, "essays/one")
    text = [flat(p) for p in one.select("p") if not p.find_parent("aside")]
    assert "Narrative: Marx and Engels[3] argued it first, and Thompson[4] later." in text
    assert notes(one) == [
        "[1] Edward Palmer Thompson, The Making of the English Working Class (Victor Gollancz, "
        "1963).",
        "[2] Thompson, The Making of the English Working Class, 12.",
        # the sentence names the authors, so the note does not repeat them
        "[3] Manifest der Kommunistischen Partei (Bildungs-Gesellschaft für Arbeiter, 1848).",
        "[4] The Making of the English Working Class, 9.",
        "[5] See Sidney Webb, “The Reform of the Poor Law,” Contemporary Review 58 (1891): "
        "chap. 2; Sidney Webb, “The London Programme,” Speaker 4 (1891): 10–12.",
        "[6] International Labour Organization, Work for a Brighter Future (ILO, 2019), "
        "https://doi.org/10.1234/ilo.2019.",
        "[7] Ann Able et al., Four Hands on the Press (Test Press, 2001).",
        "[8] Thompson, The Making of the English Working Class, 14.",
    ]
    assert references(one)[3] == (
        "Thompson, Edward Palmer. The Making of the English Working Class. Victor Gollancz, 1963."
    )
    assert notes(html(app, "essays/two")) == [
        "[1] Sidney Webb, “The Reform of the Poor Law,” Contemporary Review 58 (1891): 95–120."
    ]


@pytest.mark.sphinx("html", testroot="csl", srcdir="csl-own", confoverrides=OWN_STYLE)
def test_a_publications_own_csl_file_formats_everything_and_keeps_capitals(app):
    app.build()
    one = html(app, "essays/one")
    assert cites(one)[:5] == [
        "[Thompson 1963]",
        "[Thompson 1963: 12]",
        "Marx & Engels [1848]",
        "Thompson [1963: 9]",
        "[see Webb 1891a: 2 | Webb 1891b]",
    ]
    entries = references(one)
    # the style sets titles in sentence case; braced words keep their capitals
    assert "Thompson, E. P. — 1963 — The making of the English working class." in entries
    assert "Webb, S. — 1891a — The reform of the Poor Law." in entries
    assert "Marx, K. & Engels, F. — 1848 — Manifest der Kommunistischen Partei." in entries


DOCTYPE_STYLE = """<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<citation><layout><text value="&secret;"/></layout></citation></style>
"""


LAUGHS_STYLE = """<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<citation><layout><text value="&b;"/></layout></citation></style>
"""


@pytest.mark.parametrize(
    ("setting", "content", "reason"),
    [
        ("styles/missing.csl", None, "no such file"),
        ("styles/entity.csl", DOCTYPE_STYLE, "external entity 'secret'"),
        ("styles/laughs.csl", LAUGHS_STYLE, "may not declare a DTD or entities"),
        ("styles/broken.csl", "<style", "not well-formed XML"),
        ("harvard", None, "is neither"),
    ],
)
def test_a_style_that_cannot_be_used_is_reported_and_chicago_used(
    make_app, tmp_path, setting, content, reason
):
    srcdir = tmp_path / "csl-bad"
    shutil.copytree(Path(__file__).parent / "roots" / "test-csl", srcdir)
    if content is not None:
        (srcdir / setting).write_text(content, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides={"presswork_citation_style": setting})
    app.build()
    warnings = strip_escape_sequences(app.warning.getvalue())
    assert "[presswork.citation_style]" in warnings and reason in warnings, warnings
    assert (
        "Traceback" not in warnings
        and "root:x:" not in Path(app.outdir, "essays/one.html").read_text()
    )
    assert cites(html(app, "essays/one"))[0] == "(Thompson 1963)"


@pytest.mark.sphinx("latex", testroot="csl", srcdir="csl-latex-notes", confoverrides=NOTES)
def test_notes_are_footnotes_in_print_and_references_hang(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    one = tex[tex.index("One Essay") : tex.index("Two Essay")]
    assert one.count("\\begin{footnote}") == 8
    assert "Victor Gollancz, 1963" in one and "\\setlength{\\itemindent}{-2em}" in one
    assert "sphinxthebibliography" not in tex


@pytest.mark.sphinx("epub", testroot="csl", srcdir="csl-epub-notes", confoverrides=NOTES)
def test_notes_and_references_in_the_epub(app):
    app.build()
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        page = BeautifulSoup(archive.read("essays/one.xhtml").decode(), "html.parser")
    assert len(page.select("aside.footnote, div.footnote, .footnote")) >= 8
    assert "Thompson, The Making of the English Working Class, 14." in flat(page)
    assert page.select_one("section#references ul.presswork-references")
    messages = epubcheck_messages(book)
    assert messages == []  # notes and references stay valid EPUB 3


def read_in_rebuild(make_app, srcdir: Path, **kwargs) -> list[str]:
    """The documents a rebuild reads again."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, names: read.extend(names))
    app.build()
    return sorted(read)


def test_an_edited_entry_or_style_rereads_only_the_essays_that_cite(make_app, tmp_path):
    srcdir = tmp_path / "csl-incremental"
    shutil.copytree(Path(__file__).parent / "roots" / "test-csl", srcdir)
    assert read_in_rebuild(make_app, srcdir, confoverrides=OWN_STYLE) == [
        "essays/one",
        "essays/two",
        "index",
    ]
    assert read_in_rebuild(make_app, srcdir, confoverrides=OWN_STYLE) == []
    bib = srcdir / "essays" / "refs.bib"
    bib.write_text(bib.read_text().replace("The {London} Programme", "The {London} Plan"))
    assert read_in_rebuild(make_app, srcdir, confoverrides=OWN_STYLE) == ["essays/one"]
    style = srcdir / "styles" / "brackets.csl"
    style.write_text(style.read_text().replace('delimiter=" | "', 'delimiter=" ; "'))
    assert read_in_rebuild(make_app, srcdir, confoverrides=OWN_STYLE) == [
        "essays/one",
        "essays/two",
    ]
    app = make_app("html", srcdir=srcdir, confoverrides=OWN_STYLE)
    app.build()
    assert "[see Webb 1891a: 2 ; Webb 1891b]" in cites(html(app, "essays/one"))


ROOT = Path(__file__).parent / "roots" / "test-csl"
WORKS = Path(__file__).parent / "oracle" / "works.bib"


def test_reference_lists_sort_as_citeproc_py_sorts_them():

    entries = read_bibliography([WORKS]).entries
    assert len(entries) >= 40
    for name in ("chicago-author-date", "chicago-notes-bibliography"):
        style = load_style(name, ROOT)
        keys = list(entries)
        ours = EssayCitations(style, entries).ordered(keys, {})
        source = CiteProcJSON([csl_item(entries[key]) for key in keys])
        bibliography = CitationStylesBibliography(style.csl, source, html_formatter)
        bibliography.register(Citation([CitationItem(key) for key in keys]))
        theirs = [item.key for item in style.csl.sort_bibliography(list(bibliography.items))]
        assert [key.lower() for key in ours] == theirs, name


SAME_OUTPUT = """
import json, sys
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.formatter import html
from citeproc.source.json import CiteProcJSON
from presswork.citations.citeproc_internals import fix_citeproc
fix_citeproc()
items = json.loads(sys.stdin.read())
style = CitationStylesStyle(sys.argv[1], validate=False)
out = []
for item in items:
    bib = CitationStylesBibliography(style, CiteProcJSON([item]), html)
    citation = Citation([CitationItem(item["id"])])
    bib.register(citation)
    out.append([str(bib.cite(citation, lambda i: None)), [str(e) for e in bib.bibliography()]])
print(json.dumps(out))
"""


def test_remembered_lookups_change_nothing_citeproc_py_writes():
    """presswork's speed-ups, against citeproc-py with only its fixes, in a fresh process."""

    for owner, name in (
        (model.SomewhatObjectifiedElement, "__getattr__"),
        (model.CitationStylesElement, "get_root"),
        (model.Locale, "get_option"),
        (model.Key, "sort_keys"),
    ):
        assert name in vars(owner), f"citeproc-py moved {owner.__name__}.{name}"
    assert isinstance(vars(SourceItem)["reference"], property)
    style_file = ROOT / "styles" / "brackets.csl"
    style = load_style(str(style_file), ROOT)
    items = [csl_item(entry) for entry in read_bibliography([WORKS]).entries.values()]
    ours = []
    for item in items:
        bib = CitationStylesBibliography(style.csl, CiteProcJSON([item]), html_formatter)
        citation = Citation([CitationItem(item["id"])])
        bib.register(citation)
        ours.append([str(bib.cite(citation, lambda i: None)), [str(e) for e in bib.bibliography()]])
    plain = subprocess.run(
        [sys.executable, "-c", SAME_OUTPUT, str(style_file)],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
    )
    assert ours == json.loads(plain.stdout)


@pytest.mark.sphinx("latex", testroot="csl", srcdir="csl-latex-own", confoverrides=OWN_STYLE)
def test_a_publications_own_style_in_print(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    one = tex[tex.index("One Essay") : tex.index("Two Essay")]
    assert "{\\sphinxcrossref{Thompson 1963: 12}}}{]}" in one
    # inside a citation, the link is upright: not Sphinx's italic cross-reference
    assert "\\@namedef{DUrolepresswork-citation}#1{{\\let\\sphinxcrossref\\@firstofone#1}}" in tex
    assert "The making of the English working class." in one
    assert "\\setlength{\\itemindent}{-2em}" in one


@pytest.mark.sphinx("epub", testroot="csl", srcdir="csl-epub-own", confoverrides=OWN_STYLE)
def test_a_publications_own_style_in_the_epub(app):
    app.build()
    book = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        page = BeautifulSoup(archive.read("essays/one.xhtml").decode(), "html.parser")
    assert "[see Webb 1891a: 2 | Webb 1891b]" in cites(page)
    assert "Webb, S. — 1891a — The reform of the Poor Law." in references(page)


def test_a_press_whose_name_has_and_stays_one_publisher():
    fields = {"author": "Hobsbawm, Eric", "title": "Labouring Men", "year": "1964"}
    entry = BibEntry("h", "book", {**fields, "publisher": "Weidenfeld and Nicolson"}, "x.bib", 1)
    assert to_csl(entry)["publisher"] == "Weidenfeld and Nicolson"
