"""The narration score: a candidate's notes against the rubric, every point explained.

The notes are Markdown. They are read with markdown-it into sentences, each
marked as prose (paragraphs and list items, inline code included), heading or
code (fenced and indented blocks). Complexity claims are read from all three
(see :mod:`server.scoring.claims`); the rubric is judged on prose only, so a
heading or a code block alone earns nothing.

The rubric is five generic items and the problem's own points:

* ``approach`` (2): at least ``APPROACH_MIN_WORDS`` words (of two letters or
  more) of prose outside the sections about complexity, edge cases and trade-offs.
* ``time-complexity`` (2): a time complexity is stated; checked against the
  measured class: honest earns 2, an underclaim 1, an overclaim 0 and
  ``OVERCLAIM_PENALTY`` points off the score.
* ``space-complexity`` (1): a space complexity is stated (never measured).
* ``edge-cases`` (2): specific edge cases named: 1 for one kind, 2 for two or more.
* ``trade-offs`` (1): a trade-off, alternative or improvement is discussed.
* each problem point: its full weight when one of its phrases appears, up to
  case, whitespace, hyphen versus space, space around punctuation and a simple
  plural.

``score = 100 * earned / total weight - penalty``, clamped to 0..100 and
rounded to one decimal.
"""

import dataclasses
import re

from markdown_it import MarkdownIt

from server.problems.schema import NarrationPoint
from server.scoring.claims import Claim, Growth, class_growth, find_claims, space_claim, time_claim

OVERCLAIM_PENALTY = 15.0
APPROACH_MIN_WORDS = 12
EXCERPT_CHARS = 160
NO_NOTES = "No notes were written."

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_GENERIC = {
    "approach": ("Approach", 2.0),
    "time-complexity": ("Time complexity", 2.0),
    "space-complexity": ("Space complexity", 1.0),
    "edge-cases": ("Edge cases", 2.0),
    "trade-offs": ("Trade-offs", 1.0),
}


@dataclasses.dataclass(frozen=True)
class RubricItem:
    """One rubric line: what was looked for, what it earned and why.

    Attributes:
        id: ``approach``, ``time-complexity``, ... or the problem point's id.
        label: A short name, or the problem point's description.
        weight: The most it can earn.
        earned: What it earned, 0..weight.
        found: Whether the notes showed it.
        evidence: The excerpt of the notes that showed it, or "".
        reason: Why the points were given or withheld.
    """

    id: str
    label: str
    weight: float
    earned: float
    found: bool
    evidence: str
    reason: str


@dataclasses.dataclass(frozen=True)
class NarrationReport:
    """The notes' score and everything behind it.

    Attributes:
        score: 0..100.
        items: The generic items, then the problem's points.
        claimed_time: The claimed time class as a total (a per-call claim times n
            on class problems), e.g. ``O(n)``; None when none is stated.
        claimed_space: The claimed space class, e.g. ``O(n)`` for ``O(window)``;
            a growth beyond the classes keeps its own spelling (``O(n^4)``).
        claim: ``honest``, ``overclaim``, ``underclaim``, ``unstated`` (no time claim, measured
            or not) or ``unmeasured`` (a claim, but no measurement to check it against).
        penalty: Points taken off the score for an overclaim.
        reasons: The summary: one sentence per item, then the score.
    """

    score: float
    items: tuple[RubricItem, ...]
    claimed_time: str | None
    claimed_space: str | None
    claim: str
    penalty: float
    reasons: tuple[str, ...]

    def as_json(self) -> dict:
        """The report as plain JSON data."""
        return {
            "score": self.score, "claim": self.claim, "claimed_time": self.claimed_time,
            "claimed_space": self.claimed_space, "penalty": self.penalty,
            "items": [dataclasses.asdict(item) for item in self.items], "reasons": list(self.reasons),
        }


@dataclasses.dataclass(frozen=True)
class _Sentence:
    text: str
    kind: str  # "prose", "heading" or "code"
    heading: str  # the nearest heading above, "" before any

    @property
    def canonical(self) -> str:
        return _canonical(self.text)


@dataclasses.dataclass(frozen=True)
class _TimeCheck:
    item: RubricItem
    claim: str
    penalty: float
    claimed: Growth | None


