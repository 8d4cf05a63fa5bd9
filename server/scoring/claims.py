"""Complexity claims in a candidate's notes: finding them, reading them, ordering them.

A claim is a big-O expression (``O(n log n)``, ``O(n²)``, ``Θ(n)``, ``o(n)``)
or words (``linear time``, ``is quadratic``, ``n log n``) in one sentence of
the notes. Each is read as a :class:`Growth`, ``n^degree · log^logs n``, which
orders claims and the measured classes alike.

Reading rules (conservative, so that a claim is never read as faster than
written):

* Every size variable other than ``n`` (``k``, ``w``, ``m``, ``d``, ``window``,
  ``len(a)``) is taken as bounded by ``n``, since how it grows with ``n`` is not
  knowable from the notes: ``O(k)`` and ``O(n + k)`` read as ``O(n)``,
  ``O(n*k)`` and ``O(nk)`` as ``O(n^2)``, ``O(window)`` as ``O(n)``.
* Constant factors and divisors are dropped (``O(2n)`` and ``O(n/2)`` are
  ``O(n)``), a sum keeps its fastest-growing term, a logarithm's base is
  ignored and the logarithm of any size is ``log n``.
* Every exponential or factorial (``O(3^n)``, ``O(n!)``) is ``O(2^n)``.
* A growth that is none of ``COMPLEXITY_CLASSES`` keeps its own spelling
  (``O(n^4)``, ``O(n^0.5)`` for ``O(sqrt n)``) and is still ordered against them.
* An expression this module cannot read (``O(?)``) is no claim at all.

Which claim is about what: the label written right after a claim (``O(n)
time``, ``O(1) extra space``) wins, then the nearest label before it in the
same clause (``Time: O(n)``, ``memory is O(1)``), then a per-call qualifier
(which means time), then the previous claim of the sentence (``Time: O(1) per
call, O(n) for n calls``), then the section heading (``## Space``). A claim
is per call when a qualifier (``per call``, ``each next()``, ``amortised``,
``next(): O(1)``) is in its own clause and no total (``total``, ``overall``,
``n calls``) is.
"""

import dataclasses
import math
import re

from server.problems.schema import COMPLEXITY_CLASSES


@dataclasses.dataclass(frozen=True, order=True)
class Growth:
    """How a cost grows with n: ``n^degree · log^logs n``; an infinite degree is exponential.

    Growths order from slowest-growing (fastest code) to fastest-growing.
    """

    degree: float = 0.0
    logs: float = 0.0

    def __mul__(self, other: "Growth") -> "Growth":
        if math.inf in (self.degree, other.degree):
            return EXPONENTIAL
        return Growth(self.degree + other.degree, self.logs + other.logs)

    def __pow__(self, exponent: float) -> "Growth":
        if self.degree == math.inf:
            return self
        return Growth(self.degree * exponent, self.logs * exponent)

    def times_n(self) -> "Growth":
        """The total over n repetitions of a cost of this growth."""
        return self * Growth(1.0)

    @property
    def label(self) -> str:
        """The class's spelling, e.g. ``O(n log n)``; a member of ``COMPLEXITY_CLASSES`` when it is one."""
        if self.degree == math.inf:
            return "O(2^n)"
        factors = [_factor("n", "n^{:g}", self.degree), _factor("log n", "log^{:g} n", self.logs)]
        return "O({})".format(" ".join(factor for factor in factors if factor) or "1")


EXPONENTIAL = Growth(math.inf, 0.0)


def _factor(single: str, template: str, power: float) -> str:
    if power == 0:
        return ""
    return single if power == 1 else template.format(power)


@dataclasses.dataclass(frozen=True)
class Claim:
    """One complexity claim in one sentence of the notes.

    Attributes:
        written: The claim as written, e.g. ``O(n·log n)`` or ``linear``.
        growth: What it was read as.
        aspects: ``{"time"}``, ``{"space"}``, both, or empty when the notes do not say.
        per_call: Whether it is stated per call (per operation, amortised).
        sentence: The sentence it is in.
    """

    written: str
    growth: Growth
    aspects: frozenset[str]
    per_call: bool
    sentence: str


