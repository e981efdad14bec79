"""Build time and page weight against collection size: both must stay flat per essay.

Usage: python benchmarks/navigation.py [--sizes 100 1000] [--theme-sidebar]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

from presswork.synthetic import write_collection

THEME_SIDEBAR = (
    'html_sidebars = {"**": ["navbar-logo.html", "icon-links.html", '
    '"search-button-field.html", "sbt-sidebar-nav.html"]}'
)


def build(source: Path, out: Path) -> float:
    """Build ``source`` to HTML in a fresh process; return the wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
        check=True,
    )
    return time.perf_counter() - started


def page_weights(out: Path) -> tuple[float, float]:
    """Mean size of an essay page and of its primary sidebar, in KB."""
    pages = sorted((out / "essays").glob("*.html"))
    sizes, sidebars = [], []
    for page in pages[:: max(1, len(pages) // 50)]:
        text = page.read_text(encoding="utf-8")
        sizes.append(len(text.encode()))
        sidebar = BeautifulSoup(text, "html.parser").select_one(".bd-sidebar-primary")
        sidebars.append(len(str(sidebar).encode()) if sidebar else 0)
    return statistics.mean(sizes) / 1024, statistics.mean(sidebars) / 1024


def main() -> int:
    """Measure each size and print per-essay time, page weight and the ratios between sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument(
        "--theme-sidebar", action="store_true", help="use the theme's full-toctree sidebar"
    )
    args = parser.parse_args()
    extra = THEME_SIDEBAR if args.theme_sidebar else ""
    rows = []
    print(f"{'essays':>7} {'build s':>9} {'ms/essay':>9} {'KB/page':>8} {'sidebar KB':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="presswork-bench-") as tmp:
            source = write_collection(Path(tmp) / "src", size, conf_extra=extra)
            seconds = build(source, Path(tmp) / "out")
            kb, sidebar_kb = page_weights(Path(tmp) / "out")
        rows.append((size, seconds, 1000 * seconds / size, kb, sidebar_kb))
        print(f"{size:>7} {seconds:>9.1f} {rows[-1][2]:>9.1f} {kb:>8.1f} {sidebar_kb:>11.1f}")
    first, last = rows[0], rows[-1]
    print(
        f"ratio {last[0]}/{first[0]} essays: time per essay x{last[2] / first[2]:.2f}, "
        f"page weight x{last[3] / first[3]:.2f}, sidebar x{last[4] / max(first[4], 1e-9):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