def analyse_notes(notes: str, points: tuple[NarrationPoint, ...], *, target: str,
                  measured: str | None, per_call: bool = False) -> NarrationReport:
    """Score a candidate's notes against the rubric and check their complexity claim.

    Args:
        notes: The notes, Markdown; may be empty.
        points: The problem's rubric points.
        target: The problem's complexity target, one of ``COMPLEXITY_CLASSES``.
        measured: The submission's measured time class, or None when it was not measured.
        per_call: Whether n counts method calls (class problems), so that a claim
            stated per call is multiplied by n before it is compared.

    Returns:
        The report; every item says why it earned what it earned.

    Raises:
        ValueError: ``target`` or ``measured`` is not one of ``COMPLEXITY_CLASSES``.
    """
    class_growth(target)
    measured_growth = None if measured is None else class_growth(measured)
    sentences = _sentences(notes)
    if not sentences:
        return _unwritten(points)
    claims = [claim for sentence in sentences for claim in find_claims(sentence.text, sentence.heading)]
    check = _check_time(time_claim(claims), measured_growth, target, per_call)
    space = space_claim(claims)
    prose = [sentence for sentence in sentences if sentence.kind == "prose"]
    items = (_approach(prose), check.item, _space(space), _edge_cases(prose), _trade_offs(prose),
             *(_point(point, prose) for point in points))
    return _report(items, check, space.growth.label if space else None)


# Reading the Markdown -------------------------------------------------------------------------------------------

# A sentence ends at . ! ? before a capital, or at a line break unless the next line goes on in lower case.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`*_(\"'])|\n(?![ \t]*[a-z])")


def _sentences(notes: str) -> list[_Sentence]:
    sentences, heading = [], ""
    tokens = _MARKDOWN.parse(notes)
    for index, token in enumerate(tokens):
        if token.type == "inline":  # always inside a block, so never the first token
            text = _inline_text(token)
            kind = "heading" if tokens[index - 1].type == "heading_open" else "prose"
            heading = text if kind == "heading" else heading
        elif token.type in ("fence", "code_block"):
            text, kind = token.content, "code"
        else:
            continue
        parts = text.splitlines() if kind == "code" else _SENTENCE_BREAK.split(text)
        sentences += [_Sentence(" ".join(part.split()), kind, heading) for part in parts if part.strip()]
    return sentences


def _inline_text(token) -> str:
    breaks = ("softbreak", "hardbreak")
    return "".join("\n" if child.type in breaks else child.content for child in token.children
                   if child.type in (*breaks, "text", "code_inline", "image"))


def _canonical(text: str) -> str:
    """Lower case, hyphens as spaces, single spaces, none around punctuation: ``O(1) per-call`` -> ``o(1)per call``."""
    text = re.sub(r"\s+", " ", re.sub(r"[-‐‑–—]", " ", text.lower()))
    return re.sub(r" ?([^\w\s]) ?", r"\1", text).strip()


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1].rstrip() + "…"


# The generic items ----------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more, so "O(n log n)" counts as one word ("log")
_APPROACH_HEADING = re.compile(r"approach|idea|algorithm|solution|method|design|overview|summary|intuition|how",
                               re.IGNORECASE)
_OTHER_HEADING = re.compile(r"complexit|\btime\b|\bspace\b|\bmemory\b|big.?o\b|runtime|performance|edge|corner"
                            r"|special case|invalid|error|trade|alternative|improve|optimi|limitation|future",
                            re.IGNORECASE)
_TRADE_OFF_HEADING = re.compile(r"trade|alternative|improve|optimi|limitation|future|discussion", re.IGNORECASE)
_TRADE_OFF = re.compile(
    r"\btrade ?offs?\b|\balternative|\binstead\b|\brather than\b|\bat the cost of\b|\bin exchange\b|\bversus\b"
    r"|\bvs\b|\b(?:could|would|might) (?:also )?(?:use|be|have|avoid|switch|keep|store|need|cost|make|give|require"
    r"|work)\b|\bimprov|\boptimi[sz]|\bdrawbacks?\b|\bdownsides?\b|\bon the other hand\b|\bcheaper\b|\bsimpler\b"
    r"|\bslower\b|\bfaster\b")
