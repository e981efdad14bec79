"""What citations cost: essays that cite against the same essays without, and the checks' share.

Usage: python benchmarks/citations.py [--essays 1000] [--rounds 3] [--sources 300]
Part 1 (issue 10): every essay cites 3 works of one shared .bib; the same essays without their
citation roles are the baseline. Full build, rebuild after editing one essay, rebuild with no
change, and the full build's peak memory; medians of interleaved rounds, each build in a fresh
process. Part 2 (issue 4): the full build with every presswork check off and on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from presswork.diagnostics import Subtype
from presswork.synthetic import write_collection

CHECKS = [subtype.value for subtype in Subtype if subtype.value.startswith("cite.")]
ALL_OFF = f"presswork_citation_checks = {dict.fromkeys(CHECKS, 'off')!r}"
TARGETS = {"full": 1.10, "one essay": 1.2, "no change": 1.1, "peak memory": 1.2}


def sphinx(source: Path, out: Path) -> tuple[float, float]:
    """One HTML build in a fresh process: wall seconds and peak resident memory in MB."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "sphinx", "-Q", "-b", "html", "-d", str(out / ".doctrees")]
    process = subprocess.Popen([*command, str(source), str(out)])
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sphinx-build failed on {source}")
    return seconds, usage.ru_maxrss / 1024


def measure(source: Path, out: Path, essay: Path) -> dict[str, float]:
    """Full build, rebuild after editing one essay, rebuild with no change; peak memory."""
    full, memory = sphinx(source, out)
    text = essay.read_text(encoding="utf-8")
    essay.write_text(text.replace("## Opening\n", "## Opening\n\nOne more sentence.\n", 1))
    one, _memory = sphinx(source, out)
    none, _memory = sphinx(source, out)
    essay.write_text(text, encoding="utf-8")
    shutil.rmtree(out)
    return {"full": full, "one essay": one, "no change": none, "peak memory": memory}


def citation_cost(tmp: Path, essays: int, sources: int, rounds: int) -> None:
    """Part 1: citing essays against the same essays without citations."""
    roots = {
        roles: write_collection(
            tmp / ("citing" if roles else "plain"), essays, sources=sources, cites=3, roles=roles
        )
        for roles in (False, True)
    }
    runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    for round_ in range(rounds):
        for roles, root in roots.items():
            essay = root / "essays" / f"essay-{essays // 2 + round_:04d}.md"
            runs[roles].append(measure(root, tmp / f"out-{roles}-{round_}", essay))
    print(f"{essays} essays, each citing 3 of {sources} works, median of {rounds} rounds")
    print(f"{'step':<14} {'without':>9} {'citing':>9} {'ratio':>7} {'target':>7}")
    for step, target in TARGETS.items():
        plain = statistics.median(run[step] for run in runs[False])
        citing = statistics.median(run[step] for run in runs[True])
        unit = "MB" if step == "peak memory" else "s"
        print(
            f"{step:<14} {plain:>7.1f}{unit:>2} {citing:>7.1f}{unit:>2} "
            f"{citing / plain:>7.2f} {target:>7.2f}"
        )


def checks_cost(tmp: Path, essays: int, rounds: int) -> None:
    """Part 2: the full build with every check off and on."""
    roots = {
        checks: write_collection(
            tmp / ("checks-on" if checks else "checks-off"),
            essays,
            sources=max(2, essays // 5),
            conf_extra="" if checks else ALL_OFF,
        )
        for checks in (False, True)
    }
    times: dict[bool, list[float]] = {False: [], True: []}
    for round_ in range(rounds):
        for checks, root in roots.items():
            out = tmp / f"checks-{checks}-{round_}"
            times[checks].append(sphinx(root, out)[0])
            shutil.rmtree(out)
    off, on = statistics.median(times[False]), statistics.median(times[True])
    print(f"checks off {off:.2f} s, on {on:.2f} s, ratio {on / off:.3f} (target 1.05)")


def main() -> int:
    """Print both parts' medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-checks", action="store_true", help="only part 1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="presswork-bench-") as tmp:
        citation_cost(Path(tmp), args.essays, args.sources, args.rounds)
        if not args.skip_checks:
            checks_cost(Path(tmp), args.essays, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
