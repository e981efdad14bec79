"""Precision and recall of the "citation needed" check on the labelled paragraphs.

Usage: python benchmarks/claims.py [--show]
Reads tests/claims/paragraphs.jsonl (the rules were developed against it) and
tests/claims/heldout.jsonl (written before the rules, never tuned to); a paragraph is flagged
when one of its sentences states a claim (none of them cites anything). Targets (issue 10):
precision 0.85, recall 0.8, on each file.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from presswork.citations.claims import strongest_claim

LABELLED = Path(__file__).parent.parent / "tests" / "claims"
SETS = ("paragraphs.jsonl", "heldout.jsonl")
PRECISION, RECALL = 0.85, 0.80


@dataclass(frozen=True)
class Score:
    """How the check does on one labelled file, and what it gets wrong."""

    name: str
    paragraphs: int
    claims: int
    precision: float
    recall: float
    wrong: list[tuple[str, str]]

    def line(self) -> str:
        """One line: the file, its size, precision and recall against their targets."""
        return (
            f"citation needed, {self.name}: {self.paragraphs} labelled paragraphs "
            f"({self.claims} claims): precision {self.precision:.2f} (target {PRECISION:.2f}), "
            f"recall {self.recall:.2f} (target {RECALL:.2f})"
        )


def score(path: Path) -> Score:
    """Judge every paragraph of a labelled file and compare with its labels."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    wrong = []
    flagged = hits = 0
    for row in rows:
        claim = strongest_claim(row["text"])
        flagged += claim is not None
        hits += claim is not None and row["claim"]
        if (claim is not None) != row["claim"]:
            why = f"{claim.reason}: {claim.sentence}" if claim else row["text"]
            wrong.append(("false alarm" if claim else "missed", why))
    claims = sum(1 for row in rows if row["claim"])
    return Score(path.name, len(rows), claims, hits / max(1, flagged), hits / max(1, claims), wrong)


def main() -> int:
    """Print precision and recall for each file; with --show, every paragraph judged wrongly."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the paragraphs judged wrongly")
    args = parser.parse_args()
    for name in SETS:
        result = score(LABELLED / name)
        print(result.line())
        if args.show:
            for kind, text in result.wrong:
                print(f"  {kind}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
