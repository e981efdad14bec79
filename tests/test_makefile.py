"""`make html` builds the user guide again only when the guide or what builds it changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT

GUIDE_BUILD = "-b html docs"


def planned(builddir: Path) -> str:
    """The commands `make html` would run (make -n runs none of them)."""
    venv = Path(sys.prefix)
    return subprocess.run(
        ["make", "-n", "html", f"BUILDDIR={builddir}", f"VIRTUAL_ENV={venv}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_guide_is_built_again_only_when_it_changed(tmp_path):
    assert GUIDE_BUILD in planned(tmp_path), "a first build makes the guide"
    stamp = tmp_path / "html" / "guide" / ".presswork-guide-built"
    stamp.parent.mkdir(parents=True)
    stamp.touch()
    plan = planned(tmp_path)
    assert GUIDE_BUILD not in plan
    assert "-M html" in plan, "the collection itself is always built"
    guide_page = PROJECT / "docs" / "index.md"
    older = guide_page.stat().st_mtime - 10
    os.utime(stamp, (older, older))
    assert GUIDE_BUILD in planned(tmp_path), "a guide page newer than the guide's build"


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run make in the project with the test's Python environment."""
    return subprocess.run(
        ["make", *arguments, f"VIRTUAL_ENV={Path(sys.prefix)}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_proof_since_passes_a_stamp_whole_and_checks_it_first(tmp_path):
    plan = make("-n", "proof", f"BUILDDIR={tmp_path}", "SINCE=commit abc1234, 2026-11-25").stdout
    assert "presswork revision -- 'commit abc1234, 2026-11-25'" in plan
    assert "-D 'presswork_proof_since=commit abc1234, 2026-11-25'" in plan
    assert "presswork_proof_since" not in make("-n", "proof", f"BUILDDIR={tmp_path}").stdout


def test_make_proof_since_a_revision_git_does_not_know_stops_with_the_cause(tmp_path):
    run = make("proof", f"BUILDDIR={tmp_path}", "SINCE=no-such-revision")
    assert run.returncode != 0
    assert "presswork: cannot mark changes:" in run.stderr and "'no-such-revision'" in run.stderr
    assert not (tmp_path / "proof").exists()  # stopped before Sphinx wrote anything