_EDGE_CASES = tuple((name, re.compile(pattern)) for name, pattern in (
    ("empty input", r"\bempty\b|\bno (?:values|elements|items|lines|input|data)\b"),
    ("zero", r"\bzero(?:e?s)?\b|\bzerodivision"),
    ("negative values", r"\bnegative\b"),
    ("duplicates", r"\bduplicat|\brepeated\b"),
    ("ties", r"\bties\b|\btied?\b"),
    ("overflow or underflow", r"\boverflow|\bunderflow"),
    ("a window larger than the input", r"\bwindow (?:is )?(?:larger|bigger|longer|greater|more) than\b"
                                       r"|\bfewer (?:values|elements|items|points) than\b|\bnot (?:yet )?full\b"
                                       r"|\bpartial window\b|\bshorter than the window\b"),
    ("invalid arguments", r"\binvalid\b|\b\w+error\b|\braises?\b|\bmismatch|\bdifferent lengths?\b|\bmalformed\b"
                          r"|\breject"),
    ("a single element", r"\bsingle (?:element|value|item|line|point)\b|\bone element\b|\bn=1\b|\blength 1\b"),
    ("NaN or infinity", r"\bnan\b|\binf(?:inity|inite)?\b|\bnon finite\b|\bisfinite\b"),
    ("very large or very small values", r"\b(?:very|extremely) (?:large|small|big|long|short)\b|\bhuge\b|\btiny\b"),
    ("constant input", r"\bconstant (?:window|input|values|array|list)\b|\ball (?:the )?(?:same|equal|identical)\b"
                       r"|\bidentical values\b"),
))


def _generic(item_id: str, fraction: float, evidence: str, reason: str) -> RubricItem:
    label, weight = _GENERIC[item_id]
    return RubricItem(item_id, label, weight, weight * fraction, bool(evidence), _excerpt(evidence), reason)


def _approach(prose: list[_Sentence]) -> RubricItem:
    explained = [sentence.text for sentence in prose if _is_approach_section(sentence.heading)]
    words = sum(len(_WORD.findall(text)) for text in explained)
    if words >= APPROACH_MIN_WORDS:
        return _generic("approach", 1.0, explained[0], f"The approach is explained in {words} words of prose.")
    if words:
        return _generic("approach", 0.0, "", f"Only {words} words of prose explain the approach; at least "
                                             f"{APPROACH_MIN_WORDS} are needed (headings and code do not count).")
    return _generic("approach", 0.0, "", "No prose explains the approach (headings and code do not count).")


def _is_approach_section(heading: str) -> bool:
    return bool(_APPROACH_HEADING.search(heading)) or not _OTHER_HEADING.search(heading)


def _space(claim: Claim | None) -> RubricItem:
    if claim is None:
        return _generic("space-complexity", 0.0, "", "No space (memory) complexity is stated.")
    reason = f"States space {claim.growth.label}{_as_written(claim)} (not measured)."
    return _generic("space-complexity", 1.0, claim.sentence, reason)


def _edge_cases(prose: list[_Sentence]) -> RubricItem:
    named = {}
    for sentence in prose:
        for name, pattern in _EDGE_CASES:
            if name not in named and pattern.search(sentence.canonical):
                named[name] = sentence.text
    evidence = " … ".join(dict.fromkeys(named.values()))
    if len(named) >= 2:
        return _generic("edge-cases", 1.0, evidence, f"Names {len(named)} distinct edge cases: {', '.join(named)}.")
    if named:
        return _generic("edge-cases", 0.5, evidence, f"Names one edge case ({next(iter(named))}): half credit; "
                                                     "two or more distinct ones earn full credit.")
    return _generic("edge-cases", 0.0, "", "Names no specific edge case (such as empty input, zero, negative "
                                           "values, duplicates or invalid arguments).")


def _trade_offs(prose: list[_Sentence]) -> RubricItem:
    for sentence in prose:
        if _TRADE_OFF.search(sentence.canonical) or _TRADE_OFF_HEADING.search(sentence.heading):
            return _generic("trade-offs", 1.0, sentence.text, "Discusses a trade-off, alternative or improvement.")
    return _generic("trade-offs", 0.0, "", "Discusses no trade-off, alternative or improvement.")


# The time claim against the measurement -------------------------------------------------------------------------

def _check_time(claim: Claim | None, measured: Growth | None, target: str, per_call: bool) -> _TimeCheck:
    if claim is None:
        was = "was not measured" if measured is None else f"measured {measured.label}"
        return _time_check("unstated", 0.0, None, f"No time complexity is stated (the code {was}; target {target}).")
    total = claim.growth.times_n() if per_call and claim.per_call else claim.growth
    stated = claim.growth.label + (f" per call ({total.label} total)" if total != claim.growth else "")
    stated += _as_written(claim)
    if measured is None:
        return _time_check("unmeasured", 1.0, claim, f"States time {stated}; it could not be checked because the "
                                                      f"time complexity was not measured (target {target}).", total)
    if total == measured:
        return _time_check("honest", 1.0, claim, f"States time {stated}, which matches the measured "
                                                  f"{measured.label}.", total)
    if total < measured:
        return _time_check("overclaim", 0.0, claim, f"Claims {stated} but measured {measured.label}: an overclaim; no "
                                                     f"credit and {OVERCLAIM_PENALTY:g} points off the score.", total)
    return _time_check("underclaim", 0.5, claim, f"Claims {stated} but measured {measured.label}, faster than "
                                                  "claimed: an underclaim; half credit.", total)


