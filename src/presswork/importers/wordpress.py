"""``presswork import wordpress EXPORT.xml``: a WordPress site's posts as essays."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from slugify import slugify

from presswork.importers.wp_content import convert
from presswork.importers.wxr import Export, Item, read_export
from presswork.outputs import inside

PUBLISHED = frozenset({"publish"})
UNPUBLISHED = frozenset({"draft", "pending", "private", "future", "trash"})
TAXONOMY_FILE = "taxonomy.yml"
REDIRECTS_FILE = "redirects.yml"
REDIRECTS_HEADER = (
    "# Old addresses of the WordPress site → the essay each leads to (its file, without .md).\n"
    "# make html writes a page at each old address that sends the reader on.\n"
)


@dataclass
class Options:
    """What the editor asked for on the command line."""

    into: Path
    pages: bool = False
    drafts: bool = False
    dry_run: bool = False
    rename: bool = False
    media: Path | None = None
    comments: bool = False


@dataclass
class Summary:
    """What the import did, to print at its end."""

    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    left: dict[str, int] = field(default_factory=dict)
    comments: int = 0
    redirects: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        out = [f"imported {len(self.imported)} essays", f"skipped {len(self.skipped)}"]
        out += [f"  skipped: {line}" for line in self.skipped]
        out += [f"  to review: {line}" for line in self.warned]
        out += [f"not imported: {count} {kind}" for kind, count in sorted(self.left.items())]
        if self.comments:
            out.append(f"comments not imported: {self.comments}")
        return out


def wanted(item: Item, options: Options) -> bool:
    """Published posts; pages with ``--pages``; unpublished ones with ``--drafts``."""
    kinds = {"post", "page"} if options.pages else {"post"}
    if item.kind not in kinds:
        return False
    return item.status in PUBLISHED or (options.drafts and item.status in UNPUBLISHED)


def front_matter(item: Item, export: Export, abstract: str) -> dict[str, Any]:
    """The essay's front matter: only what the export says."""
    front: dict[str, Any] = {"title": " ".join(item.title.split()) or None}
    authors = [export.authors.get(login, login) for login in dict.fromkeys(item.creators)]
    front["authors"] = authors or None
    front["date"] = item.date
    front["tags"] = [term.name for term in item.tags] or None
    front["categories"] = [term.name for term in item.categories] or None
    front["abstract"] = abstract or None
    front["draft"] = True if item.status != "publish" else None
    original = {"url": item.link, "slug": item.slug, "id": item.post_id}
    front["original"] = {key: value for key, value in original.items() if value} or None
    return {key: value for key, value in front.items() if value is not None}


UPLOADS = "/wp-content/uploads/"


def local_pictures(
    images: list[str], media: Path | None, folder: str
) -> dict[str, tuple[Path, str]]:
    """Each picture found in the copy of ``wp-content/uploads``: its file, and its new link."""
    found: dict[str, tuple[Path, str]] = {}
    if media is None:
        return found
    for url in images:
        path = urlsplit(url).path
        if UPLOADS not in path:
            continue
        source = inside(media, unquote(path.split(UPLOADS, 1)[1]))
        if source is not None and source.is_file():
            found[url] = (source, f"{folder}/{source.name}")
    return found


def essay_text(
    item: Item, export: Export, media: Path | None = None
) -> tuple[str, list[str], dict[str, tuple[Path, str]]]:
    """The essay as MyST with front matter, what an editor should look at, its pictures."""
    body = convert(item.content)
    pictures = local_pictures(body.images, media, Path(file_name(item)).stem)
    for url, (_, link) in pictures.items():
        body.markdown = body.markdown.replace(url, link)
    abstract = convert(item.excerpt).markdown.strip() if item.excerpt.strip() else ""
    header = yaml.safe_dump(
        front_matter(item, export, " ".join(abstract.split())),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    notes = list(body.notes)
    notes += [f"image {url} links to the old site" for url in body.images if url not in pictures]
    return f"---\n{header}---\n\n{body.markdown}", notes, pictures


def file_name(item: Item) -> str:
    """The essay's file: the post's slug, else its title, else its id."""
    stem = slugify(item.slug or item.title, max_length=80, word_boundary=True)
    return f"{stem or 'post-' + (item.post_id or 'untitled')}.md"


def place(target: Path, text: str, options: Options) -> tuple[Path | None, str]:
    """Where the essay goes: never over another file (beside it with ``--rename``)."""
    if not target.exists():
        return target, "new"
    if target.read_text(encoding="utf-8", errors="replace") == text:
        return None, "already imported"
    if not options.rename:
        return None, "exists, and is different (use --rename to write beside it)"
    for number in range(2, 1000):
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        if not candidate.exists():
            return candidate, "new, beside an essay of the same name"
        if candidate.read_text(encoding="utf-8", errors="replace") == text:
            return None, "already imported"
    return None, "too many essays of this name"


def new_categories(existing: dict[str, Any], export: Export) -> list[dict[str, str]]:
    """The export's categories the taxonomy file does not have yet, with parent and description."""
    listed = existing.get("categories") or []
    known = {str(e.get("name") if isinstance(e, dict) else e) for e in listed}
    names = {term.slug: term.name for term in export.categories.values()}
    entries = []
    for term in export.categories.values():
        if term.name in known or term.slug == "uncategorized":
            continue  # a second category of the same name is the same term here
        known.add(term.name)
        entry = {"name": term.name}
        if term.description:
            entry["description"] = term.description
        if term.parent:
            entry["parent"] = names.get(term.parent, term.parent)
        entries.append(entry)
    return entries


def merge_taxonomy(path: Path, export: Export, dry_run: bool) -> str:
    """Add the export's categories to the taxonomy file, keeping every line already there.

    New entries are appended when ``categories:`` is the file's last section; otherwise the
    file is left alone and the summary lists what to add.
    """
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    loaded = yaml.safe_load(text) if text else {}
    existing = loaded if isinstance(loaded, dict) else {}
    entries = new_categories(existing, export)
    if not entries:
        return ""
    dumped = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)
    block = "".join(f"  {line}\n" for line in dumped.splitlines())
    if not text:
        result = f"categories:\n{block}"
    elif list(existing)[-1:] == ["categories"] and existing.get("categories") is not None:
        result = text.rstrip("\n") + "\n" + block
    else:
        names = ", ".join(entry["name"] for entry in entries)
        return f"{path}: add these categories by hand: {names}"
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result, encoding="utf-8")
    return f"{path}: {len(entries)} categories added"


