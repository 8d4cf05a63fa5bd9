"""Question items' scores and the fluency component: pure functions over an item and an answer.

* ``single``: full credit for the correct option, none otherwise.
* ``multiple``: each correct option chosen earns ``1/k`` (``k`` correct options),
  each wrong option chosen costs ``1/k``, floored at 0. Choosing every option
  earns nothing unless nearly all are correct; choosing the correct ones
  and nothing else earns full credit.
* ``written``: the share of the rubric's weight whose phrases the answer shows
  (``narration.rubric_hits``); a reviewer's score (0-100), once given, replaces it.

The fluency component is ``100 * sum(points * share) / sum(points)`` over the
screen's question items, an unanswered item counting 0.
"""

import dataclasses
from collections.abc import Iterable

from server.questions.item import QuestionItem
from server.scoring.narration import RubricItem, rubric_hits


@dataclasses.dataclass(frozen=True)
class ItemScore:
    """One item's score as a share of its points (0..1), and why.

    ``auto`` is the automatic share; ``reviewer`` the reviewer's (0..1) when one was given, and then ``share``.
    """

    share: float
    auto: float
    reviewer: float | None
    reason: str
    rubric: tuple[RubricItem, ...] = ()


@dataclasses.dataclass(frozen=True)
class FluencyReport:
    score: float  # 0..100
    earned: float
    possible: float
    reasons: tuple[str, ...]


def score_choices(item: QuestionItem, chosen: Iterable[int]) -> ItemScore:
    """A choice question's score for the authored option indexes ``chosen`` (unknown indexes are ignored)."""
    picked = {index for index in chosen if 0 <= index < len(item.options)}
    correct = item.correct_options
    if not picked:
        return ItemScore(0.0, 0.0, None, "not answered")
    if item.format == "single":
        share = 1.0 if picked == correct else 0.0
        return ItemScore(share, share, None, "correct" if share else "wrong option chosen")
    hits, misses = len(picked & correct), len(picked - correct)
    share = max(0.0, (hits - misses) / len(correct))
    return ItemScore(share, share, None, f"{hits} of {len(correct)} correct options chosen, "
                                         f"{misses} wrong option{'s' if misses != 1 else ''} chosen")


def score_written(item: QuestionItem, text: str, reviewer: float | None = None) -> ItemScore:
    """A written answer against the item's rubric; ``reviewer`` (0..100), when given, is the score."""
    hits = rubric_hits(text, item.rubric) if text.strip() else ()
    weight = sum(float(point.weight) for point in item.rubric)
    auto = sum(hit.earned for hit in hits) / weight if hits else 0.0
    shown = sum(hit.found for hit in hits)
    reason = (f"rubric: {shown} of {len(item.rubric)} points shown" if text.strip() else "not answered")
    if reviewer is None:
        return ItemScore(auto, auto, None, reason, hits)
    share = min(100.0, max(0.0, reviewer)) / 100
    return ItemScore(share, auto, share, f"reviewer scored {share * 100:.0f}/100 ({reason})", hits)


def score_answer(item: QuestionItem, choices: Iterable[int], text: str, reviewer: float | None = None) -> ItemScore:
    if item.format == "written":
        return score_written(item, text, reviewer)
    return score_choices(item, choices)


def fluency(scored: list[tuple[QuestionItem, ItemScore]]) -> FluencyReport:
    """The fluency component over every question item of a screen, answered or not."""
    possible = sum(float(item.points) for item, _ in scored)
    earned = sum(float(item.points) * result.share for item, result in scored)
    reasons = tuple(f"{item.title}: {float(item.points) * result.share:g} of {float(item.points):g} ({result.reason})"
                    for item, result in scored)
    return FluencyReport(100 * earned / possible if possible else 0.0, earned, possible, reasons)
