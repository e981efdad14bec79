"""Which sentences state a claim about the world that needs a source, and what makes each one.

A rule-based judge, sentence by sentence. Questions, hypotheticals, imperatives and sentences in
the author's own voice (I, we, my family) are not claims, whatever numbers or years they hold;
nor are signposting, hedged opinion, plans and predictions. Of the rest, a sentence is a claim
when it reports what research or records found, what others wrote or said, states a figure,
dates an event, names an organisation by its acronym, claims a first or a record, or tells, in
the past tense, what a particular person, body or thing did. Of a paragraph's claims an editor
is shown the plainest, in that order, so a figure of speech never stands for its statistic.
Words in quotation marks are the quoted person's, not the author's, and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from presswork.citations.findings import excerpt
from presswork.lazy import LazyPattern

FINDING = "reports a finding"
SAID = "reports what others wrote or said"
FIGURE = "states a figure"
DATE = "dates an event"
NAMED = "states a fact about the"
RECORD = "claims a first or a record"
FACT = "states a fact about the past"
QUOTE_CHARS = 60


@dataclass(frozen=True)
class Claim:
    """A sentence that needs a source, why, and where it starts in its paragraph's text."""

    sentence: str
    reason: str
    start: int


def wordset(*lines: str) -> frozenset[str]:
    """The set of space-separated words in ``lines``."""
    return frozenset(" ".join(lines).split())


def words(*items: str) -> str:
    """A regular-expression alternative of space-separated words."""
    return "|".join(word.replace(" ", r"\s+") for item in items for word in item.split("|"))


# Sentences -----------------------------------------------------------------------------------
# After one of these a full stop does not end a sentence; after the numbered ones only before a
# number ("p. 12", "No. 5", "c. 1850").
NOT_ENDINGS = {
    "dr", "mr", "mrs", "ms", "messrs", "prof", "rev", "st", "mt", "jr", "sr", "gen", "capt", "lt",
    "col", "sgt", "hon", "e.g", "i.e", "cf", "viz", "vs", "al", "approx", "esp", "ibid", "op",
}  # fmt: skip
BEFORE_NUMBERS = {"p", "pp", "no", "nos", "vol", "vols", "ch", "chap", "fig", "sec", "para", "fol",
                  "l", "ll", "c", "ca", "art", "n", "nn"}  # fmt: skip
