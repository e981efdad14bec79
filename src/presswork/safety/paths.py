"""Files an essay names are read only from inside the source folder, and never from the network."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw, adapt_path
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform

from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Before doctree-read (880), where Sphinx's collectors note pictures and downloads to copy.
PRIORITY = 795


class Refused(Exception):
    """A directive's file was refused; the directive then produces nothing."""


def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path``, with symbolic links and ``..`` resolved, is within ``folder``."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def refuse_outside(what: str, written: str, location: Any) -> None:
    """Warn that the file ``written`` is outside the source folder and is not read."""
    warn(
        Subtype.PATH_OUTSIDE,
        f"{what} {written!r} is outside the source folder; presswork does not read it",
        location,
    )


def refused(env: BuildEnvironment, what: str, written: str, location: Any) -> bool:
    """Whether a path Sphinx resolves with ``relfn2path`` is refused (and say so if it is)."""
    # Sphinx reads an absolute path from the source folder (``/etc/passwd`` is
    # ``<source>/etc/passwd``). When no such file exists there but one does on the machine, the
    # author most likely meant the machine's file: that is refused too, not reported as missing.
    _, full = env.relfn2path(written, env.docname)
    if not inside(full, env.srcdir):
        refuse_outside(what, written, location)
        return True
    if written.startswith("/") and not Path(full).exists() and Path(written).exists():
        warn(
            Subtype.PATH_OUTSIDE,
            f"{what} {written!r}: an absolute path names a file in the source folder, and "
            "there is none there; presswork never reads the machine's own files",
            location,
        )
        return True
    return False


def include_refused(
    env: BuildEnvironment, standard_folder: str | Path, written: str, location: Any
) -> bool:
    """Whether an include's file is refused; ``<name>`` is one of docutils' standard files."""
    written = "".join(line.strip() for line in written.splitlines())
    if written.startswith("<") and written.endswith(">"):
        if inside(Path(standard_folder) / written[1:-1], standard_folder):
            return False
        refuse_outside("include", written, location)
        return True
    return refused(env, "include", written, location)


class SafeInclude(Include):
    """Sphinx's ``include`` for reStructuredText, refusing files outside the source folder."""

    def run(self) -> list[nodes.Node]:
        """Check the path, then include as Sphinx does."""
        if include_refused(
            self.env, self.standard_include_path, self.arguments[0], self.get_location()
        ):
            return []
        return list(super().run())


class SafeLiteralInclude(LiteralInclude):
    """Sphinx's ``literalinclude``, refusing files (and ``:diff:`` files) outside the source."""

    def run(self) -> list[nodes.Node]:
        """Check the paths, then include as Sphinx does."""
        location = self.get_location()
        for written in (self.arguments[0], self.options.get("diff")):
            if written and refused(self.env, "literalinclude", written, location):
                return []
        return super().run()


def directive_location(directive: Raw | CSVTable) -> str:
    """``source:line`` of a docutils directive."""
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    return f"{source}:{line}"


def refuse_url(what: str, url: str, location: Any) -> None:
    """Warn that ``url`` is not fetched."""
    warn(
        Subtype.PATH_URL,
        f"{what} :url: {url!r} refused: presswork never fetches from the network during a build",
        location,
    )


def file_refused(directive: Raw | CSVTable, what: str) -> bool:
    """Whether a docutils ``:file:`` option names a file outside the source folder."""
    document = directive.state.document
    settings = document.settings
    source = document.current_source or ""
    path = adapt_path(directive.options["file"], source, settings.root_prefix)
    if inside(path, settings.env.srcdir):
        return False
    refuse_outside(f"{what} :file:", directive.options["file"], directive_location(directive))
    return True


class SafeRaw(Raw):
    """docutils' ``raw``, refusing ``:url:`` always and ``:file:`` outside the source folder."""

    def run(self) -> list[nodes.Node]:
        """Check the options, then read as docutils does."""
        if "url" in self.options:
            refuse_url("raw", self.options["url"], directive_location(self))
            return []
        if "file" in self.options and file_refused(self, "raw"):
            return []
        return list(super().run())


class SafeCSVTable(CSVTable):
    """Sphinx's ``csv-table``, refusing ``:url:`` always and ``:file:`` outside the source."""

    def run(self) -> list[nodes.Node]:  # type: ignore[override]  # as Sphinx declares it
        """Check the options, then read as Sphinx does."""
        if "url" in self.options:
            refuse_url("csv-table", self.options["url"], directive_location(self))
            return []
        try:
            return super().run()
        except Refused:
            return []

    def get_csv_data(self) -> Any:
        """The path is checked once Sphinx has settled it, just before docutils reads it."""
        if "file" in self.options and not self.content and file_refused(self, "csv-table"):
            raise Refused
        return super().get_csv_data()  # type: ignore[no-untyped-call]


class RefuseOutsideFiles(SphinxTransform):
    """Pictures and downloads outside the source folder are dropped before Sphinx copies them."""

    default_priority = PRIORITY

    def apply(self, **kwargs: Any) -> None:
        """Drop each refused picture and unlink each refused download."""
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if "://" in uri or uri.startswith("data:"):
                continue
            if refused(self.env, "picture", uri, image):
                drop_picture(image)
        for download in list(self.document.findall(addnodes.download_reference)):
            target = str(download.get("reftarget", ""))
            if "://" not in target and refused(self.env, "download", target, download):
                download.replace_self(nodes.inline("", "", *download.children))


def drop_picture(image: nodes.image) -> None:
    """Remove a picture, with the link or figure that exists only to hold it."""
    node: nodes.Element = image
    if isinstance(node.parent, nodes.reference) and len(node.parent.children) == 1:
        node = node.parent
    if isinstance(node.parent, nodes.figure):
        node = node.parent
    holder = node.parent
    holder.remove(node)
    if isinstance(holder, nodes.paragraph) and not holder.children and holder.parent:
        holder.parent.remove(holder)


def blank_outside_includes(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    """The last guard: an included file outside the source folder is included as nothing."""
    # Sphinx's and MyST's includes announce what they read with ``include-read``; presswork's own
    # checks refuse such files before they are read, so this only acts if one was missed.
    path = Path(app.srcdir) / relative_path
    if inside(path, app.srcdir) or inside(path, Include.standard_include_path):
        return
    refuse_outside("include", str(relative_path), (app.env.docname, None))
    content[0] = ""


def register(app: Sphinx) -> None:
    """Put the checked directives in place of Sphinx's and docutils' own."""
    app.add_directive("include", SafeInclude, override=True)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
    app.add_directive("raw", SafeRaw, override=True)
    app.add_directive("csv-table", SafeCSVTable, override=True)
    app.add_transform(RefuseOutsideFiles)
    app.connect("include-read", blank_outside_includes)
