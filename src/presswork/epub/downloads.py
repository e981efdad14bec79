"""Downloads on the site: the collection's EPUB and PDF on every page, each essay's on its own."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presswork.essays.config import essays_config
from presswork.essays.nodes import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FOLDER = "downloads"
HTML_BUILDERS = frozenset({"html", "dirhtml"})


def built_files(builddir: Path) -> dict[str, Path]:
    """What the other builders made beside this one: name in downloads/ → file."""
    found: dict[str, Path] = {}
    for book in sorted((builddir / "epub").glob("*.epub"))[:1]:
        found["collection.epub"] = book
    for book in sorted((builddir / "latex").glob("*.pdf"))[:1]:
        found["collection.pdf"] = book
    for kind, pattern in (("epub", "epub-essays/*.epub"), ("pdf", "latex/essays/*.pdf")):
        for path in builddir.glob(pattern):
            found[f"essays/{path.stem}.{kind}"] = path
    return found


def copy_downloads(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Copy the EPUBs and PDFs that exist into the site; every page again when the set changes."""
    if app.builder.name not in HTML_BUILDERS:
        return set()
    target = Path(app.outdir) / FOLDER
    files = built_files(Path(app.outdir).parent)
    before = (
        sorted(p.relative_to(target).as_posix() for p in target.rglob("*.*"))
        if target.is_dir()
        else []
    )
    for name, source in files.items():
        destination = target / name
        if not destination.is_file() or destination.stat().st_mtime < source.stat().st_mtime:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    if target.is_dir():
        for stale in target.rglob("*.*"):
            if stale.relative_to(target).as_posix() not in files:
                stale.unlink()
    return set(env.found_docs) if before != sorted(files) else set()


def download_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Links to the downloads this page offers: its essay's, and the collection's."""
    if app.builder.name not in HTML_BUILDERS:
        return
    folder = Path(app.outdir) / FOLDER
    root = context["pathto"](FOLDER, 1)
    wanted = []
    if essays_config(app.config).is_essay(pagename):
        slug = pagename.rsplit("/", 1)[-1]
        wanted += [
            (f"essays/{slug}.epub", _("This essay as EPUB")),
            (f"essays/{slug}.pdf", _("This essay as PDF")),
        ]
    wanted += [
        ("collection.epub", _("The collection as EPUB")),
        ("collection.pdf", _("The collection as PDF")),
    ]
    context["presswork_downloads"] = [
        {"link": f"{root}/{name}", "title": title}
        for name, title in wanted
        if (folder / name).is_file()
    ]
