"""Old addresses that keep working: a redirect page for each path of the redirect map.

The map (``<essays>/redirects.yml``, written by the WordPress import) sends an old path such as
``/2024/03/08/match-workers/`` or ``/?p=1176`` to an essay, named by its file in the essays
folder without ``.md``, or ``/tag/strikes/`` to a term's page, named ``tags: strikes``.
``make html`` writes a small page at each old path that sends the reader on; WordPress's
``?p=ID`` addresses all arrive at the home page, which sends each on by its number.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from presswork.diagnostics import Subtype, warn
from presswork.essays.config import essays_config
from presswork.outputs import OutputRecord, inside, write_atomically
from presswork.taxonomy.config import taxonomy_config
from presswork.taxonomy.domain import taxonomy_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MAP_NAME = "redirects.yml"
RECORD = ".presswork-redirects.json"
QUERY_ID = "?p="
TERM_KINDS = ("tags", "categories")


def map_path(app: Sphinx) -> Path:
    """Where the redirect map lives: beside the essays."""
    return Path(app.srcdir) / essays_config(app.config).essays_dir / MAP_NAME


def read_map(app: Sphinx, report: bool = True) -> dict[str, str]:
    """The map's old paths and the pages they lead to; a bad entry is reported and left out.

    The home page reads the map too (``report=False``): each problem is reported once a build.
    """
    path = map_path(app)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        if report:
            warn(Subtype.CONFIG, f"the redirect map cannot be read ({error})", f"{path}:1")
        return {}
    found = {}
    for old, new in (data or {}).items() if isinstance(data, dict) else ():
        pagename = page_of(app, new) if isinstance(old, str) and isinstance(new, str) else None
        if pagename is None:
            if report:
                message = f"redirect {old!r} → {new!r} leads to no essay or term; left out"
                warn(Subtype.CONFIG, message, f"{path}:1")
            continue
        found[old] = pagename
    return found


def page_of(app: Sphinx, target: str) -> str | None:
    """The page a map's target names: an essay's file, or ``tags: name``, ``categories: name``."""
    kind, _, name = target.partition(": ")
    if kind in TERM_KINDS and name:
        term = taxonomy_domain(app.env).taxonomy.find(kind, name)
        return taxonomy_config(app.config).page_name(kind, term.slug) if term else None
    docname = f"{essays_config(app.config).essays_dir}/{target}"
    return docname if docname in app.env.found_docs else None


def redirect_page(target: str) -> str:
    """A page that sends the reader to ``target`` (a URL relative to the page)."""
    address = escape(target, quote=True)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={address}">'
        f'<link rel="canonical" href="{address}"><title>Moved</title></head>'
        f'<body><p>This page has moved: <a href="{address}">{address}</a>.</p></body></html>\n'
    )


def page_for(old: str) -> str | None:
    """The file an old path is served from (``2024/03/08/x/`` → ``2024/03/08/x/index.html``)."""
    path = PurePosixPath(old.split("?", 1)[0].split("#", 1)[0].strip("/"))
    if not path.parts:
        return None
    return str(path / "index.html") if not path.suffix else str(path)


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """Write the redirect pages of an HTML build; remove the last build's that are unmapped."""
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    record = OutputRecord.load(outdir, RECORD)
    for old, docname in read_map(app).items():
        name = page_for(old)
        if name is None:
            continue
        depth = len(PurePosixPath(name).parts) - 1
        target = "../" * depth + app.builder.get_target_uri(docname)
        text = redirect_page(target)
        existing = inside(outdir, name)
        if existing is not None and existing.is_file() and name not in record.previous:
            message = f"redirect {old!r}: {name} is a page of the site; kept"
            warn(Subtype.OUTPUT_COLLISION, message, None)
            continue
        path = record.claim(name, hashlib.sha256(text.encode()).hexdigest())
        if path is not None:
            write_atomically(path, text.encode("utf-8"))
    record.finish()


def redirect_ids(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On the home page, a few lines that send WordPress's ``?p=ID`` addresses on."""
    if pagename != app.config.root_doc or app.builder.name != "html":
        return
    ids = {
        old.removeprefix("/").removeprefix(QUERY_ID): app.builder.get_target_uri(docname)
        for old, docname in read_map(app, report=False).items()
        if old.lstrip("/").startswith(QUERY_ID)
    }
    if ids:
        script = (
            "<script>(function(){var m=" + json.dumps(ids).replace("</", "<\\/") + ";"
            "var p=new URLSearchParams(location.search).get('p');"
            "if(p&&m[p]){location.replace(m[p]);}})();</script>"
        )
        context["metatags"] = context.get("metatags", "") + script


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the redirect pages with Sphinx."""
    app.connect("build-finished", write_redirects)
    app.connect("html-page-context", redirect_ids)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
