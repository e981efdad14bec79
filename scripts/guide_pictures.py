"""The user guide's print pictures from the sample book: an opening, a spread, a copyright page,
and a proof that marks an author's revision.

Run by ``make guide-pictures`` after ``make latexpdf``; the PNGs are committed under
``docs/images/`` so the guide builds without TeX. The revision is made in a scratch copy of
the sample, in a git repository of its own; the sample itself is never touched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from PIL import Image

RESOLUTION = 60
CHANGES_RESOLUTION = 80
SAMPLE = ("conf.py", "index.md", "archive.md", "categories.md", "tags.md", "essays", "_static")
SAMPLE += ("_templates",)
# An author's revision of one sample essay, made in the scratch copy only.
REVISED = "essays/how-a-shop-committee-learns-to-meet.md"
REVISION = (
    ("Three items is plenty.", "Three items is plenty, and two is often better."),
    ("A topic invites speeches. ", ""),
)
MARKED = "two is often better"
GIT = ["git", "-c", "user.name=presswork", "-c", "user.email=guide@presswork.invalid"]
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


def revised_proof(project: Path, scratch: Path) -> Path:
    """A proof of a copy of the sample, marking one revision since the copy's first commit."""
    copy = scratch / "sample"
    copy.mkdir()
    for name in SAMPLE:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        elif source.is_file():
            shutil.copy2(source, copy / name)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "first proof"]):
        subprocess.run([*GIT, *command], cwd=copy, check=True)
    essay = copy / REVISED
    text = essay.read_text(encoding="utf-8")
    for old, new in REVISION:
        if old not in text:
            raise SystemExit(f"presswork: {REVISED} no longer says {old!r}; update REVISION")
        text = text.replace(old, new, 1)
    essay.write_text(text, encoding="utf-8")
    bin_folder = Path(sys.executable).parent
    proof = copy / "_build" / "proof"
    subprocess.run(
        [
            *(str(bin_folder / "sphinx-build"), "-q", "-b", "latex", str(copy), str(proof)),
            *("-D", "presswork_proof=1", "-D", "presswork_proof_since=HEAD"),
        ],
        check=True,
    )
    subprocess.run([str(bin_folder / "presswork"), "pdf", str(proof)], check=True)
    return next(proof.glob("*.pdf"))


def changes_pictures(project: Path, out: Path) -> list[Path]:
    """The changes page and the page with the marked revision, from a proof of the sample."""
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        pdf = revised_proof(project, folder)
        texts = [" ".join(page.split()) for page in page_texts(pdf)]
        listing = next(i for i, page in enumerate(texts) if "Changes since" in page)
        marked = next(i for i, page in enumerate(texts) if MARKED in page)
        for name, index in (("proof-changes-list.png", listing), ("proof-changes.png", marked)):
            stem = folder / f"changes-{index}"
            page = str(index + 1)
            command = ["pdftoppm", "-r", str(CHANGES_RESOLUTION), "-png", "-singlefile"]
            subprocess.run([*command, "-f", page, "-l", page, str(pdf), str(stem)], check=True)
            with Image.open(stem.with_suffix(".png")) as image:
                framed(image.convert("RGB")).save(out / name, optimize=True)
            written.append(out / name)
    return written


def main() -> int:
    """Render the pictures from the book in a LaTeX folder into another folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("latex", type=Path, help="the LaTeX folder of `make latexpdf`")
    parser.add_argument("out", type=Path, help="where the pictures go")
    parser.add_argument("--sample", type=Path, default=Path(), help="the sample collection")
    arguments = parser.parse_args()
    books = sorted(arguments.latex.glob("*.pdf"))  # the book; offprints are in essays/
    if len(books) != 1:
        print(f"presswork: expected one book in {arguments.latex}, found {len(books)}")
        return 1
    for path in pictures(books[0], arguments.out) + changes_pictures(
        arguments.sample, arguments.out
    ):
        print(f"presswork: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
