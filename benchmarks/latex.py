"""The cost of print: presswork's book and every offprint, against plain Sphinx's book alone.

Usage: python benchmarks/latex.py [--essays 200]
Plain Sphinx: MyST essays in a glob toctree, `sphinx-build -M latexpdf` with XeLaTeX.
presswork: `make latexpdf` as the Makefile runs it (LaTeX from Sphinx, then `presswork pdf`).
Both are timed for a full build and for the rebuild after one essay is edited.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from presswork.synthetic import write_collection

PLAIN_CONF = """
project = "Synthetic collection"
extensions = ["myst_parser"]
exclude_patterns = ["_build"]
latex_engine = "xelatex"
"""
PLAIN_INDEX = "# Synthetic collection\n\n```{toctree}\n:glob:\n\nessays/*\n```\n"


def run(*command: str, cwd: Path) -> float:
    """Run a command quietly; its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def plain(source: Path) -> float:
    """Plain Sphinx's latexpdf of the book."""
    return run(sys.executable, "-m", "sphinx", "-M", "latexpdf", ".", "_build", "-Q", cwd=source)


def presswork(source: Path) -> float:
    """presswork's latexpdf: the book and one offprint per essay."""
    sphinx = run(sys.executable, "-m", "sphinx", "-M", "latex", ".", "_build", "-Q", cwd=source)
    pdf = run(sys.executable, "-m", "presswork.cli", "pdf", "_build/latex", cwd=source)
    return sphinx + pdf


def edit(source: Path, essays: int) -> None:
    """Change one sentence of one essay."""
    essay = source / "essays" / f"essay-{essays // 2:04d}.md"
    text = essay.read_text(encoding="utf-8")
    essay.write_text(text.replace("## Opening\n", "## Opening\n\nOne more sentence.\n", 1), "utf-8")


def main() -> int:
    """Print both builds, full and after one edit, and their ratios (target 1.5)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="presswork-bench-") as tmp:
        ours = write_collection(Path(tmp) / "presswork", args.essays)
        theirs = write_collection(Path(tmp) / "plain", args.essays)
        (theirs / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
        (theirs / "index.md").write_text(PLAIN_INDEX, encoding="utf-8")
        full = (plain(theirs), presswork(ours))
        edit(theirs, args.essays)
        edit(ours, args.essays)
        again = (plain(theirs), presswork(ours))
        offprints = len(list((ours / "_build" / "latex" / "essays").glob("*.pdf")))
    print(f"{args.essays} essays; presswork wrote the book and {offprints} offprints")
    print(f"{'step':<12} {'plain s':>8} {'presswork s':>12} {'ratio':>7} {'target':>7}")
    for step, (base, ours_time) in (("full", full), ("one edit", again)):
        print(f"{step:<12} {base:>8.1f} {ours_time:>12.1f} {ours_time / base:>7.2f} {1.5:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
