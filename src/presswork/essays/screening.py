"""Which sources a build reads: not files outside the publication, unreadable files or drafts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import Matcher

from presswork.diagnostics import Subtype, warn
from presswork.essays.config import essays_config
from presswork.essays.frontmatter import read_front_matter
from presswork.sourcefiles import Unreadable, read_source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

FRONT_MATTER_PEEK = 16_384


def screen_sources(app: Sphinx, config: Config) -> None:
    """Leave out links that lead outside, files that are not UTF-8 text, and drafts."""
    settings = essays_config(config)
    srcdir = Path(app.srcdir)
    suffixes = tuple(config.source_suffix)
    left_out = []
    for relative, problem in walk_sources(srcdir, [*config.exclude_patterns, *EXCLUDE_PATHS]):
        if problem is not None:
            warn(Subtype.PATH_OUTSIDE, problem, f"{srcdir / relative}:1")
            left_out.append(relative)
            continue
        suffix = next((s for s in suffixes if relative.endswith(s)), None)
        if suffix is None:
            continue
        text = read_source(srcdir / relative, relative)
        if isinstance(text, Unreadable):
            warn(text.subtype, text.message, f"{srcdir / relative}:{max(text.line, 1)}")
            left_out.append(relative)
        elif (
            not settings.drafts
            and settings.is_essay(relative.removesuffix(suffix))
            and is_draft(text)
        ):
            left_out.append(relative)
    config.exclude_patterns = [*config.exclude_patterns, *(escape_glob(p) for p in left_out)]


def walk_sources(srcdir: Path, excluded: list[str]) -> Iterator[tuple[str, str | None]]:
    """Every file Sphinx would look at, as (relative path, why it must be left out or None).

    Like Sphinx, links are followed, but never out of the source folder nor round in a circle.
    """
    matcher = Matcher(excluded)
    root = srcdir.resolve()
    for folder, dirs, files in os.walk(srcdir, followlinks=True):
        here = Path(folder)
        base = here.relative_to(srcdir)
        kept = []
        for name in sorted(dirs):
            relative = (base / name).as_posix()
            if matcher(relative):
                continue
            problem = link_problem(here / name, root)
            if problem is not None:
                yield relative, problem
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            relative = (base / name).as_posix()
            if not matcher(relative):
                yield relative, link_problem(here / name, root)


def link_problem(path: Path, root: Path) -> str | None:
    """Why a link must not be followed: it leads outside the source folder, or back up."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if not target.is_relative_to(root):
        return f"this is a link to {target}, outside the source folder; it is left out"
    if path.is_dir() and (path.parent.resolve() / path.name).is_relative_to(target):
        return "this is a link to a folder that contains it; it is left out"
    return None


def is_draft(text: str) -> bool:
    """Whether the front matter of ``text`` says ``draft: true``."""
    head = text[:FRONT_MATTER_PEEK]
    return "draft" in head and read_front_matter(head).values.get("draft") is True


def escape_glob(path: str) -> str:
    """A path as an exclude pattern that matches that file alone, whatever its characters."""
    return "".join(f"[{char}]" if char in "*?[]" else char for char in path)