END = LazyPattern(r"[.!?…]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9À-Þ])")
LAST_WORD = LazyPattern(r"([\w.]+)\.$")


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text``, each with its offset, not split at "p. 12", "Dr." or "A. B."."""
    found: list[tuple[int, str]] = []
    start = 0
    for match in END.finditer(text):
        before = text[start : match.end()]
        word = LAST_WORD.search(before)
        if word and match.group(0).startswith("."):
            token = word.group(1).lower()
            following = text[match.end() :].lstrip()[:1]
            if (
                token in NOT_ENDINGS
                or (token in BEFORE_NUMBERS and following.isdigit())
                or (len(token) == 1 and token.isalpha() and word.group(1).isupper())
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)
            ):
                continue
        found.append((start, text[start : match.end()].strip()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        found.append((start, text[start:].strip()))
    return found


# What a sentence is not: quoted words, the author's voice, questions, hypotheticals -----------
ADDRESS = LazyPattern(r"\b(?:https?|ftp|mailto):\S+|\bwww\.\S+|\S+@\S+\.\w+")
QUOTATION = LazyPattern(r"“[^”]*”|\"[^\"]*\"|(?<!\w)‘[^’]*’(?!\w)|(?<!\w)'[^']*'(?!\w)")
PERSONAL = LazyPattern(
    r"\b(?:I|I['’](?:m|ve|d|ll))\b|\bus\b|^Mine\b|\bmine\b(?=\s*(?:[,.;:!?)]|$|is\b|was\b))"
    r"|\b(?i:me|my|myself|we|we['’](?:re|ve|d|ll)|our|ours"
    r"|ourselves|you|you['’](?:re|ve|d|ll)|your|yours|yourself|yourselves)\b"
    r"|\b(?i:family)\s+(?:legend|lore|stories|story|saying|sayings|tradition|memory|memories)\b"
    r"|\blegend has it\b",
)
OPENS_HYPOTHETICAL = LazyPattern(
    rf"^(?:{words('if|unless|suppose|supposing|imagine|picture|consider|assume|assuming|say')}"
    rf"|{words('think|take|let|let’s|compare|note|notice|remember|recall|look|try')}"
    r"|had\s+(?!been\b)\w+|were\s+(?:the|a|an|it|they|he|she)\b|should\s+(?:the|a|an|it|they)\b"
    r"|what\s+if|in\s+theory|hypothetically)\b",
    re.IGNORECASE,
)
SIGNPOST = LazyPattern(
    r"\b(?:this|the\s+present)\s+(?:essay|chapter|section|book|paper|article|part|piece|note)\b"
    r"|\b(?:the|this)\s+(?:next|following|previous|last|final|first)\s+(?:section|chapter|part"
    r"|pages|essay)\b|^the\s+(?:chapter|section|essay|book)\b|\bwhat\s+follows\b"
    r"|\bthe\s+rest\s+of\s+(?:this|the)\s+(?:essay|chapter|section|book)\b",
    re.IGNORECASE,
)
HEDGE = LazyPattern(
    rf"\b(?:{words('perhaps|probably|possibly|arguably|surely|doubtless|no doubt|presumably')}"
    rf"|{words('it seems|seems to|in a sense|in short|in the end|to put it|one way to')}"
    rf"|{words('in principle|in theory|in effect')}"
    rf"|{words('it is tempting|it would be|the question is|the lesson|the moral|the point is')})\b",
    re.IGNORECASE,
)
# "may" in lower case only: "May" is also a month.
MODAL = LazyPattern(
    r"\b(?i:would|might|will|shall|should|must|ought|can['’]t)\b|\bmay\b|\w['’](?:d|ll)\b"
)
# Clauses inside a sentence that do not carry its main statement.
SUBORDINATE = LazyPattern(
    r"\b(?:that(?!\s+(?:year|day|week|month|time|summer|winter|autumn|spring|decade|century"
    r"|morning|night|evening|era|period))|which|who|whom|whose|what|whatever|whoever|when"
    r"|whenever|where|wherever|while|whilst|because|although|though|if|unless|once|after"
    r"|before|until|till|since|than|whether|why|how)\b[^,;:—–]*",
    re.IGNORECASE,
)

# Claims ---------------------------------------------------------------------------------------
NUMBER = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
SCALE = r"(?:hundred|thousand|million|billion)"
ABOUT = words("over|more than|nearly|almost|about|around|roughly|some|at least|fewer than")
ABOUT += "|" + words("less than|under|up to|at most|approximately|an estimated|as many as")
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?:s|['’]s)?"
FIGURES = LazyPattern(
    "|".join(
        [
            rf"\d(?:[\d.,]*\d)?\s*(?:%|per\s?cent\b)|\b{NUMBER}(?:\s+{SCALE})?\s+per\s?cent\b",
            r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\.\d+\b",
            r"(?<![\d.,])(?<![A-Za-z]-)\b(?!(?:1[5-9]\d\d|20\d\d)s?\b)0*[1-9]\d+\b(?![.,/]?\w)"
            rf"(?!\s*(?:st|nd|rd|th)\b)(?!\s+{MONTH})",
            rf"\b(?:\d+|{NUMBER}|a|an|one|several|a few)\s+{SCALE}s?\b"
            rf"|\b{SCALE}s\s+of\b|\bdozens\s+of\b",
            rf"[£$€]\s?\d|\b(?:\d+|{NUMBER}|a|one)\s+(?:pounds?|shillings?|pence|dollars?"
            r"|guineas?|francs?|marks)\b|\b(?:two|three|four|five|six|seven|eight|nine|ten)pence\b"
            r"|\ba\s+penny\b",
            r"\b(?:a|one|two|three|four|five)[- ](?:third|quarter|fifth|sixth|seventh|eighth"
            r"|ninth|tenth|hundredth)s?\b|\b(?:by|than|nearly|almost|over|under|about|roughly"
            r"|some)\s+half\b|\bhalf\s+(?:of|the|its|their)\b|\bhalved\b",
            r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:[a-z]+\s+){0,2}"
            r"in\s+(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|\d+)\b",
            r"\b(?:doubled|tripled|trebled|quadrupled|(?:two|three|four|five|ten)fold"
            r"|twice\s+(?:as|the|that|over))\b|\bmajority\b|\bminority\s+of\b",
            rf"\b(?:{ABOUT})\s+(?:a\s+)?(?:{NUMBER}|{SCALE}|dozen)\b",
        ]
    ),
    re.IGNORECASE,
)
# Every kind of figure holds a digit, a currency sign or one of these words: a quick test first.
FIGURE_HINT = LazyPattern(
    rf"\d|[£$€]|\b(?:{NUMBER}|one|hundred|thousand|million|billion|half|halved|majority|minority"
    r"|penny|pence|twice|doubled|tripled|trebled|quadrupled|dozen|third|quarter|fifth|sixth"
    r"|seventh|eighth|ninth|tenth|pound|shilling|dollar|guinea|franc|marks)",
    re.IGNORECASE,
)
COUNTED = LazyPattern(
    rf"\b{NUMBER}(?:[- ][a-z]+)?[- ][a-z]+s\b|\b{NUMBER}-(?:hour|day|week|year|month)\b"
    r"|\btwice\b",
    re.IGNORECASE,
)
DATES = LazyPattern(
    rf"(?<![\d£$€.,])\b{YEAR}\b(?![.,]?\d)|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b"
    rf"|\b{MONTH}\s+\d{{1,2}}\b|\b(?:(?:fif|six|seven|eigh|nine)teenth|twentieth"
    r"|twenty-first)\s+century\b",
    re.IGNORECASE,
)
NAMED_DATE = LazyPattern(rf"\b{YEAR}\s+[A-Z][a-z]|\b[A-Z][\w'’-]+\s+of\s+{YEAR}\b")
ACRONYM = LazyPattern(
    r"\b(?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the|de|des|du)\s+)*){1,8}\(([A-Z][A-Z&]{1,7})\)"
)
RECORDS = LazyPattern(
    r"\b(?:the|its|their)\s+(?:very\s+)?(?:first|earliest|oldest|last|largest|biggest|longest"
    r"|greatest|highest|lowest|only)\b|\bamong\s+the\s+(?:first|earliest|oldest|largest)\b"
    r"|\b(?:a|the)\s+record\b|\brecord\s+(?:number|high|low|levels?)\b|\bfirst\s+(?:to|of)\b",
    re.IGNORECASE,
)
EVIDENCE = (
    r"studies|study|research|surveys?|trials?|evidence|data|statistics|figures|census|records"
    r"|reports?|accounts|inquiry|inquest|commission|review|analysis|meta-analysis|investigation"
    r"|inspectorate|experiments?|polls?|court|judgment|judgement|tribunal|ruling|researchers"
)
FOUND = (
    r"show|shows|showed|shown|suggest|suggests|suggested|indicate|indicates|indicated|found|find"
    r"|finds|confirm|confirms|confirmed|reveal|reveals|revealed|records|recorded|lists|listed"
    r"|counted|concluded|concludes|describe|describes|described|linked|links|put|puts|estimate"
    r"|estimates|estimated|demonstrate|demonstrates|demonstrated|ruled|held|documented|point\s+to"
)
AUXILIARIES = r"(?:(?:have|has|had|later|now|also|consistently|repeatedly|long|since|all)\s+)*"
FINDINGS = LazyPattern(
    rf"\b(?P<owner>\w+['’]?\s+)?(?:own\s+)?(?:{EVIDENCE})\b(?:\s+[\w'’.,-]+){{0,7}}?\s+"
    rf"{AUXILIARIES}(?:{FOUND})\b"
    r"|\bthere\s+is\s+(?:good\s+|strong\s+|some\s+|growing\s+|clear\s+)?evidence\b"
    r"|\bit\s+(?:is|was|has\s+been)\s+(?:well\s+)?(?:documented|established|recorded)\b",
    re.IGNORECASE,
)
ACTORS = (
    r"economists|historians|scholars|critics|researchers|scientists|physicists|biologists"
    r"|chemists|doctors|physicians|experts|analysts|observers|commentators|contemporaries"
    r"|witnesses|eyewitnesses|journalists|newspapers|reporters|officials|ministers|government"
    r"|union|unions|company|employers|owners|management|police|authorities|press|sociologists"
    r"|psychologists|neuroscientists|epidemiologists|demographers|statisticians|biographers"
    r"|theorists|philosophers|writers|authors|contemporary\s+accounts|eyewitness\s+accounts"
)
SAYING = (
    r"said|say|says|argued|argue|argues|claimed|claim|claims|noted|note|observed|insisted"
    r"|warned|warn|warns|reported|report|reports|estimated|estimate|estimates|agreed|agree|agrees"
    r"|believed|believe|believes|maintained|maintain|contended|contend|concluded|conclude|stated"
    r"|declared|recalled|remarked|complained|blamed|blame|described|describe|describes|suggested"
    r"|suggest|suggests|pointed\s+out|point\s+out|told|accept|accepts|accepted|doubt|doubted"
    r"|dispute|disputed|date|dated|trace|traced|regard|regarded|consider|considered|thought"
    r"|think|hold|denounced|praised|mocked|predicted|admitted|denied|alleged|asserted|explained"
    r"|called|wrote\s+(?=that\b|of\b|about\b|to\b|[:,])|write\s+(?=that\b|of\b|about\b)"
    r"|writes\s+(?=that\b|of\b|about\b)|proposed|objected|protested"
)
# Capitalised words that begin sentences but name no one.
NOT_NAMES = (
    r"(?:The|A|An|This|That|These|Those|It|Its|There|Their|They|He|She|His|Her|In|On|At|By|For"
    r"|But|And|So|Yet|When|While|If|As|Then|Later|Some|Many|Most|Each|Every|No|All|Both|Such)"
)
SAYINGS = LazyPattern(
    rf"\b(?i:{ACTORS})\b(?:\s+(?!(?:and|or|but|nor)\b)[\w'’.-]+){{0,6}}?\s+{AUXILIARIES}"
    rf"(?i:{SAYING})"
    rf"|\b(?!{NOT_NAMES}\b)(?:[A-Z][\w'’-]+\s+(?:(?:[A-Z][\w'’.-]*|and|&|de|von|van)\s+)*)"
    rf"(?:had\s+|has\s+|later\s+|once\s+|famously\s+|also\s+|himself\s+|herself\s+)?(?:{SAYING})"
    r"|\b(?i:according\s+to)\b"
    r"|\b(?i:(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:widely\s+|often\s+"
    r"|generally\s+|commonly\s+|usually\s+|long\s+|sometimes\s+)?(?:said|reported|thought"
    r"|believed|regarded|considered|described|credited|alleged|claimed|estimated|known"
    r"|acknowledged|accepted)\s+(?:to|as|that|by|with)\b)"
    r"|\b(?i:it\s+(?:is|was|has\s+been)\s+(?:widely\s+|generally\s+|often\s+|commonly\s+)?"
    r"(?:known|reported|said|claimed|estimated|agreed|accepted|believed|thought|argued))\b"
    r"|\b(?i:widely\s+(?:regarded|reported|believed|held|thought|seen|accepted|known))\b"
)
FUNCTION_WORDS = wordset(
    "the a an this that these those it its they their there he his she her some many most "
    "each every any all both few several such no nor not but and or so yet for of in on at by "
    "to from with within without during after before since until over under between among "
    "against meanwhile later then soon still once today now thus hence also even only however "
    "moreover never always someone somebody anyone nobody everyone everybody none whoever "
    "here"
)

# Verbs, to tell a report of what happened from a description of how things are.
PAST = wordset(
    "arose awoke bore beat began bent bit bled blew broke bred brought built burnt bought "
    "caught chose clung came crept dealt dug drew dreamt drank drove ate fell fed fought "
    "found fled flung flew forbade forgot forgave froze got gave went ground grew hung heard "
    "hid held knelt laid led leant leapt learnt left lent lay lit lost made met paid rode "
    "rang rose ran said saw sought sold sent shook shone shot showed shrank sang sank sat "
    "slept slid slung spoke sped spent spilt spun spat sprang stood stole stuck stung stank "
    "struck strove swore swept swam swung took taught tore told threw trod understood "
    "undertook woke wore wove wept won wound wrote withdrew overthrew overtook withheld "
    "befell"
)
PARTICIPLES = wordset(
    "born borne done given known made taken shown seen written broken chosen driven drawn "
    "thrown grown held found won lost built sent caught brought taught fought sold told paid "
    "led left kept met set put cut run begun spoken stolen struck sworn torn worn beaten "
    "bitten eaten fallen forgotten forgiven frozen hidden ridden risen shaken sung sunk spun "
    "hung laid bound ground understood overthrown withdrawn undertaken read spread shut hit "
    "let bought thought sought felt heard meant spent lent dealt fled fed bred shed lit dug "
    "stuck swung shot sat stood"
)
STATIVE = wordset(
    "was were had became become seemed remained meant needed looked felt knew wanted liked "
    "loved hated did could would might should must may will shall can used wished hoped "
    "preferred belonged mattered lay stood"
)
NOT_VERBS = wordset(
    "need feed seed speed bleed breed creed deed greed heed weed reed steed shed bed red wed "
    "hundred sacred naked wicked kindred rugged ragged crooked beloved aged skilled unskilled "
    "indeed exceed proceed succeed"
)
BE_OR_HAVE = wordset("was were been had has have is are being")
PRESENT_BE = wordset("is are am be being")
BETWEEN = wordset(
    "later soon first then also never often eventually largely mostly widely still already "
    "only quickly finally long not formally officially"
)
DETERMINERS = wordset("the a an its their his her this that these those every each no")
LEADING = wordset(
    "in on at by within during after before over under from for since until between "
    "throughout across around towards despite following"
)
PREPOSITIONS = wordset("of in at from on for among")
# Adjectives of nation and language ("English versions", "Irish families") name no one.
DEMONYM = LazyPattern(r"(?:ish|ese|ian|an|ch|sh|ic)$")
WORD = LazyPattern(r"[A-Za-zÀ-ÿ][\w'’-]*")


def judge(sentence: str) -> str | None:
    """What makes ``sentence`` a claim that needs a source, or None when it needs none."""
    text = ADDRESS.sub(" ", QUOTATION.sub(" … ", sentence)).strip()
    if text.endswith("?") or OPENS_HYPOTHETICAL.match(text):
        return None
    found = FINDINGS.search(text)
    owned = found and re.match(r"(?i)(?:my|our|your)\b", found.group("owner") or "")
    if found and not owned:
        return FINDING
    if PERSONAL.search(text):
        return None
    if SAYINGS.search(text):
        return SAID
    main = main_clause(text)
    if SIGNPOST.search(text) or HEDGE.search(text) or MODAL.search(main):
        return None
    numeric = FIGURE_HINT.search(text) is not None  # quick tests before the long patterns
    if numeric and FIGURES.search(text):
        return FIGURE
    past = in_past(text)
    dated = numeric or "century" in text.lower()
    if dated and DATES.search(text) and (past or NAMED_DATE.search(text)):
        return DATE
    acronym = ACRONYM.search(text) if "(" in text else None
    if acronym:
        return f"{NAMED} {acronym.group(1)}"
    if past and RECORDS.search(text):
        return RECORD
    if past and numeric and COUNTED.search(text):
        return FIGURE
    if reports_event(main):
        return FACT
    return None


def strongest_claim(text: str) -> Claim | None:
    """The sentence of a paragraph's ``text`` that most plainly needs a source, if any does."""
    claims = [
        Claim(sentence, reason, start)
        for start, sentence in sentences(text)
        if (reason := judge(sentence))
    ]
    return min(claims, key=lambda claim: strength(claim.reason), default=None)