def class_growth(label: str) -> Growth:
    """The growth of one of ``COMPLEXITY_CLASSES``.

    Raises:
        ValueError: ``label`` is not one of the classes.
    """
    if label not in COMPLEXITY_CLASSES:
        raise ValueError(f"unknown complexity class {label!r}; expected one of {', '.join(COMPLEXITY_CLASSES)}")
    return read_expression(label[2:-1])


def time_claim(claims: list[Claim]) -> Claim | None:
    """The time claim: the first about time, else the first about nothing said; a total before a per-call one."""
    timed = [claim for claim in claims if "time" in claim.aspects] or [claim for claim in claims if not claim.aspects]
    return next((claim for claim in timed if not claim.per_call), timed[0] if timed else None)


def space_claim(claims: list[Claim]) -> Claim | None:
    """The first claim about space (memory), if any."""
    return next((claim for claim in claims if "space" in claim.aspects), None)


# Reading an expression ------------------------------------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SPELLINGS = (("**", "^"), ("ⁿ", "^n"), ("·", "*"), ("⋅", "*"), ("×", "*"), ("∗", "*"), ("√", " sqrt "),
              ("−", "-"), ("₂", ""), ("{", "("), ("}", ")"))
_LOG_BASE = re.compile(r"log_?(?:2|10)(?!\d)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z_]+|\S")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FUNCTION = re.compile(r"(log|lg|ln|sqrt)")
_SIZE_LETTERS = frozenset("nmkdwv")


class _Unreadable(Exception):
    """The text inside ``O(...)`` is not an expression this module reads."""


def read_expression(inner: str) -> Growth | None:
    """Read the text inside ``O(...)``, e.g. ``n*log(n)``; None when it cannot be read."""
    try:
        return _Parser(_tokens(inner)).read()
    except _Unreadable:
        return None


def _tokens(inner: str) -> list[str]:
    text = re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda match: "^" + match.group().translate(_SUPERSCRIPTS), inner.lower())
    for spelling, plain in _SPELLINGS:
        text = text.replace(spelling, plain)
    text = _LOG_BASE.sub("log ", text)
    return [part for token in _TOKEN.findall(text) for part in _split_word(token)]


def _split_word(word: str) -> list[str]:
    """Split run-together words: ``nlogn`` is n·log·n, ``nk`` is n·k; ``window`` stays one size."""
    if len(word) <= 3 and set(word) <= _SIZE_LETTERS:
        return list(word)
    parts = _FUNCTION.split(word)
    if len(parts) > 1 and all(len(part) <= 1 for part in parts[::2]):
        return [part for part in parts if part]
    return [word]


class _Parser:
    """Recursive descent over ``sum := product (+|- product)*``, ``product := power ([*|/] power)*``."""

    def __init__(self, tokens: list[str]):
        self._tokens = tokens
        self._at = 0

    def read(self) -> Growth:
        growth = self._sum()
        if self._peek() is not None:
            raise _Unreadable
        return growth

    def _peek(self) -> str | None:
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def _take(self) -> str:
        token = self._peek()
        if token is None:
            raise _Unreadable
        self._at += 1
        return token

    def _accept(self, *options: str) -> bool:
        if self._peek() in options:
            self._at += 1
            return True
        return False

    def _expect(self, token: str) -> None:
        if not self._accept(token):
            raise _Unreadable

    def _sum(self) -> Growth:
        growth = self._product()
        while self._accept("+", "-"):
            growth = max(growth, self._product())
        return growth

    def _product(self) -> Growth:
        growth = self._power()
        while self._peek() not in (None, "+", "-", ")", ","):
            if self._accept("/"):
                self._power()  # dividing never makes a cost grow faster: the divisor is dropped
            else:
                self._accept("*")
                growth = growth * self._power()
        return growth

    def _power(self) -> Growth:
        growth = self._atom()
        if self._accept("^"):
            exponent = self._exponent()
            growth = EXPONENTIAL if exponent is None else growth ** exponent
        if self._accept("!") and growth > Growth():
            growth = EXPONENTIAL
        return growth

    def _exponent(self) -> float | None:
        """A constant exponent's value, or None for one that grows (``2^n``)."""
        if _NUMBER.fullmatch(self._peek() or ""):
            return float(self._take())
        if self._atom() == Growth():
            raise _Unreadable
        return None

    def _atom(self) -> Growth:
        token = self._take()
        if _NUMBER.fullmatch(token):
            return Growth()
        if token == "(":
            growth = self._sum()
            self._expect(")")
            return growth
        if token in ("log", "lg", "ln"):
            return self._logarithm()
        if token == "sqrt":
            return self._power() ** 0.5
        if token[0].isalpha() or token[0] == "_":
            return self._call() if self._peek() == "(" else Growth(1.0)
        raise _Unreadable

    def _logarithm(self) -> Growth:
        power = self._exponent() if self._accept("^") else 1.0
        if power is None:
            raise _Unreadable
        return Growth(0.0, power) if self._power() > Growth() else Growth()

    def _call(self) -> Growth:
        """``len(a)`` or ``min(n, k)``: it grows like its fastest-growing argument."""
        self._expect("(")
        growth = self._sum()
        while self._accept(","):
            growth = max(growth, self._sum())
        self._expect(")")
        return growth


