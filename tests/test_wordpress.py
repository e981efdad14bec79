"""`presswork import wordpress`: WXR read safely, posts as essays, nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SHARED, build

from presswork.cli import main
from presswork.importers.wordpress import Options, import_wordpress
from presswork.importers.wxr import Export, WxrError, read_export
from presswork.latex.pdf import build_pdfs

THEME_EXPORT = SHARED / "wxr" / "themeunittestdata.wordpress.xml"
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Union Notes</title>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>mara</wp:author_login>
  <wp:author_display_name><![CDATA[Mara Lindqvist]]></wp:author_display_name></wp:author>
<wp:author><wp:author_login>kenji</wp:author_login>
  <wp:author_display_name><![CDATA[Kenji Moreau]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>history</wp:category_nicename>
  <wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[History]]></wp:cat_name>
  <wp:category_description><![CDATA[The movement's past.]]></wp:category_description>
</wp:category>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>strikes</wp:category_nicename>
  <wp:category_parent>history</wp:category_parent><wp:cat_name><![CDATA[Strikes]]></wp:cat_name>
</wp:category>
"""
TAIL = "</channel>\n</rss>\n"


def item(
    title: str,
    content: str,
    *,
    slug: str = "",
    status: str = "publish",
    kind: str = "post",
    creators: tuple[str, ...] = ("mara",),
    extra: str = "",
) -> str:
    creators_xml = "".join(f"<dc:creator><![CDATA[{login}]]></dc:creator>" for login in creators)
    return f"""<item>
<title>{title}</title>
<link>https://union.example/2024/03/08/{slug}/</link>
{creators_xml}
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{abs(hash(slug)) % 10000}</wp:post_id>
<wp:post_date><![CDATA[2024-03-08 10:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-03-08 09:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_type><![CDATA[{kind}]]></wp:post_type>
{extra}
</item>
"""


def export_file(tmp_path: Path, *items: str, head: str = HEAD) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(head + "".join(items) + TAIL, encoding="utf-8")
    return path