def strength(reason: str) -> int:
    """How plainly a reason makes a claim: 0 is plainest."""
    order = (FINDING, SAID, FIGURE, DATE, NAMED, RECORD, FACT)
    return order.index(NAMED if reason.startswith(NAMED) else reason)


def main_clause(text: str) -> str:
    """``text`` without its relative and subordinate clauses."""
    return " ".join(SUBORDINATE.sub(" ", text).split())


def verbs(text: str) -> list[tuple[int, str, str]]:
    """Each word of ``text`` that may be a finite verb: its position, the word and the next."""
    tokens = [token.lower() for token in WORD.findall(text)]
    found = []
    for position, token in enumerate(tokens):
        before = tokens[position - 1] if position else ""
        after = tokens[position + 1] if position + 1 < len(tokens) else ""
        if before in BETWEEN and position > 1:
            before = tokens[position - 2]
        regular = (
            token.endswith("ed")
            and token not in NOT_VERBS
            and before not in DETERMINERS
            and before not in PRESENT_BE
        )
        if token in PAST or token in STATIVE or token in BE_OR_HAVE or (regular and position):
            found.append((position, token, after))
    return found


def in_past(text: str) -> bool:
    """Whether ``text`` tells of something done: a past tense, a passive or a perfect."""
    return any(
        token in PAST
        or token in {"was", "were", "had"}
        or (token.endswith("ed") and token not in STATIVE)
        or (token in {"has", "have"} and participle(after))
        for _, token, after in verbs(text)
    )


