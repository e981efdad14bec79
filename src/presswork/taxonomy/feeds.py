"""Atom feeds for the collection, each tag and each category, with absolute links."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from presswork.essays.domain import essays_domain
from presswork.outputs import OutputRecord, is_web_build, write_atomically
from presswork.taxonomy.config import FEED_FOLDER, taxonomy_config
from presswork.taxonomy.domain import taxonomy_domain
from presswork.taxonomy.registry import KINDS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from presswork.essays.model import Essay

logger = logging.getLogger(__name__)
SITE_FEED = f"{FEED_FOLDER}/atom.xml"
WRITTEN_FEEDS = ".presswork-feeds.json"


def feed_path(kind: str, slug: str) -> str:
    """Where a term's feed is written, relative to the site root."""
    return f"{FEED_FOLDER}/{kind}/{slug}.xml"


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Write every feed whose content changed; say once why there are none without a site URL."""
    if exception is not None or not is_web_build(app.builder):
        return
    record = OutputRecord.load(Path(app.outdir), WRITTEN_FEEDS)
    if not taxonomy_config(app.config).site_url:
        logger.info("presswork: no Atom feeds, since presswork_site_url is not set")
    else:
        write_changed_feeds(app, record)
    record.finish()


def write_changed_feeds(app: Sphinx, record: OutputRecord) -> None:
    """Write each feed whose content changed, noting every feed in the record."""
    for path, title, essays in every_feed(app):
        target = record.claim(path, feed_signature(app, title, essays))
        if target is not None:
            write_atomically(target, feed_xml(app, title, path, essays))


def every_feed(app: Sphinx) -> Iterator[tuple[str, str, list[Essay]]]:
    """(path, title, essays) for the collection's feed and each used term's."""
    settings = taxonomy_config(app.config)
    essays = essays_domain(app.env)
    taxonomy = taxonomy_domain(app.env).taxonomy
    title = str(app.config.project)
    yield SITE_FEED, title, essays.newest_first(settings.feed_length)
    for kind in KINDS:
        for term in taxonomy.used(kind):
            chosen = taxonomy.essays_under(term)[: settings.feed_length]
            yield (
                feed_path(kind, term.slug),
                f"{title}: {term.name}",
                [essays.essays[name] for name in chosen],
            )


def feed_signature(app: Sphinx, title: str, essays: list[Essay]) -> str:
    """Everything a feed says, as a digest: a feed is written again only when it changes."""
    entries = [
        (
            e.docname,
            e.display_title,
            e.meta.date,
            e.author_names,
            e.meta.abstract,
            terms_of(app, e),
        )
        for e in essays
    ]
    settings = (taxonomy_config(app.config).site_url, app.config.author, app.config.language)
    return hashlib.sha1(repr((title, settings, entries)).encode()).hexdigest()


def absolute(app: Sphinx, path: str) -> str:
    """An absolute URL on the site."""
    return f"{taxonomy_config(app.config).site_url}/{path}"


def feed_xml(app: Sphinx, title: str, path: str, essays: list[Essay]) -> bytes:
    """One Atom feed of ``essays``; undated essays are left out (Atom needs a date)."""
    from feedgen.feed import FeedGenerator  # noqa: PLC0415 (lxml loads only when a feed is written)

    dated = [essay for essay in essays if essay.meta.date is not None]
    feed = FeedGenerator()
    feed.id(absolute(app, path))
    feed.title(title)
    feed.author({"name": str(app.config.author or app.config.project)})
    feed.link(href=absolute(app, ""), rel="alternate")
    feed.link(href=absolute(app, path), rel="self")
    feed.language(app.config.language or "en")
    feed.updated(timestamp(dated[0]) if dated else dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    for essay in reversed(dated):
        url = absolute(app, app.builder.get_target_uri(essay.docname))
        entry = feed.add_entry()
        entry.id(url)
        entry.title(essay.display_title)
        entry.link(href=url)
        entry.published(timestamp(essay))
        entry.updated(timestamp(essay))
        for name in essay.author_names:
            entry.author({"name": name})
        if essay.meta.abstract:
            entry.summary(essay.meta.abstract)
        for term in terms_of(app, essay):
            entry.category(term=term)
    return bytes(feed.atom_str(pretty=True))


def terms_of(app: Sphinx, essay: Essay) -> list[str]:
    """An essay's tags and categories under their collection-wide names, each once."""
    taxonomy = taxonomy_domain(app.env).taxonomy
    names = [
        term.name if (term := taxonomy.find(kind, written)) else written
        for kind in KINDS
        for written in getattr(essay.meta, kind)
    ]
    return list(dict.fromkeys(names))


def timestamp(essay: Essay) -> dt.datetime:
    """An essay's date as midnight UTC."""
    date = essay.meta.date or dt.date(1970, 1, 1)
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
