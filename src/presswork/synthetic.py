"""Synthetic essay collections of any size, for benchmarks and tests."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

WORDS = [
    "solidarity",
    "union",
    "strike",
    "press",
    "print",
    "worker",
    "committee",
    "meeting",
    "wage",
    "hours",
    "shop",
    "floor",
    "organise",
    "bulletin",
    "pamphlet",
    "leaflet",
    "history",
    "archive",
    "border",
    "language",
    "translation",
    "picket",
    "fund",
    "member",
    "vote",
    "delegate",
    "newsletter",
    "stencil",
    "ink",
    "paper",
    "letter",
    "type",
    "compositor",
    "branch",
]
TAGS = [f"topic {n}" for n in range(30)]
CATEGORIES = ["History", "Organising", "Printing", "Translation", "Archives", "Letters"]

CONF = """\
project = "Synthetic collection"
extensions = ["presswork"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
{extra}
"""


def sentence(rng: random.Random, length: int) -> str:
    """A sentence of ``length`` filler words."""
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    """A paragraph of a few sentences."""
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6)))


def cite(key: int, note: str, roles: bool, form: str = "p") -> str:
    """A citation role, or nothing when the collection is written without citations."""
    return f" {{cite:{form}}}`source{key:04d}{{{note}}}`" if roles else ""


def essay_text(
    number: int, rng: random.Random, sources: int = 0, cites: int = 2, roles: bool = True
) -> str:
    """One essay with full front matter, two sections and a footnote (and ``cites`` citations).

    With ``roles`` false the essay is the same without its citation roles, to measure their cost.
    """
    date = dt.date(2020, 1, 1) + dt.timedelta(days=number * 3)
    tags = ", ".join(sorted(rng.sample(TAGS, 3)))
    category = rng.choice(CATEGORIES)
    body = "\n\n".join(paragraph(rng) for _ in range(2))
    if sources:
        keys = rng.sample(range(1, sources + 1), max(2, cites))
        body += (
            f" In {1900 + number % 100} the union grew{cite(keys[0], 'p. 12', roles)}."
            f"\n\n> {sentence(rng, 14)}\n>\n>{cite(keys[1], 'p. 3', roles)}"
        )
        for key in keys[2:cites]:
            body += f"\n\nAs{cite(key, 'chap. 2', roles, 't')} argues, {sentence(rng, 9)}"
    more = "\n\n".join(paragraph(rng) for _ in range(2))
    return (
        f"---\ntitle: Essay {number:04d}\nauthors: [Author {number % 17:02d}]\n"
        f"date: {date.isoformat()}\ntags: [{tags}]\ncategories: [{category}]\n"
        f'abstract: "{sentence(rng, 20)}"\n---\n\n'
        f"## Opening\n\n{body} A note[^n{number}].\n\n## Argument\n\n{more}\n\n"
        f"[^n{number}]: {sentence(rng, 10)}\n"
    )


INDEX_PAGES = {
    "tags": "# Tags\n\n```{terms} tags\n```\n",
    "categories": "# Categories\n\n```{terms} categories\n```\n",
    "archive": "# Archive\n\n```{archive}\n```\n",
}


def write_collection(
    root: Path,
    count: int,
    *,
    conf_extra: str = "",
    seed: int = 1,
    extensions: str = '["presswork"]',
    index_pages: bool = False,
    sources: int = 0,
    cites: int = 2,
    roles: bool = True,
) -> Path:
    """Write a project of ``count`` essays under ``root`` and return it."""
    rng = random.Random(seed)
    (root / "essays").mkdir(parents=True, exist_ok=True)
    conf = CONF.format(extra=conf_extra).replace('["presswork"]', extensions)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    index = "# Synthetic collection\n\n```{essays}\n:limit: 50\n```\n"
    if index_pages:
        for name, text in INDEX_PAGES.items():
            (root / f"{name}.md").write_text(text, encoding="utf-8")
        index += "\n```{toctree}\n:hidden:\n\n" + "\n".join(INDEX_PAGES) + "\n```\n"
    (root / "index.md").write_text(index, encoding="utf-8")
    for number in range(1, count + 1):
        path = root / "essays" / f"essay-{number:04d}.md"
        path.write_text(essay_text(number, rng, sources, cites, roles), encoding="utf-8")
    if sources and roles:
        (root / "essays" / "sources.bib").write_text(bibliography(sources), encoding="utf-8")
    return root


def surname(number: int) -> str:
    """A surname whose first three letters, with the year, give each entry its own label."""
    first = chr(ord("A") + number // 100 % 26)
    second = chr(ord("a") + number // 2600 % 26)
    return f"{first}{second}{chr(ord('a') + number % 26)}son"


def bibliography(count: int) -> str:
    """A .bib file of ``count`` well-formed book entries."""
    return "\n".join(
        f"@book{{source{n:04d},\n  author = {{{surname(n)}, Ann}},\n"
        f"  title = {{Book Number {n}}},\n  publisher = {{Test Press}},\n"
        f"  year = {{{1900 + n % 100}}},\n}}\n"
        for n in range(1, count + 1)
    )