COMMENTS_SUFFIX = ".comments.yml"


def keep_comments(item: Item, path: Path) -> None:
    """The post's approved comments, in a data file beside its essay (no e-mail, no address)."""
    comments = [
        {
            key: value
            for key, value in (
                ("id", comment.ident),
                ("author", comment.author),
                ("url", comment.url),
                ("date", comment.date),
                ("in_reply_to", comment.parent),
                ("text", convert(comment.text).markdown.strip()),
            )
            if value
        }
        for comment in item.comments
    ]
    text = yaml.safe_dump(comments, allow_unicode=True, sort_keys=False, width=100)
    if not path.exists():
        path.write_text(text, encoding="utf-8")


def copy_pictures(pictures: Any, folder: Path) -> list[str]:
    """Copy each picture beside its essay; one already there and different is not replaced."""
    notes = []
    for source, link in pictures:
        destination = folder / link
        if destination.exists():
            if destination.read_bytes() != source.read_bytes():
                notes.append(f"{destination} exists and differs from {source}; not replaced")
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    return notes


def old_addresses(item: Item, stem: str) -> dict[str, str]:
    """The post's old paths → its essay's file (without ``.md``), its terms' → their pages."""
    addresses = {}
    path = urlsplit(item.link).path
    if path and path != "/":
        addresses[path] = stem
    if item.post_id:
        addresses[f"/?p={item.post_id}"] = stem
    for kind, folder, terms in (
        ("tags", "tag", item.tags),
        ("categories", "category", item.categories),
    ):
        for term in terms:
            if term.slug and term.slug != "uncategorized":
                addresses[f"/{folder}/{term.slug}/"] = f"{kind}: {term.name}"
    return addresses


def merge_redirects(path: Path, redirects: dict[str, str], dry_run: bool) -> str:
    """Add the old addresses to the redirect map, keeping every line already there."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    loaded = yaml.safe_load(text) if text else {}
    existing = loaded if isinstance(loaded, dict) else {}
    new = {old: stem for old, stem in redirects.items() if old not in existing}
    if not new:
        return ""
    dumped = yaml.safe_dump(new, allow_unicode=True, sort_keys=False, width=1000)
    header = "" if text else REDIRECTS_HEADER
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header + (text.rstrip("\n") + "\n" if text else "") + dumped, "utf-8")
    return f"{path}: {len(new)} old addresses mapped to their essays"


def import_wordpress(export_file: Path, options: Options) -> Summary:
    """Import every wanted item of the export; write nothing with ``dry_run``."""
    export = Export()
    summary = Summary()
    for item in read_export(export_file, export):
        if not wanted(item, options):
            summary.left[f"{item.status or '?'} {item.kind or 'item'}s"] = (
                summary.left.get(f"{item.status or '?'} {item.kind or 'item'}s", 0) + 1
            )
            continue
        summary.comments += 0 if options.comments else len(item.comments)
        text, notes, pictures = essay_text(item, export, options.media)
        target, verdict = place(options.into / file_name(item), text, options)
        label = f"{item.title or item.post_id} → {target or options.into / file_name(item)}"
        if target is None:
            summary.skipped.append(f"{label}: {verdict}")
            continue
        if not options.dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            notes += copy_pictures(pictures.values(), target.parent)
            if options.comments and item.comments:
                keep_comments(item, target.with_suffix(COMMENTS_SUFFIX))
        summary.imported.append(label)
        summary.redirects.update(old_addresses(item, target.stem))
        summary.warned += [f"{target.name}: {note}" for note in notes]
    mapped = merge_redirects(options.into / REDIRECTS_FILE, summary.redirects, options.dry_run)
    if mapped:
        summary.warned.append(mapped)
    taxonomy = summary.imported and merge_taxonomy(
        options.into / TAXONOMY_FILE, export, options.dry_run
    )
    if taxonomy:
        summary.warned.append(taxonomy)
    return summary
