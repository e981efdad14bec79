"""The ``presswork`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from presswork import __version__
from presswork.importers.page_text import parse_page_text
from presswork.importers.wordpress import Options, import_wordpress
from presswork.importers.wxr import WxrError


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``presswork import page FILE``, ``import wordpress EXPORT.xml``, …"""
    parser = argparse.ArgumentParser(prog="presswork", description=__doc__)
    parser.add_argument("--version", action="version", version=f"presswork {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import", help="bring existing essays into the collection")
    sources = importer.add_subparsers(dest="source", required=True)
    page = sources.add_parser("page", help="an essay saved as the text of a web page")
    page.add_argument("file", type=Path, help="the page text (UTF-8)")
    target = page.add_mutually_exclusive_group()
    target.add_argument(
        "--into", type=Path, help="write FOLDER/<slug>.md (the slug comes from the title)"
    )
    target.add_argument("-o", "--output", type=Path, help="write this file ('-' for stdout)")
    page.add_argument("--force", action="store_true", help="replace an existing file")
    wordpress = sources.add_parser("wordpress", help="a WordPress export (WXR 1.0–1.2)")
    wordpress.add_argument("export", type=Path, help="the export file (Tools → Export)")
    wordpress.add_argument(
        "--into", type=Path, default=Path("essays"), help="the essays folder (default: essays)"
    )
    wordpress.add_argument("--pages", action="store_true", help="import pages as well as posts")
    wordpress.add_argument(
        "--drafts", action="store_true", help="also drafts, pending, private and trashed posts"
    )
    wordpress.add_argument("--dry-run", action="store_true", help="say what would happen only")
    wordpress.add_argument(
        "--rename", action="store_true", help="write beside an essay of the same name"
    )
    wordpress.add_argument(
        "--media", type=Path, help="a copy of wp-content/uploads: pictures are copied from it"
    )
    wordpress.add_argument(
        "--comments", action="store_true", help="keep approved comments beside each essay"
    )
    pdf = commands.add_parser("pdf", help="typeset the LaTeX Sphinx wrote: the book and offprints")
    pdf.add_argument("folder", type=Path, help="the LaTeX output folder, e.g. _build/latex")
    revision = commands.add_parser(
        "revision", help="check that a proof can mark changes since a git revision"
    )
    revision.add_argument("since", help="a commit, tag or branch, or an earlier proof's stamp")
    revision.add_argument("folder", type=Path, nargs="?", default=Path(), help="the sources")
    epub = commands.add_parser("epubcheck", help="check every .epub in a folder with EPUBCheck")
    epub.add_argument("folders", type=Path, nargs="+", help="folders with .epub files")
    return parser


def import_page(file: Path, into: Path | None, output: Path | None, force: bool) -> int:
    """Convert one page-text file; never overwrite an essay unless asked to."""
    try:
        page = parse_page_text(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"presswork: cannot import {file}: {error}", file=sys.stderr)
        return 1
    markdown = page.to_markdown()
    destination = (into / f"{page.slug}.md") if into else output
    if destination is None or str(destination) == "-":
        sys.stdout.write(markdown)
    else:
        if destination.exists() and not force:
            print(f"presswork: {destination} exists; use --force to replace it", file=sys.stderr)
            return 1
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(markdown, encoding="utf-8")
        print(f"presswork: wrote {destination}", file=sys.stderr)
    if page.dropped:
        count = len(page.dropped)
        print(f"presswork: left out {count} paragraphs of the site theme's footer", file=sys.stderr)
    for gap in page.missing():
        print(f"presswork: the page gives no {gap}; add it to the front matter", file=sys.stderr)
    return 0


def import_wordpress_export(args: argparse.Namespace) -> int:
    """Import a WordPress export into the essays folder; never overwrite an essay."""
    options = Options(
        args.into, args.pages, args.drafts, args.dry_run, args.rename, args.media, args.comments
    )
    try:
        summary = import_wordpress(args.export, options)
    except (OSError, WxrError) as error:
        print(f"presswork: cannot import: {error}", file=sys.stderr)
        return 1
    prefix = "presswork (dry run): " if args.dry_run else "presswork: "
    for line in summary.lines():
        print(prefix + line, file=sys.stderr)
    return 0


def check_revision(since: str, folder: Path) -> int:
    """Say which commit a proof's changes are marked since, or why it cannot be."""
    from presswork.changes.revision import RevisionError, resolve  # noqa: PLC0415

    try:
        revision = resolve(folder.resolve(), since)
    except RevisionError as error:
        print(f"presswork: cannot mark changes: {error}", file=sys.stderr)
        return 1
    print(f"presswork: marking changes since {revision.short} ({revision.date})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "import" and args.source == "page":
        return import_page(args.file, args.into, args.output, args.force)
    if args.command == "import" and args.source == "wordpress":
        return import_wordpress_export(args)
    if args.command == "epubcheck":
        from presswork.epub.validate import check_epubs  # noqa: PLC0415 (starts Java)

        return max(check_epubs(folder) for folder in args.folders)
    if args.command == "revision":
        return check_revision(args.since, args.folder)
    if args.command == "pdf":
        from presswork.latex.pdf import build_pdfs  # noqa: PLC0415 (pikepdf only when typesetting)

        return build_pdfs(args.folder)
    return 2


if __name__ == "__main__":
    sys.exit(main())
