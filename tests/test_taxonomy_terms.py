"""Term identity, slugs, collation and the registry, without a build."""

from __future__ import annotations

from pyuca import Collator

from presswork.diagnostics import Subtype
from presswork.taxonomy.collation import collation_key, uca_key
from presswork.taxonomy.model import Use, build_taxonomy
from presswork.taxonomy.registry import read_registry, term_key
from presswork.taxonomy.slugs import assign_slugs, base_slug, fallback_slug


def slugs_for(*names: str, transliterate: bool = False) -> tuple[dict[str, str], list]:
    keyed = {term_key(name): name for name in names}
    return assign_slugs(keyed, keyed, prefix="tag", transliterate=transliterate)


def test_identity_is_unicode_and_case_insensitive():
    assert term_key("Solidarity") == term_key("solidarity") == term_key("ＳＯＬＩＤＡＲＩＴＹ")
    assert term_key("  labour   history ") == "labour history"
    assert term_key("Straße") == term_key("STRASSE")
    assert term_key("C++") != term_key("C")


def test_slugs_keep_or_transliterate_non_ascii():
    assert base_slug("Революция", transliterate=False) == "революция"
    assert base_slug("Революция", transliterate=True) == "revoliutsiia"
    assert base_slug("huelga general", transliterate=False) == "huelga-general"


def test_meaningful_characters_keep_terms_apart():
    slugs, collisions = slugs_for("C++", "C", "C#")
    assert slugs == {"c++": "cplusplus", "c": "c", "c#": "csharp"}
    assert collisions == []


def test_no_slug_can_leave_the_output_folder_or_be_empty():
    slugs, _ = slugs_for("../x", "a/b", "🔥", "..", "index")
    assert slugs["../x"] == "x"
    assert slugs["a/b"] == "a-b"
    assert slugs["🔥"] == fallback_slug("tag", "🔥") == slugs_for("🔥")[0]["🔥"]
    assert slugs[".."].startswith("tag-")
    assert slugs["index"].startswith("tag-")
    assert all("/" not in slug and "." not in slug for slug in slugs.values())


def test_collisions_resolve_deterministically_and_are_reported():
    one, collisions = slugs_for("../x", "x")
    two, _ = slugs_for("x", "../x")
    assert one == two == {"../x": "x-2", "x": "x"}
    assert collisions == [("../x", "x", "x-2")]


def test_collation_follows_the_reader_not_the_code_point():
    names = ["zebra", "Émile", "eagle", "apple", "Zoo"]
    assert sorted(names, key=collation_key) == ["apple", "eagle", "Émile", "zebra", "Zoo"]


def test_registry_reads_entries_and_reports_bad_ones_with_lines():
    registry = read_registry(
        "tags:\n  - name: labour\n    aliases: [labor]\n    colour: red\n  - solidarity\n"
        "  - {description: nameless}\n  - labour\ncategories:\n  - name: Strikes\n"
        "    parent: History\nthemes: []\n"
    )
    assert set(registry.terms["tags"]) == {"labour", "solidarity"}
    assert registry.aliases("tags") == {"labor": "labour"}
    assert [(line, subtype) for line, subtype, _ in registry.problems] == [
        (2, Subtype.TAXONOMY_FILE),
        (6, Subtype.TAXONOMY_FILE),
        (7, Subtype.TAXONOMY_FILE),
        (11, Subtype.TAXONOMY_FILE),
    ]
    assert read_registry("tags: [unclosed").problems[0][0] == 1


def test_registry_names_and_alias_clashes():
    registry = read_registry(
        "tags:\n  - name: true\n  - name: 3.5\n  - name: a\n    aliases: [b]\n"
        "  - name: b\n  - name: c\n    aliases: [B]\n"
    )
    assert set(registry.terms["tags"]) == {"3.5", "a", "b", "c"}
    assert [line for line, _, _ in registry.problems] == [2, 4, 7]


def test_variants_merge_aliases_map_and_strict_mode_reports_unknown_terms():
    registry = read_registry("tags:\n  - name: labour\n    aliases: [labor]\n")
    uses = [
        Use("a", "tags", "Solidarity", 4),
        Use("b", "tags", "solidarity", 4),
        Use("c", "tags", "solidarity", 5),
        Use("c", "tags", "labor", 5),
    ]
    taxonomy, findings = build_taxonomy(registry, uses, strict=True, transliterate=False)
    solidarity = taxonomy.find("tags", "SOLIDARITY")
    assert solidarity.name == "solidarity"
    assert solidarity.docnames == ["a", "b", "c"]
    assert taxonomy.find("tags", "labor").docnames == ["c"]
    assert [(f.docname, f.line, f.subtype) for f in findings] == [
        ("a", 4, Subtype.TAXONOMY_UNKNOWN),
        ("b", 4, Subtype.TAXONOMY_UNKNOWN),
        ("c", 5, Subtype.TAXONOMY_UNKNOWN),
        ("a", 4, Subtype.TAXONOMY_VARIANT),
    ]


def test_category_parents_nest_and_cycles_are_refused():
    registry = read_registry(
        "categories:\n  - name: History\n    parent: Strikes\n  - name: Strikes\n"
        "    parent: History\n  - name: Orphan\n    parent: Nowhere\n"
    )
    uses = [Use("a", "categories", "Strikes", 3)]
    taxonomy, findings = build_taxonomy(registry, uses, strict=False, transliterate=False)
    history = taxonomy.find("categories", "History")
    assert history.parent == "strikes"
    assert taxonomy.find("categories", "Strikes").parent is None
    assert taxonomy.essays_under(taxonomy.find("categories", "Strikes")) == ["a"]
    assert [f.line for f in findings if f.subtype is Subtype.TAXONOMY_FILE] == [4, 6]


def test_ascii_keys_are_exactly_the_uca_keys():
    collator = Collator()
    samples = [chr(code) for code in range(32, 127)]
    samples += ["labour history", "C++", "a/b", "Topic 12", "x-2", "Zebra zoo", ""]
    for text in samples:
        assert uca_key(text) == tuple(collator.sort_key(text)), text