def participle(token: str) -> bool:
    """Whether ``token`` may be a past participle."""
    return token in PARTICIPLES or (token.endswith("ed") and token not in NOT_VERBS)


def reports_event(main: str) -> bool:
    """Whether a main clause tells, in the past, what a particular person, body or thing did."""
    found = verbs(main)
    if not found:
        return False
    position, token, _after = found[0]
    matches = list(WORD.finditer(main))
    tokens = [match.group(0) for match in matches]
    if token in BE_OR_HAVE:
        rest = [t.lower() for t in tokens[position + 1 : position + 4] if t.lower() not in BETWEEN]
        if token in {"is", "are", "being"} or not (rest and participle(rest[0])):
            return False
    elif token in STATIVE or not (token in PAST or token.endswith("ed")):
        return False
    head = main[: matches[position].start()]
    return particular(head) or any(proper(tokens, index) for index in range(1, len(tokens)))


def particular(head: str) -> bool:
    """Whether the words before a verb name a particular thing or time, not a kind of thing."""
    subject = WORD.findall(head)
    lowered = [token.lower() for token in subject]
    if not lowered or lowered[:2] in (["the", "best"], ["the", "worst"], ["the", "most"]):
        return False
    if lowered[0] in LEADING:
        return bool(re.search(rf"\b(?:the|that|this|those|these)\b|\d|\b{MONTH}\b", head, re.I))
    named = len(subject) > 1 and proper(subject, 0) and proper(subject, 1)
    possessive = any(token.endswith(("'s", "’s", "s'", "s’")) for token in subject)
    of_the = any(
        word in PREPOSITIONS and following in {"the", "its", "their"}
        for word, following in pairwise(lowered)
    )
    definite = lowered[0] in {"the", "this", "these", "those", "its", "their", "his", "her"}
    return named or possessive or of_the or definite


