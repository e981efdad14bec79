"""The collection: which files are essays, drafts left out, every essay in the root toctree."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import get_matching_files

from presswork.diagnostics import warn
from presswork.essays.config import essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.frontmatter import read_front_matter
from presswork.sourcefiles import Unreadable, read_source

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

FRONT_MATTER_PEEK = 16_384


def navigate_hidden_toctrees(app: Sphinx, config: Config) -> None:
    """Essays sit in a hidden toctree, so e-book navigation must include hidden toctrees."""
    if config.epub_tocscope == "default":
        config.epub_tocscope = "includehidden"


def screen_sources(app: Sphinx, config: Config) -> None:
    """Leave out sources that are not UTF-8 text (each named once) and unpublished drafts."""
    settings = essays_config(config)
    srcdir = Path(app.srcdir)
    suffixes = tuple(config.source_suffix)
    left_out = []
    found = get_matching_files(
        srcdir, config.include_patterns, [*config.exclude_patterns, *EXCLUDE_PATHS]
    )
    for relative in sorted(str(name) for name in found):
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


def is_draft(text: str) -> bool:
    """Whether the front matter of ``text`` says ``draft: true``."""
    head = text[:FRONT_MATTER_PEEK]
    return "draft" in head and read_front_matter(head).values.get("draft") is True


def escape_glob(path: str) -> str:
    """A path as an exclude pattern that matches that file alone, whatever its characters."""
    return "".join(f"[{char}]" if char in "*?[]" else char for char in path)


def essay_docnames(env: BuildEnvironment, docnames: Iterable[str]) -> list[str]:
    """The essays among ``docnames``, sorted."""
    settings = essays_config(env.config)
    return sorted(name for name in docnames if settings.is_essay(name))


def include_essays_in_root(app: Sphinx, doctree: nodes.document) -> None:
    """Give the root document a hidden toctree of every essay no toctree there names yet.

    It goes before the root's own toctrees, so pages such as the indexes follow the essays.
    """
    env = app.env
    if env.docname != env.config.root_doc:
        return
    named = {entry[1] for tree in doctree.findall(addnodes.toctree) for entry in tree["entries"]}
    essays = [name for name in essay_docnames(env, env.found_docs) if name not in named]
    if not essays:
        return
    toctree = addnodes.toctree(
        parent=env.docname,
        entries=[(None, name) for name in essays],
        includefiles=essays,
        maxdepth=1,
        caption=None,
        glob=False,
        hidden=True,
        includehidden=False,
        numbered=0,
        titlesonly=True,
    )
    wrapper = nodes.compound(classes=["toctree-wrapper", "presswork-essays-toctree"])
    wrapper += toctree
    first_toctree = next(iter(doctree.findall(addnodes.toctree)), None)
    if first_toctree is not None:
        placed = (
            first_toctree.parent
            if isinstance(first_toctree.parent, nodes.compound)
            else first_toctree
        )
        placed.parent.insert(placed.parent.index(placed), wrapper)
    else:
        section: nodes.Element = next(iter(doctree.findall(nodes.section)), doctree)
        section.append(wrapper)


def outdated_by_essays(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Pages that list essays go stale when an essay changes; the root when one comes or goes."""
    if not essay_docnames(env, added | changed | removed):
        return []
    stale = set(essays_domain(env).listings)
    if essay_docnames(env, added | removed):
        stale.add(env.config.root_doc)
    return sorted(stale - removed)


def order_collection(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Sort the collection once every document has been read; return pages to write again."""
    sidebar_changed, moved = essays_domain(env).order(essays_config(env.config).sidebar_recent)
    return set(env.found_docs) if sidebar_changed else moved