def _time_check(verdict: str, fraction: float, claim: Claim | None, reason: str,
                total: Growth | None = None) -> _TimeCheck:
    item = _generic("time-complexity", fraction, claim.sentence if claim else "", reason)
    return _TimeCheck(item, verdict, OVERCLAIM_PENALTY if verdict == "overclaim" else 0.0, total)


def _as_written(claim: Claim) -> str:
    """`` (written "O(n*k)")`` when the notes spelled the claim otherwise than its class, else ""."""
    same = re.sub(r"\s", "", claim.written.lower()) == re.sub(r"\s", "", claim.growth.label.lower())
    return "" if same else f' (written "{claim.written}")'


# Problem points -------------------------------------------------------------------------------------------------

def rubric_hits(text: str, points: tuple[NarrationPoint, ...]) -> tuple[RubricItem, ...]:
    """Each point judged on the prose of ``text`` alone, as the notes' problem points are: a written answer to a
    question item (``server.scoring.questions``) is scored this way."""
    prose = [sentence for sentence in _sentences(text) if sentence.kind == "prose"]
    return tuple(_point(point, prose) for point in points)


def _point(point: NarrationPoint, prose: list[_Sentence]) -> RubricItem:
    patterns = [(phrase, _phrase_pattern(phrase)) for phrase in point.phrases]
    for sentence in prose:
        for phrase, pattern in patterns:
            if pattern.search(sentence.canonical):
                return RubricItem(point.id, point.description, float(point.weight), float(point.weight), True,
                                  _excerpt(sentence.text), f'Mentions the key phrase "{phrase}".')
    quoted = ", ".join(f'"{phrase}"' for phrase in point.phrases)
    return RubricItem(point.id, point.description, float(point.weight), 0.0, False, "",
                      f"None of the key phrases ({quoted}) appears in the prose.")


def _phrase_pattern(phrase: str) -> re.Pattern:
    canonical = _canonical(phrase)
    body = "".join(_plural(part) if part.isalpha() and len(part) >= 3 else re.escape(part)
                   for part in re.findall(r"[a-z]+|[^a-z]", canonical))
    start = r"(?<![a-z0-9])" if canonical[:1].isalnum() else ""
    end = r"(?![a-z0-9])" if canonical[-1:].isalnum() else ""
    return re.compile(start + body + end)


def _plural(word: str) -> str:
    """A word and its simple plural: ``norm`` and ``norms``, ``squares`` and ``square``, ``match`` and ``matches``."""
    if word.endswith(("ches", "shes", "xes", "sses")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return re.escape(word) + "(?:es|s)?"


# The report -----------------------------------------------------------------------------------------------------

def _report(items: tuple[RubricItem, ...], check: _TimeCheck, claimed_space: str | None) -> NarrationReport:
    total = sum(item.weight for item in items)
    earned = sum(item.earned for item in items)
    score = round(min(100.0, max(0.0, 100.0 * earned / total - check.penalty)), 1)
    penalty = f", minus {check.penalty:g} for the overclaim" if check.penalty else ""
    reasons = (*(f"{item.label}: {item.earned:g} of {item.weight:g}. {item.reason}" for item in items),
               f"Score {score:g} of 100: {earned:g} of {total:g} rubric points{penalty}.")
    claimed_time = check.claimed.label if check.claimed else None
    return NarrationReport(score, items, claimed_time, claimed_space, check.claim, check.penalty, reasons)


def _unwritten(points: tuple[NarrationPoint, ...]) -> NarrationReport:
    items = (*(_generic(item_id, 0.0, "", NO_NOTES) for item_id in _GENERIC),
             *(RubricItem(point.id, point.description, float(point.weight), 0.0, False, "", NO_NOTES)
               for point in points))
    check = _TimeCheck(items[1], "unstated", 0.0, None)
    return _report(items, check, None)
