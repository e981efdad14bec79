"""The "citation needed" check: sentences judged one by one, and how well it does on labels."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx import addnodes

from presswork.citations.claims import (
    DATE,
    FACT,
    FIGURE,
    FINDING,
    RECORD,
    SAID,
    judge,
    reason_in,
    sentences,
    strongest_claim,
)
from presswork.citations.findings import Finding
from presswork.citations.prose import check_prose
from presswork.diagnostics import Subtype
from presswork.latex.transforms import note_label

LABELLED = Path(__file__).parent / "claims"


def test_sentences_are_not_split_at_abbreviations_initials_or_decimals():
    text = (
        "See p. 12 for the table. Dr. Annie Besant wrote it, e.g. in The Link. "
        "The A. B. Dick Company sold 2.5 million stencils! Was it 1887? It was."
    )
    assert [sentence for _, sentence in sentences(text)] == [
        "See p. 12 for the table.",
        "Dr. Annie Besant wrote it, e.g. in The Link.",
        "The A. B. Dick Company sold 2.5 million stencils!",
        "Was it 1887?",
        "It was.",
    ]
    assert [start for start, _ in sentences("One. Two.")] == [0, 5]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Unemployment in the region reached twenty-two per cent in the winter of 1932.", FIGURE),
        ("The mill employed 2,000 hands and paid them fivepence an hour.", FIGURE),
        ("Women made up roughly a third of the workforce.", FIGURE),
        ("The Haymarket affair of 1886 led to the execution of four anarchists.", DATE),
        ("The press was seized by the police in March 1921.", DATE),
        ("The Chartist movement collapsed after 1848.", DATE),
        ("Finally, the strike ended in 1920.", DATE),
        ("In conclusion, the union lost half its members.", FIGURE),
        ("Studies show that shift work harms the heart.", FINDING),
        ("A later inquiry found that the doors had been locked.", FINDING),
        ("Economists estimate that the lockout cost the town dearly.", SAID),
        ("Historians agree that the strike fund ran dry.", SAID),
        ("Engels claimed that the English workers had been bought off.", SAID),
        ("The strike is widely regarded as a turning point.", SAID),
        ("Wages, the union claimed, had fallen sharply.", SAID),
        ("The printers were among the first to win a shorter week.", RECORD),
        ("The court's judgment was overturned by the Lords.", FACT),
        ("Several of the strike leaders were later deported.", FACT),
        (
            "The Industrial Workers of the World (IWW) organised the textile mills.",
            "states a fact about the IWW",
        ),
    ],
)
def test_a_claim_about_the_world_is_flagged_with_what_makes_it_one(sentence, reason):
    assert judge(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "I was twenty in 1987, when I first cranked a mimeograph.",
        "My first pay packet, in 1976, held £4 and a threepenny bit.",
        "We plan to hold the first open meeting on 1 May 2026.",
        "By 2030 we hope to have 500 members in every town.",
        "If the union had raised dues by 5 per cent, it could have paid two organisers.",
        "Suppose wages rose by 3 per cent a year for twenty years.",
        "Imagine a union of 10,000 members.",
        "Had the court ruled the other way in 1901, the law would be different.",
        "A union of 500 members could, in principle, run a newspaper.",
        "The conference will meet again in 2030.",
        "Next, I turn to the strikes of 1889.",
        "This essay follows the slogan from 1848 to 1904.",
        "My grandmother, according to family legend, never crossed a picket line.",
        "“Never cross a picket line,” my grandfather said in 1926.",
        "Family stories say she ran six looms at once.",
        "Perhaps the strike of 1911 was lost before it began.",
        "Solidarity is not a feeling but a practice.",
        "Most committee meetings go wrong before they start.",
        "Photocopiers eventually pushed the duplicator aside.",
        "What did the strikers of 1888 want?",
        "Rotate the chair, and keep the minutes short.",
        "Three items are listed on every agenda.",
        "The bulletin is saved as UTF-16 or Windows-1252.",
    ],
)
def test_experience_opinion_plans_hypotheticals_and_signposts_are_not(sentence):
    assert judge(sentence) is None


def test_a_paragraph_is_judged_by_its_plainest_claim_not_its_memories():
    text = (
        "I grew up two streets from the colliery. The valley took a different road. "
        "In 1984 more than a third of the families there were in debt. I was nine."
    )
    claim = strongest_claim(text)
    assert claim is not None and claim.reason == FIGURE
    assert claim.sentence.startswith("In 1984") and text[claim.start :].startswith("In 1984")
    assert strongest_claim("I was nine in 1984. We will meet in 2026. Next, the sources.") is None


def essay(*paragraphs: nodes.Node) -> nodes.document:
    """A document holding ``paragraphs``, each at the line of its position (1, 3, 5…)."""
    document = new_document("essay.md", get_default_settings(Parser))
    for number, node in enumerate(paragraphs):
        node.line = 2 * number + 1
        document += node
    return document


def cite(key: str) -> addnodes.pending_xref:
    """A citation role, as the room's roles leave it for the resolver."""
    return addnodes.pending_xref("", nodes.Text(key), refdomain="cite", reftarget=key)