def essay(folder: Path, name: str) -> tuple[dict, str]:
    text = (folder / f"{name}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


STRIKE = item(
    "The Match Workers&#8217; Strike",
    "<!-- wp:paragraph -->\n<p>In June 1888 &amp; after, the women of Bow walked out.</p>\n"
    "<!-- /wp:paragraph -->\n<h3>The walkout</h3>\n<p>«Пролетарии» and 万国の労働者.</p>"
    "<blockquote><p>We will not sign.</p><cite>A matchwoman</cite></blockquote>"
    '[caption id="a1" width="300"]<img src="https://union.example/wp-content/uploads/bow.jpg"'
    ' alt="Women outside the factory" /> The strikers at Bow[/caption]'
    "[embed]https://video.example/watch?v=1[/embed]<p>A note.[ref]Besant, 1888.[/ref]</p>"
    '[gallery ids="1,2"]',
    slug="match-workers",
    creators=("mara", "kenji"),
    extra='<category domain="category" nicename="strikes"><![CDATA[Strikes]]></category>'
    '<category domain="post_tag" nicename="labour-history"><![CDATA[labour history]]></category>',
)
CLASSIC = item(
    "Classic text", "First paragraph\nwith a break.\n\nSecond paragraph.", slug="classic"
)


def test_a_published_post_becomes_an_essay_with_what_the_export_says(tmp_path):
    folder = tmp_path / "essays"
    summary = import_wordpress(export_file(tmp_path, STRIKE), Options(folder))
    assert len(summary.imported) == 1
    front, source = essay(folder, "match-workers")
    body = source.replace("\\", "")  # markdownify escapes what Markdown could misread
    assert front == {
        "title": "The Match Workers’ Strike",
        "authors": ["Mara Lindqvist", "Kenji Moreau"],
        "date": __import__("datetime").date(2024, 3, 8),
        "tags": ["labour history"],
        "categories": ["Strikes"],
        "original": {
            "url": "https://union.example/2024/03/08/match-workers/",
            "slug": "match-workers",
            "id": front["original"]["id"],
        },
    }
    assert "wp:paragraph" not in body
    assert "In June 1888 & after, the women of Bow walked out." in body
    assert "## The walkout" in body  # the post's top heading is the essay's second level
    assert "«Пролетарии» and 万国の労働者." in body
    assert "> We will not sign.\n>\n> — A matchwoman" in body
    assert (
        "```{figure} https://union.example/wp-content/uploads/bow.jpg\n"
        ":alt: Women outside the factory\n\nThe strikers at Bow\n```" in body
    )
    assert "[https://video.example/watch?v=1](https://video.example/watch?v=1)" in body
    assert "A note.[^1]" in body and "[^1]: Besant, 1888." in body
    assert '[gallery ids="1,2"]' in body  # kept visibly
    notes = " ".join(summary.warned)
    assert "shortcode [gallery] kept as text" in notes
    assert "image https://union.example/wp-content/uploads/bow.jpg links to the old site" in notes
    taxonomy = yaml.safe_load((folder / "taxonomy.yml").read_text(encoding="utf-8"))
    assert taxonomy["categories"] == [
        {"name": "History", "description": "The movement's past."},
        {"name": "Strikes", "parent": "History"},
    ]


def test_co_authors_and_embedded_frames_are_kept(tmp_path):
    coauthored = item(
        "Two hands",
        '<p>Watch:</p><iframe src="https://video.example/embed/7"></iframe>',
        slug="two-hands",
        creators=("mara",),
        extra='<category domain="author" nicename="cap-kenji"><![CDATA[kenji]]></category>',
    )
    import_wordpress(export_file(tmp_path, coauthored), Options(tmp_path / "essays"))
    front, body = essay(tmp_path / "essays", "two-hands")
    assert front["authors"] == ["Mara Lindqvist", "Kenji Moreau"]  # Co-Authors Plus
    assert "<https://video.example/embed/7>" in body


def test_classic_editor_text_gets_its_paragraphs_from_blank_lines(tmp_path):
    import_wordpress(export_file(tmp_path, CLASSIC), Options(tmp_path / "essays"))
    _, body = essay(tmp_path / "essays", "classic")
    assert body.strip().split("\n\n") == ["First paragraph  \nwith a break.", "Second paragraph."]


def test_drafts_and_pages_only_when_asked(tmp_path):
    items = (
        item("Draft", "<p>d</p>", slug="draft", status="draft"),
        item("About", "<p>a</p>", slug="about", kind="page"),
        item("Att", "", slug="att", kind="attachment", status="inherit"),
    )
    path = export_file(tmp_path, *items)
    summary = import_wordpress(path, Options(tmp_path / "a"))
    assert summary.imported == [] and not (tmp_path / "a").exists()
    assert summary.left == {"draft posts": 1, "publish pages": 1, "inherit attachments": 1}
    import_wordpress(path, Options(tmp_path / "b", pages=True, drafts=True))
    assert essay(tmp_path / "b", "draft")[0]["draft"] is True
    assert "draft" not in essay(tmp_path / "b", "about")[0]


def test_nothing_is_overwritten_twice_is_once_and_a_dry_run_writes_nothing(tmp_path, capsys):
    path = export_file(tmp_path, STRIKE, CLASSIC)
    folder = tmp_path / "essays"
    assert main(["import", "wordpress", str(path), "--into", str(folder), "--dry-run"]) == 0
    assert not folder.exists()
    assert "presswork (dry run): imported 2 essays" in capsys.readouterr().err
    folder.mkdir()
    mine = "---\ntitle: Mine\n---\n\nMy own words.\n"
    (folder / "classic.md").write_text(mine, encoding="utf-8")
    summary = import_wordpress(path, Options(folder))
    assert (folder / "classic.md").read_text(encoding="utf-8") == mine
    assert any("exists, and is different" in line for line in summary.skipped)
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    again = import_wordpress(path, Options(folder))
    assert (
        again.imported == []
        and {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == before
    )
    renamed = import_wordpress(path, Options(folder, rename=True))
    assert (folder / "classic-2.md").is_file() and len(renamed.imported) == 1
    assert (folder / "classic.md").read_text(encoding="utf-8") == mine


@pytest.mark.parametrize(
    ("doctype", "refused"),
    [
        ('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "refused"),
        (
            '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            "refused",
        ),
    ],
)
def test_external_entities_and_entity_expansion_are_refused(tmp_path, doctype, refused):
    head = HEAD.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n', f'<?xml version="1.0"?>\n{doctype}\n'
    )
    path = export_file(tmp_path, item("X", "<p>&x;</p>", slug="x"), head=head)
    with pytest.raises(WxrError, match=refused):
        list(read_export(path, Export()))
    assert not (tmp_path / "essays").exists()


def test_a_cut_short_file_or_one_that_is_not_wxr_is_a_clear_error(tmp_path, capsys):
    whole = export_file(tmp_path, STRIKE).read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(whole[: len(whole) // 2], encoding="utf-8")
    assert main(["import", "wordpress", str(cut), "--into", str(tmp_path / "e")]) == 1
    error = capsys.readouterr().err
    assert f"{cut}:" in error and "not well-formed XML" in error and "Traceback" not in error
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss><channel><item><title>t</title></item></channel></rss>", "utf-8")
    assert main(["import", "wordpress", str(feed), "--into", str(tmp_path / "e")]) == 1
    assert "not a WordPress export" in capsys.readouterr().err


@pytest.mark.skipif(not THEME_EXPORT.is_file(), reason="../shared is not beside the project")
def test_the_theme_test_export_imports_every_published_post_and_builds(tmp_path):
    project = tmp_path / "site"
    project.mkdir()
    (project / "conf.py").write_text(
        'project = "Theme test"\nauthor = "Editors"\nextensions = ["presswork"]\n'
        'exclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (project / "index.md").write_text("# Theme test\n\n```{essays}\n```\n", encoding="utf-8")
    export = Export()
    published = [
        i for i in read_export(THEME_EXPORT, export) if i.kind == "post" and i.status == "publish"
    ]
    summary = import_wordpress(THEME_EXPORT, Options(project / "essays"))
    assert len(summary.imported) == len(published) >= 50
    assert summary.skipped == []
    again = import_wordpress(THEME_EXPORT, Options(project / "essays"))
    assert again.imported == [] and len(again.skipped) == len(published)
    for builder in ("html", "epub", "latex"):
        _, found = build(builder, project, builddir=tmp_path / builder)
        kinds = {kind for _, _, kind, _ in found}
        assert kinds <= {  # the export's own content, reported; no markup or build problem
            "presswork.path.url",
            "presswork.cite.needed",
            "presswork.cite.quote_source",
            "presswork.taxonomy.variant",
            "presswork.essay.missing_title",
            "image.not_readable",
        }, (builder, sorted(kinds))
    assert build_pdfs(tmp_path / "latex" / "latex") == 0  # as `make latexpdf` typesets it


def test_a_line_break_kept_from_wordpress_reaches_the_book_without_a_warning(tmp_path):
    project = tmp_path / "site"
    import_wordpress(export_file(tmp_path, CLASSIC), Options(project / "essays"))
    (project / "conf.py").write_text('extensions = ["presswork"]\n', encoding="utf-8")
    (project / "index.md").write_text("# Notes\n", encoding="utf-8")
    app, found = build("latex", project)
    assert not [w for w in found if w[2] == "presswork.raw.latex"]  # MyST's own line break
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "First paragraph\\\\\nwith a break." in tex


def test_old_addresses_lead_to_the_new_pages(tmp_path):
    project = tmp_path / "site"
    (project / "essays").mkdir(parents=True)
    (project / "conf.py").write_text('extensions = ["presswork"]\n', encoding="utf-8")
    (project / "index.md").write_text("# Notes\n\n```{essays}\n```\n", encoding="utf-8")
    import_wordpress(export_file(tmp_path, STRIKE), Options(project / "essays"))
    mapped = yaml.safe_load((project / "essays" / "redirects.yml").read_text(encoding="utf-8"))
    post_id = essay(project / "essays", "match-workers")[0]["original"]["id"]
    assert mapped == {
        "/2024/03/08/match-workers/": "match-workers",
        f"/?p={post_id}": "match-workers",
        "/tag/labour-history/": "tags: labour history",
        "/category/strikes/": "categories: Strikes",
    }
    app, _ = build("html", project)
    out = Path(app.outdir)
    page = (out / "2024" / "03" / "08" / "match-workers" / "index.html").read_text("utf-8")
    assert 'content="0; url=../../../../essays/match-workers.html"' in page
    assert (out / "2024/03/08/match-workers/../../../../essays/match-workers.html").is_file()
    tag = (out / "tag" / "labour-history" / "index.html").read_text("utf-8")
    assert 'content="0; url=../../tags/labour-history.html"' in tag
    assert (out / "tags" / "labour-history.html").is_file()
    assert 'url=../../categories/strikes.html"' in (out / "category/strikes/index.html").read_text()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f'"{post_id}": "essays/match-workers.html"' in home and "location.replace" in home
    (project / "essays" / "redirects.yml").write_text("{}\n", encoding="utf-8")
    app, _ = build("html", project)
    assert not (out / "2024").exists()  # a redirect no longer mapped is removed, and only it
    assert not (out / "tag").exists() and (out / "tags" / "labour-history.html").is_file()
    assert (out / "essays" / "match-workers.html").is_file()


def test_pictures_come_from_a_copy_of_the_uploads_folder_when_given(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "bow.jpg").write_bytes(b"\xff\xd8\xff picture")
    folder = tmp_path / "essays"
    summary = import_wordpress(export_file(tmp_path, STRIKE), Options(folder, media=uploads))
    _, body = essay(folder, "match-workers")
    assert "```{figure} match-workers/bow.jpg" in body
    assert "union.example/wp-content" not in body
    assert (folder / "match-workers" / "bow.jpg").read_bytes() == b"\xff\xd8\xff picture"
    assert not [note for note in summary.warned if "links to the old site" in note]
    elsewhere = item(
        "Out",
        '<p><img src="https://union.example/wp-content/uploads/../../x.jpg"/></p>',
        slug="out",
    )
    import_wordpress(export_file(tmp_path, elsewhere), Options(tmp_path / "b", media=uploads))
    assert not (tmp_path / "b" / "out").exists()  # nothing from outside the uploads copy


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_version_of_the_export_format_is_read(tmp_path, version):
    head = HEAD.replace("export/1.2/", f"export/{version}/").replace(
        "<wp:wxr_version>1.2", f"<wp:wxr_version>{version}"
    )
    folder = tmp_path / "essays"
    summary = import_wordpress(export_file(tmp_path, STRIKE, head=head), Options(folder))
    assert len(summary.imported) == 1
    front, _ = essay(folder, "match-workers")
    assert front["authors"] == ["Mara Lindqvist", "Kenji Moreau"]
    assert front["categories"] == ["Strikes"] and front["date"].year == 2024


COMMENTS = """
<wp:comment><wp:comment_id>7</wp:comment_id>
<wp:comment_author><![CDATA[Ann Reader]]></wp:comment_author>
<wp:comment_author_email>ann@example.org</wp:comment_author_email>
<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>
<wp:comment_date_gmt>2024-03-09 08:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[<p>Thank you &amp; well done.</p>]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>
<wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>8</wp:comment_id><wp:comment_author>Bo</wp:comment_author>
<wp:comment_date_gmt>2024-03-09 09:00:00</wp:comment_date_gmt>
<wp:comment_content>Agreed.</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type><wp:comment_parent>7</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author>Spammer</wp:comment_author>
<wp:comment_content>Buy now</wp:comment_content><wp:comment_approved>spam</wp:comment_approved>
<wp:comment_type></wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
"""


def test_approved_comments_are_kept_beside_their_essay_only_when_asked(tmp_path):
    post = item("Talked about", "<p>Body.</p>", slug="talked", extra=COMMENTS)
    path = export_file(tmp_path, post)
    without = import_wordpress(path, Options(tmp_path / "a"))
    assert without.comments == 2 and not (tmp_path / "a" / "talked.comments.yml").exists()
    kept = import_wordpress(path, Options(tmp_path / "b", comments=True))
    assert kept.comments == 0
    kept_text = (tmp_path / "b" / "talked.comments.yml").read_text("utf-8")
    comments = yaml.safe_load(kept_text.replace("\\&", "&"))  # Markdown's escape of "&"
    assert comments == [
        {
            "id": "7",
            "author": "Ann Reader",
            "date": "2024-03-09 08:00:00",
            "text": "Thank you & well done.",
        },
        {
            "id": "8",
            "author": "Bo",
            "date": "2024-03-09 09:00:00",
            "in_reply_to": "7",
            "text": "Agreed.",
        },
    ]  # no spam, no e-mail address, no IP address


def test_markup_markdown_cannot_say_stays_html_and_meets_the_sanitizer(tmp_path):
    project = tmp_path / "site"
    content = (
        '<p>H<sub>2</sub>O, <abbr title="Trades Union Congress">TUC</abbr>, '
        '<mark onclick="steal()">marked</mark><script>alert(1)</script></p>'
    )
    import_wordpress(
        export_file(tmp_path, item("Chemistry", content, slug="chemistry")),
        Options(project / "essays"),
    )
    _, body = essay(project / "essays", "chemistry")
    assert "H<sub>2</sub>O" in body and "alert" not in body and "onclick" not in body
    (project / "conf.py").write_text('extensions = ["presswork"]\n', encoding="utf-8")
    (project / "index.md").write_text("# Notes\n", encoding="utf-8")
    app, _ = build("html", project)
    page = (Path(app.outdir) / "essays" / "chemistry.html").read_text(encoding="utf-8")
    assert "H<sub>2</sub>O" in page
    assert '<abbr title="Trades Union Congress">TUC</abbr>' in page
    assert "<mark>marked</mark>" in page
