"""The site's sharing card: a picture with the publication's title, drawn when that changes."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from presswork.outputs import is_web_build, write_atomically
from presswork.site.theme import PRINT_STYLESHEET, card_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SIZE = (1200, 630)  # the size Open Graph and Twitter cards are shown at
PAPER = "#f6f1e7"
INK = "#2b2118"
RULE = "#9b2c1f"


def web_site_files(app: Sphinx) -> None:
    """For the web site only: the print stylesheet, and the card unless conf.py names a picture."""
    if not is_web_build(app.builder):
        return
    app.add_css_file(PRINT_STYLESHEET, media="print")
    title, byline = app.config.project, app.config.author
    name = card_name(title, byline)
    if app.config.ogp_image != name:
        return
    target = Path(app.outdir) / name
    if not target.is_file():  # its name says what it shows: if it is there, it is right
        write_atomically(target, card_png(title, byline))


def card_png(title: str, byline: str) -> bytes:
    """The card as PNG bytes: the title large, the byline small, a rule between."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 (only when a card is drawn)

    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    heading = ImageFont.load_default(size=72)
    small = ImageFont.load_default(size=36)
    y = 150
    for line in textwrap.wrap(title, width=26)[:3]:
        draw.text((90, y), line, font=heading, fill=INK)
        y += 90
    draw.rectangle((90, y + 20, 330, y + 26), fill=RULE)
    if byline:
        draw.text((90, y + 60), byline, font=small, fill=INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
