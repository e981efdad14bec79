"""Citation roles whose keys cannot be read get a warning and are shown as typed, never a crash."""

from __future__ import annotations

import shutil

from conftest import TESTS, html, warnings_of
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain

from presswork.citations.roles import CheckedCitation, readable_keys

UNREADABLE = (
    "---\ntitle: Unreadable keys\n---\n\nBlank {cite:p}` ` and {cite:t}`{see}`, none {cite}`,`.\n"
)


def test_keys_are_read_as_sphinxcontrib_bibtex_reads_them():
    assert readable_keys("thompson1963")
    assert readable_keys("{see}thompson1963{p. 12}, hobsbawm1964")
    assert not readable_keys("")
    assert not readable_keys("   ")
    assert not readable_keys("a,,b")


def test_every_bibtex_role_is_checked(make_app, tmp_path):
    srcdir = tmp_path / "roles"
    shutil.copytree(TESTS / "roots" / "test-sources", srcdir)
    app = make_app("html", srcdir=srcdir)
    for domain in (BibtexDomain, BibtexFootDomain):
        registered = app.registry.domain_roles.get(domain.name, {})
        assert set(domain.roles) <= set(registered), domain.name
        assert all(isinstance(registered[name], CheckedCitation) for name in domain.roles)


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
