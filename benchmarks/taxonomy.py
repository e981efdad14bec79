"""The taxonomy's cost: full, one-essay and no-change HTML builds, with it on and off.

Usage: python benchmarks/taxonomy.py [--essays 1000]
"Off" is presswork's essays room alone (plain Sphinx + MyST + the book theme + essays);
"on" adds the taxonomy with its tag, category and archive pages and feeds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from presswork.synthetic import write_collection

SITE_URL = 'presswork_site_url = "https://example.org/bench"'


def sphinx(source: Path, out: Path) -> float:
    """One HTML build in a fresh process, incremental when ``out`` exists; wall seconds."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-Q",
            "-b",
            "html",
            "-d",
            str(out / ".doctrees"),
            str(source),
            str(out),
        ],
        check=True,
    )
    return time.perf_counter() - started


def measure(root: Path, essays: int, *, taxonomy: bool, round_: int) -> dict[str, float]:
    """Full build, rebuild after one essay's edit, and rebuild with no change."""
    source = root / "src"
    if not source.exists():
        write_collection(
            source,
            essays,
            extensions='["presswork"]' if taxonomy else '["presswork.essays"]',
            index_pages=taxonomy,
            conf_extra=SITE_URL if taxonomy else "",
        )
    out = root / f"out-{round_}"
    full = sphinx(source, out)
    essay = source / "essays" / f"essay-{essays // 2 + round_:04d}.md"
    text = essay.read_text(encoding="utf-8")
    if taxonomy:
        edited = text.replace("tags: [", f"tags: [new tag {round_}, ", 1)
    else:
        edited = text.replace("## Opening\n", "## Opening\n\nOne more sentence.\n", 1)
    essay.write_text(edited, encoding="utf-8")
    one = sphinx(source, out)
    none = sphinx(source, out)
    return {"full": full, "one essay": one, "no change": none}


def main() -> int:
    """Print medians of three interleaved rounds, and the ratios the taxonomy must meet."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    with tempfile.TemporaryDirectory(prefix="presswork-bench-") as tmp:
        for round_ in range(args.rounds):
            for taxonomy in (False, True):
                root = Path(tmp) / ("on" if taxonomy else "off")
                runs[taxonomy].append(measure(root, args.essays, taxonomy=taxonomy, round_=round_))
    print(f"{args.essays} essays, median of {args.rounds} rounds")
    print(f"{'step':<14} {'off s':>8} {'on s':>8} {'ratio':>7} {'target':>7}")
    for step, target in (("full", 1.10), ("one essay", 1.3), ("no change", 1.1)):
        off = statistics.median(run[step] for run in runs[False])
        on = statistics.median(run[step] for run in runs[True])
        print(f"{step:<14} {off:>8.2f} {on:>8.2f} {on / off:>7.2f} {target:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
