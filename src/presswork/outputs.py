"""Files presswork generates: one name per essay, a record of what was written, whole writes.

Every generated output (term and year pages, feeds, offprints, per-essay EPUBs, the site's
downloads) goes through this module:

- :func:`output_name` turns an essay's docname into its output name, the same for every format;
- :class:`OutputRecord` remembers what was written into one folder (name → digest), says which
  outputs changed, and removes only outputs it wrote itself, and only inside that folder;
- :func:`replacing` writes a file under a temporary name beside it and renames it into place, so a
  reader never finds half a book and a crash leaves the old one intact.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sys
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.builders import Builder

    Report = Callable[[str], None]

TEMPORARY_SUFFIX = ".tmp"
# Builders that make the web site: pages of their own, feeds, downloads and sharing cards.
WEB_BUILDERS = frozenset({"html", "dirhtml"})
LONGEST_NAME = 200  # a temporary name stays under the usual 255-byte limit


def is_web_build(builder: Builder) -> bool:
    """Whether ``builder`` makes the publication's web site (not an e-book, not one page)."""
    return builder.name in WEB_BUILDERS


def output_name(docname: str, essays_dir: str, suffix: str) -> str:
    """An essay's output file: its docname below the essays folder, folders kept.

    ``essays/a/intro`` gives ``a/intro.pdf`` and ``essays/b/intro`` gives ``b/intro.pdf``, so
    two essays never share an output; ``essays/seed`` gives ``seed.pdf``.
    """
    prefix = f"{essays_dir.strip('/')}/"
    return f"{docname.removeprefix(prefix)}{suffix}"


def inside(folder: Path, name: str) -> Path | None:
    """``folder / name`` when it stays inside ``folder``; None for absolute or escaping names."""
    if not name or "\0" in name or "\\" in name:
        return None
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or Path(name).is_absolute():
        return None
    path = folder / relative
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):  # a symbolic link out of the folder, or a loop
        return None
    return path


def file_digest(path: Path) -> str:
    """A digest of a file's content."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it when the block ends without error.

    On an error the temporary file is removed and ``target`` is left as it was.
    """
    token = secrets.token_hex(6)
    temporary = target.with_name(f".{target.name[:LONGEST_NAME]}.{token}{TEMPORARY_SUFFIX}")
    try:
        yield temporary
        temporary.replace(target)  # os.replace: atomic on POSIX and Windows
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole: under a temporary name, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as temporary:
        temporary.write_bytes(data)


def print_warning(message: str) -> None:
    """A warning from the ``presswork`` command, outside Sphinx."""
    print(f"WARNING: {message} [presswork.{Subtype.OUTPUT_PATH.value}]", file=sys.stderr)


@dataclass
class OutputRecord:
    """What presswork wrote into one folder: the last build's outputs and this build's.

    Problems go to ``report`` (the ``presswork`` command prints them) or, without one, to Sphinx
    as ``presswork.output.path`` warnings located in the record file.
    """

    folder: Path
    path: Path
    report: Report | None = None
    previous: dict[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    text: str = ""

    @classmethod
    def load(cls, folder: Path, record_name: str, report: Report | None = None) -> OutputRecord:
        """Read the record ``folder/record_name``; entries outside ``folder`` are left out."""
        record = cls(folder, folder / record_name, report)
        with suppress(FileNotFoundError):
            record.text = record.path.read_text(encoding="utf-8", errors="replace")
        try:
            entries = json.loads(record.text) if record.text else {}
        except ValueError:
            entries = None
        if not isinstance(entries, dict):
            record.problem(f"{record.path} is not a record presswork can read; it starts afresh")
            entries = {}
        for name, digest in entries.items():
            if isinstance(digest, str) and inside(folder, name) is not None:
                record.previous[name] = digest
            else:
                record.problem(
                    f"the record names {name!r}, which is not a file inside {folder}; "
                    "it is ignored and nothing outside the output folder is removed",
                    name,
                )
        return record

    def problem(self, message: str, name: str = "") -> None:
        """Report a problem with the record, at the line that names ``name``."""
        if self.report is not None:
            self.report(message)
            return
        quoted = json.dumps(name, ensure_ascii=False)
        lines = self.text.splitlines()
        line = next((n for n, text in enumerate(lines, 1) if name and quoted in text), 1)
        warn(Subtype.OUTPUT_PATH, message, f"{self.path}:{line}")

    def claim(self, name: str, digest: str) -> Path | None:
        """Note ``name`` as an output of this build; its path when it must be (re)written.

        None when the output is unchanged since the last build, or when ``name`` would leave the
        folder (reported; such an output is never written).
        """
        path = inside(self.folder, name)
        if path is None:
            self.problem(f"the output {name!r} would be outside {self.folder}; it is not written")
            return None
        self.current[name] = digest
        if self.previous.get(name) == digest and path.is_file():
            return None
        return path

    def disown(self, name: str) -> None:
        """Stop claiming ``name``: it belongs to someone else now and is never removed."""
        self.previous.pop(name, None)
        self.current.pop(name, None)

    def finish(self) -> list[str]:
        """Remove the outputs of the last build that this one did not make; save the record."""
        removed = []
        for name in sorted(self.previous.keys() - self.current.keys()):
            path = inside(self.folder, name)
            if path is not None and (path.is_file() or path.is_symlink()):
                path.unlink()
                removed.append(name)
                remove_empty_folders(path.parent, self.folder)
        text = json.dumps(self.current, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
        if not self.current:
            self.path.unlink(missing_ok=True)
        elif text != self.text:
            write_atomically(self.path, text.encode("utf-8"))
        return removed


def remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents while they are empty, up to (not including) ``top``."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent
