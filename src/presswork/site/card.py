"""The site's sharing card: a picture with the publication's title, drawn once per build."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from presswork.outputs import is_web_build, replacing
from presswork.site.theme import CARD, PRINT_STYLESHEET

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SIZE = (1200, 630)  # the size Open Graph and Twitter cards are shown at
PAPER = "#f6f1e7"
INK = "#2b2118"
RULE = "#9b2c1f"
DESIGN = "1"  # raise when the drawing changes, so existing cards are drawn again
WORDS_KEY = "presswork-card"


def web_site_files(app: Sphinx) -> None:
    """For the web site only: the print stylesheet, and the card unless conf.py names a picture."""
    if not is_web_build(app.builder):
        return
    app.add_css_file(PRINT_STYLESHEET, media="print")
    if app.config.ogp_image != CARD:
        return
    title, byline = app.config.project, app.config.author
    target = Path(app.outdir) / CARD
    if drawn_for(target) == card_words(title, byline):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as temporary:
        temporary.write_bytes(card_png(title, byline))


def card_words(title: str, byline: str) -> str:
    """What a card shows, as recorded inside the PNG, so an unchanged card is not drawn again."""
    return f"{DESIGN}\n{title}\n{byline}"


def drawn_for(target: Path) -> str | None:
    """The words an existing card was drawn with, if it is one of presswork's cards."""
    try:
        with Image.open(target) as image:
            words = image.info.get(WORDS_KEY)  # read from the header, without decoding the picture
            return words if isinstance(words, str) else None
    except (OSError, ValueError):
        return None


def card_png(title: str, byline: str) -> bytes:
    """The card as PNG bytes: the title large, the byline small, a rule between."""
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
    record = PngImagePlugin.PngInfo()
    record.add_text(WORDS_KEY, card_words(title, byline))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True, pnginfo=record)
    return buffer.getvalue()
