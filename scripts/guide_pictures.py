"""The user guide's print pictures from the sample book: an opening, a spread, a copyright page.

Run by ``make guide-pictures`` after ``make latexpdf``; the PNGs are committed under
``docs/images/`` so the guide builds without TeX.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from PIL import Image

RESOLUTION = 60
GAP = 12  # pixels between the two pages of a spread


def render(pdf: Path, index: int, folder: Path) -> Image.Image:
    """One page (index from zero) as an image, through pdftoppm."""
    stem = folder / f"page-{index}"
    page = str(index + 1)
    command = ["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f", page, "-l", page]
    subprocess.run([*command, str(pdf), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as image:
        return image.convert("RGB")


def framed(image: Image.Image) -> Image.Image:
    """A page with a thin grey edge, so white paper shows on a white guide page."""
    frame = Image.new("RGB", (image.width + 2, image.height + 2), (150, 150, 150))
    frame.paste(image, (1, 1))
    return frame


def page_texts(pdf: Path) -> list[str]:
    """Each page's text."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")


def first_spread(labels: list[str], texts: list[str]) -> int:
    """The first left-hand page that faces a right-hand one, neither opening an essay."""
    for index, label in enumerate(labels[:-1]):
        pair = texts[index : index + 2]
        if (
            label.isdigit()
            and int(label) % 2 == 0
            and all(page.strip() and "min read" not in page for page in pair)
        ):
            return index
    return labels.index("2")


def pictures(pdf: Path, out: Path) -> list[Path]:
    """The copyright page, the first essay's opening page, and a spread with both heads."""
    with pikepdf.open(pdf) as book:
        labels = [str(page.label) for page in book.pages]
    opening = labels.index("1")
    copyright_page = labels.index("iv")
    spread_at = first_spread(labels, page_texts(pdf))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, index in (
            ("print-opening.png", opening),
            ("print-copyright.png", copyright_page),
        ):
            framed(render(pdf, index, folder)).save(out / name, optimize=True)
            written.append(out / name)
        verso, recto = (framed(render(pdf, spread_at + n, folder)) for n in (0, 1))
        spread = Image.new("RGB", (verso.width + GAP + recto.width, verso.height), "white")
        spread.paste(verso, (0, 0))
        spread.paste(recto, (verso.width + GAP, 0))
        spread.save(out / "print-spread.png", optimize=True)
        written.append(out / "print-spread.png")
    return written


def main() -> int:
    """Render the pictures from the book in a LaTeX folder into another folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("latex", type=Path, help="the LaTeX folder of `make latexpdf`")
    parser.add_argument("out", type=Path, help="where the pictures go")
    arguments = parser.parse_args()
    books = sorted(arguments.latex.glob("*.pdf"))  # the book; offprints are in essays/
    if len(books) != 1:
        print(f"presswork: expected one book in {arguments.latex}, found {len(books)}")
        return 1
    for path in pictures(books[0], arguments.out):
        print(f"presswork: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