def proper(tokens: list[str], index: int) -> bool:
    """Whether ``tokens[index]`` may be a name: capitalised, not a function word, not "English"."""
    token = tokens[index]
    if not token[:1].isupper() or token.lower() in FUNCTION_WORDS:
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return not (DEMONYM.search(token) and following[:1].islower())


def needed_message(claim: Claim) -> str:
    """The warning for a paragraph whose ``claim`` cites nothing."""
    return f"citation needed: {quoted(claim.sentence)} {claim.reason} but cites nothing"


NEEDED = LazyPattern(r'^citation needed: "(?P<quote>.*)" (?P<reason>.+) but cites nothing$')
MARGIN_QUOTE_CHARS = 40


def reason_in(message: str) -> str | None:
    """The reason a "citation needed" message gives, for a proof's margin note."""
    match = NEEDED.match(message)
    return match.group("reason") if match else None


def quote_in(message: str) -> str | None:
    """The sentence a "citation needed" message quotes, shortened for a margin note."""
    match = NEEDED.match(message)
    if not match:
        return None
    quote = match.group("quote")
    if len(quote) > MARGIN_QUOTE_CHARS:
        quote = quote[:MARGIN_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"
    return f"“{quote}”"


def quoted(sentence: str) -> str:
    """A sentence in quotation marks, shortened at a word to about ``QUOTE_CHARS``."""
    flat = excerpt(sentence, limit=10_000)
    if len(flat) > QUOTE_CHARS:
        flat = flat[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"
    return f'"{excerpt(flat, limit=QUOTE_CHARS + 1)}"'