# Finding claims in a sentence -----------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Span:
    start: int
    end: int
    growth: Growth


_BIG_O = re.compile(r"(?<!\w)(?:[OΘ]\s?|o)\(")
_MAX_EXPRESSION = 40
_ORDER_WORDS = r"log[- ]?linear|linearithmic|logarithmic|linear|quadratic|cubic|exponential"
_WORD_CLAIMS = (
    re.compile(rf"\b(?P<word>{_ORDER_WORDS}|constant)(?=[\s-]*(?:time|space|memory|extra|complexity|runtime|work"
               r"|per\b|in\s+(?:n|the)\b))", re.IGNORECASE),
    re.compile(rf"(?:\bis|\bare|\bruns in|\btakes|\bstays|\bremains|:)\s+(?:also\s+|still\s+|only\s+|just\s+)?"
               rf"(?P<word>{_ORDER_WORDS})\b(?=\s*(?:[.,;:)]|$|and\b|overall\b|in total\b))", re.IGNORECASE),
    re.compile(r"(?<![\w(])(?P<word>n\s*\*?\s*(?:log|lg)\s*\(?n\)?)(?!\w)", re.IGNORECASE),
)
_WORD_GROWTH = {
    "constant": Growth(), "logarithmic": Growth(0.0, 1.0), "linear": Growth(1.0), "loglinear": Growth(1.0, 1.0),
    "linearithmic": Growth(1.0, 1.0), "nlogn": Growth(1.0, 1.0), "quadratic": Growth(2.0), "cubic": Growth(3.0),
    "exponential": EXPONENTIAL,
}


def find_claims(sentence: str, heading: str = "") -> tuple[Claim, ...]:
    """Every complexity claim in one sentence, in order.

    Args:
        sentence: One sentence (or line) of the notes, as plain text.
        heading: The heading of the section it is in, which says what an unlabelled claim is about.

    Returns:
        The claims, each with what it is about and whether it is per call.
    """
    spans = _spans(sentence)
    claims, previous = [], frozenset()
    for index, span in enumerate(spans):
        lead, tail = _context(sentence, spans, index)
        per_call = _is_per_call(lead, tail)
        aspects = _own_aspects(lead, tail, sentence[span.end:], per_call) or previous or _heading_aspects(heading)
        claims.append(Claim(sentence[span.start:span.end], span.growth, aspects, per_call, sentence))
        previous = aspects
    return tuple(claims)


def _spans(sentence: str) -> list[_Span]:
    spans = list(_big_o_spans(sentence))
    masked = list(sentence)
    for span in spans:
        masked[span.start:span.end] = " " * (span.end - span.start)
    spans += [_Span(match.start("word"), match.end("word"), _word_growth(match.group("word")))
              for pattern in _WORD_CLAIMS for match in pattern.finditer("".join(masked))]
    return _without_overlaps(sorted(spans, key=lambda span: span.start))


def _big_o_spans(sentence: str):
    for match in _BIG_O.finditer(sentence):
        close = _closing_paren(sentence, match.end())
        growth = None if close is None else read_expression(sentence[match.end():close])
        if growth is not None:
            yield _Span(match.start(), close + 1, growth)


