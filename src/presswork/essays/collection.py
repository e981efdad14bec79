"""The collection: which documents are essays, every essay in the root toctree, its order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from presswork.essays.config import essays_config
from presswork.essays.domain import essays_domain
from presswork.essays.running_order import essays_in_running_order

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

ESSAYS_TOCTREE = "presswork-essays-toctree"


def navigate_hidden_toctrees(app: Sphinx, config: Config) -> None:
    """Essays sit in a hidden toctree, so e-book navigation must include hidden toctrees."""
    if config.epub_tocscope == "default":
        config.epub_tocscope = "includehidden"


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
    wrapper = nodes.compound(classes=["toctree-wrapper", ESSAYS_TOCTREE])
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


class ApplyRunningOrder(SphinxPostTransform):
    """Put the root document's essays in the book's running order, for every builder.

    E-books follow the essays' toctree; LaTeX has already inlined it, so there the essays'
    parts of the book are moved instead.
    """

    default_priority = 800

    def run(self, **kwargs: Any) -> None:
        """Reorder the hidden toctree's entries, or the inlined essays, by the running order."""
        if self.env.docname != self.config.root_doc:
            return
        position = {name: i for i, name in enumerate(essays_in_running_order(self.env))}
        for wrapper in self.document.findall(nodes.compound):
            if ESSAYS_TOCTREE not in wrapper["classes"]:
                continue
            last = len(position)
            for toctree in wrapper.findall(addnodes.toctree):
                entries = sorted(toctree["entries"], key=lambda e: position.get(e[1], last))
                toctree["entries"] = entries
                toctree["includefiles"] = [name for _, name in entries]
            parts = [c for c in wrapper.children if isinstance(c, addnodes.start_of_file)]
            if parts:
                parts.sort(key=lambda part: position.get(part["docname"], last))
                wrapper.children = [
                    *(c for c in wrapper.children if not isinstance(c, addnodes.start_of_file)),
                    *parts,
                ]
