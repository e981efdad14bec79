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
