"""A cover made from the title and authors, for books that have no cover image of their own."""

from __future__ import annotations

import textwrap
from html import escape
from pathlib import Path

COVER_NAME = "presswork-cover.svg"

WIDTH, HEIGHT = 1200, 1800


def cover_svg(title: str, byline: str) -> str:
    """An SVG cover: the title large, the byline below, on a plain ground."""
    lines = textwrap.wrap(title, 18) or [""]
    title_svg = "".join(
        f'<text x="100" y="{500 + 130 * i}" font-size="110" font-weight="bold">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">'
        f'<rect width="100%" height="100%" fill="#f4efe6"/>'
        f'<rect x="60" y="60" width="{WIDTH - 120}" height="{HEIGHT - 120}" fill="none" '
        f'stroke="#7a1f1f" stroke-width="8"/>'
        f'<g font-family="serif" fill="#222">{title_svg}'
        f'<text x="100" y="{560 + 130 * len(lines)}" font-size="60">{escape(byline)}</text></g>'
        "</svg>\n"
    )


def write_cover(folder: Path, title: str, byline: str) -> None:
    """Write the generated cover where the EPUB builder copies static files from."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / COVER_NAME
    svg = cover_svg(title, byline)
    if not target.is_file() or target.read_text(encoding="utf-8") != svg:
        target.write_text(svg, encoding="utf-8")