def _closing_paren(text: str, start: int) -> int | None:
    depth = 1
    for index in range(start, min(len(text), start + _MAX_EXPRESSION)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _word_growth(word: str) -> Growth:
    return _WORD_GROWTH[re.sub(r"[^a-z]", "", word.lower()).replace("lg", "log")]


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    kept = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


# What a claim is about ------------------------------------------------------------------------------------------

_TIME = r"time|runtime|run[- ]?time|runs?|takes?|speed"
_SPACE = r"space|memory|extra|auxiliary|additional|storage|stores?|allocat\w*"
_LABEL = re.compile(rf"\b(?:(?P<time>{_TIME})|(?P<space>{_SPACE}))\b", re.IGNORECASE)
_IMMEDIATE_LABEL = re.compile(rf"^[\s-]*(?:(?:total|overall|worst[- ]case|average[- ]case|expected)\s+)?"
                              rf"(?:(?P<time>{_TIME})|(?P<space>{_SPACE}))\b(?!\s*:)", re.IGNORECASE)
_HEADING_LABEL = re.compile(r"\b(?:(?P<time>time|runtime)|(?P<space>space|memory))\b", re.IGNORECASE)
_BOTH = r"(?:time|runtime)\s+(?:and|&)\s+(?:space|memory)|(?:space|memory)\s+(?:and|&)\s+(?:time|runtime)"
_BOTH_BEFORE = re.compile(rf"\b(?:{_BOTH})\b(?:\s|:|complexit(?:y|ies)|are|is|both)*$", re.IGNORECASE)
_BOTH_AFTER = re.compile(rf"^[\s-]*(?:in\s+)?(?:both\s+)?(?:{_BOTH})\b", re.IGNORECASE)
_BREAK = re.compile(r"[,;()\[\]]|\s[-–—]\s|\b(?:and|but|while|whereas|with|using|plus|so|because|since|then|which"
                    r"|versus|vs)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:and|but|so|while|then|which|hence|thus)\b", re.IGNORECASE)
_UNIT = r"(?:call|op|operation|update|query|queries|insert|insertion|push|pop|append|element|item|value|step" \
        r"|invocation|request|line)s?"
_PER_CALL = re.compile(rf"\b(?:per|each|every)\s+(?:\w+\(\)\s*)?(?:(?:method|function)\s+)?{_UNIT}\b"
                       r"|\b(?:per|each|every)\s+`?\w+\(|\bamorti[sz]ed\b|\b[a-z_]\w*\([^()]*\)\s*(?::|is\b|costs\b)",
                       re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:total|overall|altogether|in all|whole)\b|\bn (?:calls|times|operations|updates)\b",
                    re.IGNORECASE)


def _context(sentence: str, spans: list[_Span], index: int) -> tuple[str, str]:
    """The text that belongs to ``spans[index]``: its lead (before it) and its tail (after it)."""
    span = spans[index]
    lead_start = 0
    if index:
        previous = spans[index - 1]
        lead_start = previous.end + _cut(sentence[previous.end:span.start], last=False)
    following = spans[index + 1].start if index + 1 < len(spans) else len(sentence)
    tail = sentence[span.end:following]
    return sentence[lead_start:span.start], tail[:_cut(tail, last=index + 1 == len(spans))]


def _cut(gap: str, *, last: bool) -> int:
    """Where the text after one claim stops being its tail: at the first break, else after its label."""
    found = _BREAK.search(gap)
    if found:
        return found.start()
    if last:
        return len(gap)
    label = _IMMEDIATE_LABEL.match(gap)
    return label.end() if label else 0


def _own_aspects(lead: str, tail: str, after: str, per_call: bool) -> frozenset[str]:
    if _BOTH_AFTER.match(after) or _BOTH_BEFORE.search(lead):
        return frozenset({"time", "space"})
    label = _IMMEDIATE_LABEL.match(tail) or _last(_LABEL.finditer(lead))
    if label:
        return frozenset({label.lastgroup})
    return frozenset({"time"}) if per_call else frozenset()


def _heading_aspects(heading: str) -> frozenset[str]:
    return frozenset(match.lastgroup for match in _HEADING_LABEL.finditer(heading))


def _is_per_call(lead: str, tail: str) -> bool:
    clause = _last_clause(lead)
    return bool(_PER_CALL.search(clause) or _PER_CALL.search(tail)) and not (
        _TOTAL.search(clause) or _TOTAL.search(tail))


def _last_clause(lead: str) -> str:
    last = _last(_CLAUSE_BREAK.finditer(lead))
    return lead[last.end():] if last else lead


def _last(matches) -> re.Match | None:
    found = list(matches)
    return found[-1] if found else None
