"""The citation checks' cost: a full HTML build of essays that cite, checks on and off.

Usage: python benchmarks/citations.py [--essays 1000] [--rounds 3]
Both builds render the same citations with sphinxcontrib-bibtex; "off" switches every
presswork check off in conf.py, "on" runs them all.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from taxonomy import sphinx

from presswork.diagnostics import Subtype
from presswork.synthetic import write_collection

CHECKS = [subtype.value for subtype in Subtype if subtype.value.startswith("cite.")]
ALL_OFF = f"presswork_citation_checks = {dict.fromkeys(CHECKS, 'off')!r}"


def main() -> int:
    """Print the median full-build time with the checks on and off, and their ratio (<= 1.05)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[bool, list[float]] = {False: [], True: []}
    with tempfile.TemporaryDirectory(prefix="presswork-bench-") as tmp:
        sources = {
            checks: write_collection(
                Path(tmp) / ("on" if checks else "off"),
                args.essays,
                sources=max(2, args.essays // 5),
                conf_extra="" if checks else ALL_OFF,
            )
            for checks in (False, True)
        }
        for round_ in range(args.rounds):
            for checks in (False, True):
                out = Path(tmp) / f"out-{checks}-{round_}"
                times[checks].append(sphinx(sources[checks], out))
                shutil.rmtree(out)
    off, on = statistics.median(times[False]), statistics.median(times[True])
    print(f"{args.essays} essays citing, median of {args.rounds} full builds")
    print(f"checks off {off:.2f} s, on {on:.2f} s, ratio {on / off:.3f} (target 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
