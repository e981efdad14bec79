"""What changed between two versions of a text, word by word, and block by block."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

KEPT, INSERTED, DELETED = "=", "+", "-"
# Starts a word that stands for markup (a role): compared, never printed.
OPAQUE = "\x00"
SENTENCE_ENDS = (".", "!", "?", ".”", "!”", "?”", '."', ":", ";")
# Two blocks this alike are one block revised, not one removed and another written.
SAME_BLOCK = 0.5
# How many blocks ahead a revised block is looked for: a rewritten essay costs n, not n².
LOOK_AHEAD = 12
# How typing and typesetting differ: straight and curly quotes, hyphens and dashes.
TYPED = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


@dataclass(frozen=True)
class Run:
    """Consecutive words that were kept, inserted or deleted."""

    op: str
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        """The words a reader sees, spaced."""
        return printed(self.words)


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item, note or cell of a source, by its first line."""

    line: int
    kind: str
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        """The words a reader sees, spaced."""
        return printed(self.words)

    @property
    def key(self) -> str:
        """What two versions of the block are compared by."""
        return " ".join(comparable(word) for word in self.words)


def printed(words: Sequence[str]) -> str:
    """Words as printed: spaced, without the opaque ones."""
    return " ".join(word for word in words if not word.startswith(OPAQUE))


def comparable(word: str) -> str:
    """A word as compared: typed and typeset quotes and dashes count as the same."""
    return word.translate(TYPED).replace("---", "-").replace("--", "-")


def alike(old: Sequence[str], new: Sequence[str]) -> SequenceMatcher[str]:
    """A matcher over two word lists, compared as :func:`comparable` words."""
    return SequenceMatcher(
        None, [comparable(w) for w in old], [comparable(w) for w in new], autojunk=False
    )


def word_runs(old: Sequence[str], new: Sequence[str]) -> list[Run]:
    """The new words in order, with the old words that went where they went."""
    runs = []
    for tag, i1, i2, j1, j2 in alike(old, new).get_opcodes():
        if tag == "equal":
            runs.append(Run(KEPT, tuple(new[j1:j2])))
            continue
        if i2 > i1:
            runs.append(Run(DELETED, tuple(old[i1:i2])))
        if j2 > j1:
            runs.append(Run(INSERTED, tuple(new[j1:j2])))
    return at_sentence_ends(runs)


def at_sentence_ends(runs: list[Run]) -> list[Run]:
    """Slide a change back over the words it repeats, so that it ends with a sentence.

    "plenty. A topic invites speeches. A question" less "A topic invites speeches." reads
    as that sentence struck out, not as "topic invites speeches. A".
    """
    out = list(runs)
    for index in range(1, len(out)):
        before, run = out[index - 1], out[index]
        following = out[index + 1] if index + 1 < len(out) else None
        if run.op == KEPT or before.op != KEPT or (following and following.op != KEPT):
            continue
        shift = best_shift(before.words, run.words)
        if not shift:
            continue
        out[index - 1] = Run(KEPT, before.words[:-shift])
        out[index] = Run(run.op, before.words[-shift:] + run.words[:-shift])
        after = run.words[-shift:] + (following.words if following else ())
        if following:
            out[index + 1] = Run(KEPT, after)
        else:
            out.append(Run(KEPT, after))
    return [run for run in out if run.words]


def best_shift(before: tuple[str, ...], run: tuple[str, ...]) -> int:
    """How many words back the run can slide and end a sentence; 0 if it cannot."""
    best = 0
    for shift in range(1, min(len(before), len(run)) + 1):
        if before[-shift] != run[-shift]:
            break
        if run[-shift - 1].endswith(SENTENCE_ENDS) if shift < len(run) else False:
            best = shift
    return best


def changed(runs: Sequence[Run]) -> bool:
    """Whether any word was inserted or deleted."""
    return any(run.op != KEPT for run in runs)


def pair_blocks(
    old: Sequence[Block], new: Sequence[Block]
) -> list[tuple[Block | None, Block | None]]:
    """Old and new blocks side by side in the new order: kept, revised, removed or added."""
    pairs: list[tuple[Block | None, Block | None]] = []
    matcher = SequenceMatcher(None, [b.key for b in old], [b.key for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))  # as many as stood there
        else:
            pairs.extend(pair_revised(old[i1:i2], new[j1:j2]))
    return pairs


def resembles(old: Sequence[str], new: Sequence[str]) -> bool:
    """Whether two blocks share enough words to be one block revised (cheap bounds first)."""
    matcher = alike(old, new)
    return (
        matcher.real_quick_ratio() >= SAME_BLOCK
        and matcher.quick_ratio() >= SAME_BLOCK
        and matcher.ratio() >= SAME_BLOCK
    )


def pair_revised(
    old: Sequence[Block], new: Sequence[Block]
) -> list[tuple[Block | None, Block | None]]:
    """Within a stretch that differs, each old block with the next new one it resembles."""
    pairs: list[tuple[Block | None, Block | None]] = []
    taken = 0
    for before in old:
        match = next(
            (
                index
                for index in range(taken, min(len(new), taken + LOOK_AHEAD))
                if resembles(before.words, new[index].words)
            ),
            None,
        )
        if match is None:
            pairs.append((before, None))
            continue
        pairs.extend((None, added) for added in new[taken:match])
        pairs.append((before, new[match]))
        taken = match + 1
    pairs.extend((None, added) for added in new[taken:])
    return pairs