MIXED = (
    "I remember the winter of 1987 well. "
    "Unemployment in the region reached twenty-two per cent in the winter of 1932. "
    "I think that was worse."
)


def test_the_warning_quotes_the_sentence_and_names_the_reason():
    (finding,) = check_prose(essay(nodes.paragraph("", MIXED)), "essays/one")
    assert finding.subtype is Subtype.CITE_NEEDED and finding.line == 1
    assert finding.message == (
        'citation needed: "Unemployment in the region reached twenty-two per cent in…" '
        "states a figure but cites nothing"
    )
    assert (
        finding.excerpt.startswith("Unemployment in the region") and "1987" not in finding.excerpt
    )
    assert reason_in(finding.message) == FIGURE


def test_a_citation_anywhere_in_the_paragraph_or_an_exemption_sources_its_sentences():
    cited = nodes.paragraph("", "", nodes.Text(MIXED + " So the union said "), cite("raw2009"))
    by_hand = nodes.paragraph("", MIXED + " So Raw (2009) says.")
    exempt = nodes.paragraph("", MIXED)
    marker = nodes.comment("", "presswork: no-citation-check")
    plain = nodes.paragraph("", "The union lost 3,000 members in 1927.")
    findings = check_prose(essay(cited, by_hand, marker, exempt, plain), "essays/one")
    needed = [f for f in findings if f.subtype is Subtype.CITE_NEEDED]
    assert [(f.line, f.excerpt) for f in needed] == [(9, "The union lost 3,000 members in 1927.")]
    assert [f.subtype for f in findings if f not in needed] == [Subtype.CITE_BY_HAND]


def test_the_proof_margin_gives_the_same_reason_as_the_warning():
    message = (
        'citation needed: "The union lost 3,000 members in 1927." states a figure but cites nothing'
    )
    needed = Finding(Subtype.CITE_NEEDED, message, 3, docname="essays/one")
    assert note_label(needed) == (
        "citation needed: “The union lost 3,000 members in 1927.” states a figure"
    )
    long = message.replace("in 1927.", "in 1927, the worst year the branch had known.")
    shortened = note_label(Finding(Subtype.CITE_NEEDED, long, 3, docname="essays/one"))
    assert shortened == "citation needed: “The union lost 3,000 members in 1927…” states a figure"
    older = Finding(Subtype.CITE_NEEDED, "citation needed: the paragraph gives a figure", 3)
    assert note_label(older) == "citation needed"
    assert note_label(Finding(Subtype.CITE_BY_HAND, "x", 1)) == "citation typed by hand"


def precision_and_recall(name: str) -> tuple[float, float, list[str]]:
    """How the check does on one labelled file, and the paragraphs it gets wrong."""
    rows = [json.loads(line) for line in (LABELLED / name).read_text("utf-8").splitlines()]
    flagged = [strongest_claim(row["text"]) is not None for row in rows]
    hits = sum(1 for row, flag in zip(rows, flagged, strict=True) if flag and row["claim"])
    wrong = [row["text"] for row, flag in zip(rows, flagged, strict=True) if flag != row["claim"]]
    return hits / max(1, sum(flagged)), hits / sum(row["claim"] for row in rows), wrong


def test_on_the_labelled_paragraphs_precision_is_at_least_085_and_recall_080():
    precision, recall, wrong = precision_and_recall("paragraphs.jsonl")
    assert precision >= 0.85 and recall >= 0.80, (precision, recall, wrong)


def test_the_claim_patterns_compile_only_when_an_essay_is_read():
    probe = (
        "import presswork.citations.claims as claims, presswork.latex.fonts as fonts; "
        "print(claims.FIGURES._compiled is None, fonts.RUN._compiled is None); "
        "claims.strongest_claim('In 1888 the matchwomen of Bow walked out.'); "
        "print(claims.FIGURES._compiled is None)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["True", "True", "False"]  # a no-change build reads no essay: none compiled
