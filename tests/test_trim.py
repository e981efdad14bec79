"""Ready for a printer: every trim size's boxes, bleed past the outer edges, a gutter that grows."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import TESTS, write_latex

from presswork.latex import trim
from presswork.latex.pdf import build_pdfs

POINTS = {  # trim width and height in PostScript points
    "a4": (595.28, 841.89),
    "a5": (419.53, 595.28),
    "letter": (612, 792),
    "6x9in": (432, 648),
    "5.5x8.5in": (396, 612),
    "royal": (442.2, 663.31),
}
BOX = re.compile(r"^Page\s+(\d+) (\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)$")
PARAGRAPH = (
    "The inside margin is the one a binding takes, and a thicker book takes more of it; so a "
    "printer sets its smallest gutter by the number of pages, and the designer starts there. "
)


def typeset(tmp_path: Path, confoverrides: dict, paragraphs: int = 12) -> Path:
    """The trim test root with a long essay, typeset; the book's PDF."""
    source = tmp_path / "src"
    shutil.copytree(TESTS / "roots" / "test-trim", source)
    body = "\n\n".join(PARAGRAPH * 4 for _ in range(paragraphs))
    long = f"---\ntitle: Gutters\nauthors: [Ann Binder]\ndate: 2025-04-01\n---\n\n{body}\n"
    (source / "essays" / "gutters.md").write_text(long, encoding="utf-8")
    folder = write_latex(source, confoverrides)
    assert build_pdfs(folder) == 0
    return folder / "trimtest.pdf"


def boxes(pdf: Path) -> dict[int, dict[str, tuple[float, ...]]]:
    """Every page's boxes as pdfinfo reports them."""
    report = subprocess.run(
        ["pdfinfo", "-box", "-f", "1", "-l", "9999", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found: dict[int, dict[str, tuple[float, ...]]] = {}
    for line in report.splitlines():
        if match := BOX.match(line.strip()):
            found.setdefault(int(match[1]), {})[match[2]] = tuple(
                float(v) for v in match.groups()[2:]
            )
    return found


def close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(x - y) < 0.6 for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("size", sorted(POINTS))
def test_every_page_has_its_trim_size_as_media_and_trim_box(tmp_path, size):
    pdf = typeset(tmp_path, {"presswork_paper": size}, paragraphs=2)
    width, height = POINTS[size]
    pages = boxes(pdf)
    assert len(pages) >= 6  # half-title, title, copyright, contents, essays
    for number, page in pages.items():
        assert close(page["TrimBox"], (0, 0, width, height)), (number, page)
        assert close(page["MediaBox"], (0, 0, width, height)), (number, page)
    with pikepdf.open(pdf) as opened:  # pdfinfo shows the MediaBox when a page has no TrimBox
        assert all("/TrimBox" in page.obj and "/BleedBox" in page.obj for page in opened.pages)


def test_bleed_adds_an_eighth_of_an_inch_past_the_head_foot_and_outer_edge(tmp_path):
    pdf = typeset(tmp_path, {"presswork_paper": "6x9in", "presswork_bleed": True}, paragraphs=2)
    pages = boxes(pdf)
    for number, page in pages.items():
        assert close(page["TrimBox"], (0, 0, 432, 648))
        recto = number % 2 == 1
        media = (0, -9, 441, 657) if recto else (-9, -9, 432, 657)
        assert close(page["MediaBox"], media), (number, page)
        assert close(page["BleedBox"], media)


def left_edge(pdf: Path, page: int) -> float:
    """Where the body text starts on a page, from the left edge of the paper, in points."""
    words = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return min(float(x) for x in re.findall(r'<word xMin="([\d.]+)"', words))


def test_the_inside_margin_grows_with_the_page_count(tmp_path, monkeypatch):
    thin = typeset(tmp_path / "thin", {"presswork_paper": "6x9in"})
    recto = next(n for n in range(9, 40, 2) if "binding takes" in page_text(thin, n))
    verso = recto + 1
    assert left_edge(thin, recto) == pytest.approx(0.625 * 72, abs=2)  # the design's inner
    monkeypatch.setattr(trim, "GUTTERS", ((4, 0.375), (828, 1.25)))  # a "thick" book
    thick = typeset(tmp_path / "thick", {"presswork_paper": "6x9in"})
    assert left_edge(thick, recto) == pytest.approx(1.25 * 72, abs=2)  # inside: the spine's side
    assert left_edge(thick, verso) == pytest.approx(left_edge(thin, verso), abs=2)  # outside
    assert (thick.parent / trim.GUTTER_FILE).read_text() == "\\geometry{inner=1.25in}\n"


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


def test_the_printers_gutter_table():
    assert [trim.gutter_for(n) for n in (24, 150, 151, 300, 301, 500, 501, 700, 701, 828)] == [
        0.375,
        0.375,
        0.5,
        0.5,
        0.625,
        0.625,
        0.75,
        0.75,
        0.875,
        0.875,
    ]
