"""Precision and recall of the "citation needed" check on the labelled paragraphs.

Usage: python benchmarks/claims.py [--show]
Reads tests/claims/paragraphs.jsonl; a paragraph is flagged when the check finds a sign of a
claim in it (the paragraph cites nothing). Targets (issue 10): precision 0.85, recall 0.8.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from presswork.citations.prose import claim_signals

LABELLED = Path(__file__).parent.parent / "tests" / "claims" / "paragraphs.jsonl"


def main() -> int:
    """Print precision and recall; with --show, every paragraph the check gets wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the paragraphs judged wrongly")
    args = parser.parse_args()
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    flagged = [bool(claim_signals(row["text"])[0]) for row in rows]
    hits = sum(1 for row, flag in zip(rows, flagged, strict=True) if flag and row["claim"])
    precision = hits / max(1, sum(flagged))
    recall = hits / max(1, sum(row["claim"] for row in rows))
    print(
        f"citation needed: {len(rows)} labelled paragraphs ({sum(r['claim'] for r in rows)} "
        f"claims): precision {precision:.2f} (target 0.85), recall {recall:.2f} (target 0.80)"
    )
    if args.show:
        for row, flag in zip(rows, flagged, strict=True):
            if flag != row["claim"]:
                kind = "false alarm" if flag else "missed"
                print(f"  {kind}: {row['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
