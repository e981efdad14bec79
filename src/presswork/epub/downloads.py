"""Downloads on the site: the collection's EPUB and PDF on every page, each essay's on its own."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from presswork.diagnostics import Subtype, warn
from presswork.essays.config import essays_config
from presswork.essays.nodes import _
from presswork.outputs import OutputRecord, file_digest, is_web_build, output_name, replacing

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FOLDER = "downloads"
RECORD = ".presswork-downloads.json"
# Where the other builders put each essay's book (see epub/essays.py and latex/pdf.py).
ESSAY_BOOKS = (("epub/essays", ".epub"), ("latex/essays", ".pdf"))


def built_files(builddir: Path) -> dict[str, Path]:
    """What the other builders made beside this one: name in downloads/ → file."""
    found: dict[str, Path] = {}
    for book in sorted((builddir / "epub").glob("*.epub"))[:1]:
        found["collection.epub"] = book
    for book in sorted((builddir / "latex").glob("*.pdf"))[:1]:
        found["collection.pdf"] = book
    for folder, suffix in ESSAY_BOOKS:
        for path in sorted((builddir / folder).rglob(f"*{suffix}")):
            if path.is_file():
                found[f"essays/{path.relative_to(builddir / folder).as_posix()}"] = path
    return found


def essay_downloads(app: Sphinx, docname: str) -> list[str]:
    """An essay's EPUB and PDF in downloads/: ``essays/a/intro.epub``, ``essays/a/intro.pdf``."""
    essays_dir = essays_config(app.config).essays_dir
    return [f"essays/{output_name(docname, essays_dir, suffix)}" for _, suffix in ESSAY_BOOKS]


def copy_downloads(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Copy the EPUBs and PDFs that exist into the site; every page again when the set changes.

    Only files presswork copied are ever replaced or removed: a file someone else put into
    downloads/ stays, even one with the name of a download (which is then not copied).
    """
    if not is_web_build(app.builder):
        return set()
    target = Path(app.outdir) / FOLDER
    record = OutputRecord.load(target, RECORD)
    before = sorted(record.previous)
    for name, source in built_files(Path(app.outdir).parent).items():
        digest = file_digest(source)
        if changed_by_someone_else(record, name, digest):
            record.disown(name)
            warn(
                Subtype.OUTPUT_COLLISION,
                f"{target / name} was not copied there by presswork; it is kept, and {source} "
                "is not offered in its place",
                f"{target / name}:1",
            )
            continue
        destination = record.claim(name, digest)
        if destination is not None:
            destination.parent.mkdir(parents=True, exist_ok=True)
            with replacing(destination) as temporary:
                shutil.copy2(source, temporary)
    record.finish()
    return set(env.found_docs) if before != sorted(record.current) else set()


def changed_by_someone_else(record: OutputRecord, name: str, digest: str) -> bool:
    """Whether downloads/``name`` is a file presswork did not copy, or one changed since."""
    existing = record.folder / name
    if not existing.exists() and not existing.is_symlink():
        return False
    if not existing.is_file():
        return True
    on_disk = file_digest(existing)
    written = record.previous.get(name)
    return on_disk != written if written is not None else on_disk != digest


def download_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Links to the downloads this page offers: its essay's, and the collection's."""
    if not is_web_build(app.builder):
        return
    folder = Path(app.outdir) / FOLDER
    root = context["pathto"](FOLDER, 1)
    wanted = []
    if essays_config(app.config).is_essay(pagename):
        epub_name, pdf_name = essay_downloads(app, pagename)
        wanted += [(epub_name, _("This essay as EPUB")), (pdf_name, _("This essay as PDF"))]
    wanted += [
        ("collection.epub", _("The collection as EPUB")),
        ("collection.pdf", _("The collection as PDF")),
    ]
    context["presswork_downloads"] = [
        {"link": f"{root}/{quote(name)}", "title": title}
        for name, title in wanted
        if (folder / name).is_file()
    ]
