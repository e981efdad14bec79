"""An earlier revision of the sources, read from git's objects and never checked out."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sphinx.errors import SphinxError

GIT_TIMEOUT = 60
# The stamp in a proof's footer: "commit 1a2b3c4, 2026-11-25".
STAMP = re.compile(r"\bcommit ([0-9a-f]{4,40})\b")


class RevisionError(SphinxError):
    """The revision to compare with cannot be read: not a repository, or no such revision."""

    category = "Proof changes error"


@dataclass(frozen=True)
class Revision:
    """A commit of the repository the sources are in, and where the sources sit in it."""

    root: Path
    prefix: str
    commit: str
    short: str
    date: str


def git(
    folder: Path, *arguments: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run a git command that only reads, in ``folder``."""
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *arguments],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError as error:
        raise RevisionError("marking changes needs git, and git is not installed") from error
    except subprocess.TimeoutExpired as error:
        raise RevisionError(f"git did not answer within {GIT_TIMEOUT} s") from error


def wanted_revision(since: str) -> str:
    """What the user asked for: a commit, tag or branch, or the stamp of an earlier proof."""
    stamp = STAMP.search(since)
    wanted = stamp.group(1) if stamp else since.strip()
    if not wanted or wanted.startswith("-"):
        raise RevisionError(f"{since!r} is not a git revision")
    return wanted


def resolve(srcdir: Path, since: str) -> Revision:
    """The commit ``since`` names, in the repository ``srcdir`` is in."""
    wanted = wanted_revision(since)
    top = git(srcdir, "rev-parse", "--show-toplevel", "--show-prefix")
    if top.returncode != 0:
        said = top.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(
            f"the sources in {srcdir} are not in a git repository, so there is no revision "
            f"{wanted!r} to compare them with" + (f" (git: {said[0]})" if said else "")
        )
    root, prefix = [*top.stdout.decode("utf-8").split("\n"), "", ""][:2]
    found = git(
        srcdir, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{wanted}^{{commit}}"
    )
    if found.returncode != 0:
        raise RevisionError(
            f"there is no revision {wanted!r} in the git repository at {root}: give a commit, "
            "a tag or a branch (git log --oneline lists them)"
        )
    commit = found.stdout.decode("ascii").strip()
    shown = git(srcdir, "show", "-s", "--format=%h%n%cs", commit).stdout.decode("ascii").split()
    short, date = [*shown, commit[:7], ""][:2]
    return Revision(Path(root), prefix, commit, short, date)


def files_at(revision: Revision) -> dict[str, str]:
    """Every file under the source folder at the revision (relative to it) and its object id."""
    under = ["--", revision.prefix] if revision.prefix else []
    listed = git(revision.root, "ls-tree", "-r", "-z", "--full-tree", revision.commit, *under)
    if listed.returncode != 0:
        raise RevisionError(f"git could not list the files of {revision.short}")
    files = {}
    for entry in listed.stdout.split(b"\0"):
        meta, _tab, name = entry.partition(b"\t")
        fields = meta.split()
        path = name.decode("utf-8", "surrogateescape")
        if len(fields) == 3 and fields[1] == b"blob" and path.startswith(revision.prefix):
            files[path[len(revision.prefix) :]] = fields[2].decode("ascii")
    return files


def read_at(revision: Revision, objects: list[str]) -> dict[str, bytes]:
    """The contents of some files at the revision, by object id, from git in one process."""
    if not objects:
        return {}
    answer = git(
        revision.root, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in objects).encode()
    )
    if answer.returncode != 0:
        raise RevisionError(f"git could not read the files of {revision.short}")
    contents: dict[str, bytes] = {}
    data, position = answer.stdout, 0
    for wanted in objects:
        end = data.index(b"\n", position)
        header = data[position:end].split()
        position = end + 1
        if header[1:2] == [b"blob"]:
            size = int(header[-1])
            contents[wanted] = data[position : position + size]
            position += size + 1
    return contents
