"""Trim sizes, margins a printer accepts, the gutter that grows with the page count, page boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

from dataclasses import dataclass
from pathlib import Path

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4
BLEED_INCHES = 0.125
GUTTER_FILE = "presswork-gutter.tex"
# Read after geometry: the inside margin the page count needs, written by the PDF step.
GUTTER_INPUT = rf"\InputIfFileExists{{{GUTTER_FILE}}}{{}}{{}}"
# KDP Print's minimum inside margin by page count: (up to this many pages, inches).
GUTTERS = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))


@dataclass(frozen=True)
class Trim:
    """A trim size and the margins presswork designs for it, in inches."""

    width: float
    height: float
    top: float
    bottom: float
    outer: float
    inner: float

    def geometry(self) -> str:
        """The geometry package's options for this page."""
        return (
            f"paperwidth={self.width:.4g}in,paperheight={self.height:.4g}in,"
            f"top={self.top:.4g}in,bottom={self.bottom:.4g}in,"
            f"outer={self.outer:.4g}in,inner={self.inner:.4g}in"
        )


def mm(value: float) -> float:
    """Millimetres in inches."""
    return value / MM_PER_INCH


TRIMS = {
    "a4": Trim(mm(210), mm(297), mm(25), mm(25), mm(25), mm(25)),
    "letter": Trim(8.5, 11, 1, 1, 1, 1),
    "a5": Trim(mm(148), mm(210), mm(18), mm(20), mm(15), mm(17)),
    "royal": Trim(mm(156), mm(234), mm(20), mm(22), mm(16), mm(18)),
    "6x9in": Trim(6, 9, 0.75, 0.8, 0.6, 0.625),
    "5.5x8.5in": Trim(5.5, 8.5, 0.7, 0.75, 0.55, 0.6),
}
ALIASES = {"6x9": "6x9in", "5.5x8.5": "5.5x8.5in", "us letter": "letter", "a4paper": "a4"}


def trim_named(name: str) -> Trim | None:
    """The trim size of a name such as ``a5``, ``6x9in`` or ``royal``; None if unknown."""
    key = name.strip().lower()
    return TRIMS.get(ALIASES.get(key, key))


def gutter_for(pages: int) -> float:
    """The smallest inside margin, in inches, a book of ``pages`` pages may have."""
    for most, inches in GUTTERS:
        if pages <= most:
            return inches
    return GUTTERS[-1][1]


def write_gutter(folder: Path, trim: Trim, pages: int) -> bool:
    """Widen the inside margin if the page count asks for it; whether the file changed."""
    inner = max(trim.inner, gutter_for(pages))
    text = f"\\geometry{{inner={inner:.4g}in}}\n" if inner > trim.inner else ""
    path = folder / GUTTER_FILE
    before = path.read_text(encoding="utf-8") if path.is_file() else ""
    if text == before:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def set_page_boxes(pdf: pikepdf.Pdf, trim: Trim, bleed: bool) -> None:
    """TrimBox at the trim on every page; with bleed, the paper grows past the outer edges.

    A right-hand page (an even index from zero: page i is right-hand) bleeds to the right, a
    left-hand page to the left; both bleed at the head and the foot.
    """
    from pikepdf import Array  # noqa: PLC0415 (only the PDF step needs pikepdf)

    width, height = trim.width * POINTS_PER_INCH, trim.height * POINTS_PER_INCH
    extra = BLEED_INCHES * POINTS_PER_INCH if bleed else 0.0
    for index, page in enumerate(pdf.pages):
        x0, y0 = (float(v) for v in list(page.mediabox)[:2])
        trim_box = [x0, y0, x0 + width, y0 + height]
        left = extra if index % 2 else 0.0
        right = 0.0 if index % 2 else extra
        media = [x0 - left, y0 - extra, x0 + width + right, y0 + height + extra]
        page.mediabox = Array(media)
        page.obj.TrimBox = Array(trim_box)
        page.obj.BleedBox = Array(media)
        if "/CropBox" in page.obj:
            del page.obj.CropBox
