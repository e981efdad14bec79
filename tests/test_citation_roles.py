"""Citation roles whose keys cannot be read get a warning and are shown as typed, never a crash."""

from __future__ import annotations

import shutil

from conftest import TESTS, html, warnings_of

from presswork.citations.roles import FOOT_FORMS, FORMS, CitationRole, parse_works

UNREADABLE = (
    "---\ntitle: Unreadable keys\n---\n\nBlank {cite:p}` ` and {cite:t}`{see}`, none {cite}`,`.\n"
)


def test_keys_are_read_as_sphinxcontrib_bibtex_wrote_them():
    assert parse_works("thompson1963") == [("thompson1963", "", "")]
    assert parse_works("{see}thompson1963{p. 12}, hobsbawm1964") == [
        ("thompson1963", "see", "p. 12"),
        ("hobsbawm1964", "", ""),
    ]
    assert parse_works("") is None
    assert parse_works("   ") is None
    assert parse_works("a,,b") == [("a", "", ""), ("b", "", "")]
    assert parse_works("{see}") is None
    assert parse_works("a b") is None


def test_every_role_of_sphinxcontrib_bibtex_is_known(make_app, tmp_path):
    srcdir = tmp_path / "roles"
    shutil.copytree(TESTS / "roots" / "test-sources", srcdir)
    app = make_app("html", srcdir=srcdir)
    bibtex_roles = {
        "cite": {
            "p",
            "ps",
            "t",
            "ts",
            "ct",
            "cts",
            "author",
            "authors",
            "cauthor",
            "year",
            "yearpar",
            "text",
            "label",
            "labelpar",
            "alp",
            "alps",
            "num",
        },
        "footcite": {"p", "ps", "t", "ts"},
    }
    for domain, names in bibtex_roles.items():
        registered = app.registry.domain_roles.get(domain, {})
        assert names <= set(registered) | set(app.env.domains[domain].roles), domain
    assert set(FORMS) >= bibtex_roles["cite"] and set(FOOT_FORMS) >= bibtex_roles["footcite"]
    assert isinstance(app.env.domains["cite"].roles["p"], CitationRole)


def test_unreadable_keys_are_reported_and_shown_as_typed(make_app, tmp_path):
    srcdir = tmp_path / "roles"
    shutil.copytree(TESTS / "roots" / "test-sources", srcdir)
    (srcdir / "essays" / "keys.md").write_text(UNREADABLE, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    malformed = [w for w in warnings_of(app) if w[2] == "presswork.cite.malformed"]
    assert [(w[0], w[1]) for w in malformed] == [("essays/keys.md", 5)] * 3, malformed
    shown = [
        code.get_text()
        for code in html(app, "essays/keys").select(".presswork-unreadable-citation")
    ]
    assert shown == ["{cite:p}` `", "{cite:t}`{see}`", "{cite}`,`"]
