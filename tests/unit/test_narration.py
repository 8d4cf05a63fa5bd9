import dataclasses
import json

import pytest

from server.problems.schema import COMPLEXITY_CLASSES, NarrationPoint
from server.scoring.claims import class_growth, find_claims, read_expression, space_claim, time_claim
from server.scoring.narration import OVERCLAIM_PENALTY, analyse_notes

MOVING_AVERAGE_POINTS = (
    NarrationPoint(id="running-sum", description="Keeps a running sum of the window", weight=3,
                   phrases=("running sum", "running total", "o(1) per call", "evict")),
    NarrationPoint(id="fifo-buffer", description="Stores the window in a FIFO queue or ring buffer", weight=2,
                   phrases=("deque", "ring buffer", "popleft")),
    NarrationPoint(id="partial-window", description="Divides by the count while the window fills", weight=2,
                   phrases=("min(window", "not yet full", "divide by the count")),
    NarrationPoint(id="invalid-window", description="Rejects window < 1 with ValueError", weight=1,
                   phrases=("valueerror", "window < 1")),
    NarrationPoint(id="float-drift", description="Notes the running sum's rounding error", weight=1,
                   phrases=("rounding error", "drift", "fsum")),
)

GOOD_NOTES = """\
## Approach
Keep a deque of the last `window` values and a running sum. Each `next(val)` appends the value and adds it
to the sum; once the deque holds more than `window` values it evicts the oldest with popleft and subtracts it.

## Complexity
Time: O(1) per call, O(n) for n calls. Space: O(window).

## Edge cases
- window < 1 raises ValueError.
- Fewer values than the window: divide by the count seen so far.

## Trade-offs
Recomputing `sum(deque)` on each call would be simpler but O(window) per call. The running float sum can
drift; `math.fsum` over the deque would bound the rounding error.
"""

OVERCLAIMING_NOTES = """\
## Approach
I append every value to a list and average the last `window` of them with sum() on each call to next().

## Complexity
Each next() is O(1).
"""


def analyse(notes, points=(), *, target="O(n)", measured=None, per_call=False):
    return analyse_notes(notes, points, target=target, measured=measured, per_call=per_call)


def item(report, item_id):
    return next(entry for entry in report.items if entry.id == item_id)


# Reading complexity claims --------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, label", [
    ("O(n)", "O(n)"), ("O(N)", "O(n)"), ("Θ(n)", "O(n)"), ("O(1)", "O(1)"), ("O(log n)", "O(log n)"),
    ("O(n log n)", "O(n log n)"), ("O(nlogn)", "O(n log n)"), ("O(n*log(n))", "O(n log n)"),
    ("O(n lg n)", "O(n log n)"), ("O(n·log n)", "O(n log n)"), ("O(n log2 n)", "O(n log n)"),
    ("O(n^2)", "O(n^2)"), ("O(n**2)", "O(n^2)"), ("O(n²)", "O(n^2)"), ("O(n * n)", "O(n^2)"),
    ("O(n^2 log n)", "O(n^2 log n)"), ("O(n³)", "O(n^3)"), ("O(2^n)", "O(2^n)"), ("O(2ⁿ)", "O(2^n)"),
    ("O(n!)", "O(2^n)"), ("O(2n)", "O(n)"), ("O(n/2)", "O(n)"),
])
def test_big_o_spellings_read_as_their_class(written, label):
    (claim,) = find_claims(f"Time: {written}.")
    assert claim.written == written
    assert claim.growth.label == label


@pytest.mark.parametrize("written, label", [
    ("O(k)", "O(n)"), ("O(w)", "O(n)"), ("O(window)", "O(n)"), ("O(len(a))", "O(n)"), ("O(n + k)", "O(n)"),
    ("O(n*k)", "O(n^2)"), ("O(nk)", "O(n^2)"), ("O(n * window)", "O(n^2)"), ("O(m log k)", "O(n log n)"),
])
def test_other_size_variables_are_bounded_by_n(written, label):
    assert find_claims(f"It is {written}.")[0].growth.label == label


@pytest.mark.parametrize("written, label", [("O(n^4)", "O(n^4)"), ("O(sqrt(n))", "O(n^0.5)"),
                                            ("O(log^2 n)", "O(log^2 n)")])
def test_growths_beyond_the_classes_keep_their_own_spelling(written, label):
    assert find_claims(f"Time: {written}.")[0].growth.label == label
    assert label not in COMPLEXITY_CLASSES


@pytest.mark.parametrize("sentence, label", [
    ("It runs in linear time.", "O(n)"), ("The loop is quadratic.", "O(n^2)"), ("Lookup is constant time.", "O(1)"),
    ("Sorting first makes it log-linear time.", "O(n log n)"), ("Sorting costs n log n.", "O(n log n)"),
    ("A binary search is logarithmic in the size.", "O(log n)"), ("Brute force is exponential.", "O(2^n)"),
])
def test_complexity_words_are_claims(sentence, label):
    (claim,) = find_claims(sentence)
    assert claim.growth.label == label


@pytest.mark.parametrize("sentence", [
    "Fit a linear regression on the window.", "The window is constant.", "Use an exponential moving average.",
    "Also(n) is not big-O.", "O(?) is unclear.", "An unclosed O(n log n",
])
def test_text_that_is_not_a_claim(sentence):
    assert find_claims(sentence) == ()


def test_classes_read_back_to_their_own_labels_in_ladder_order():
    growths = [class_growth(label) for label in COMPLEXITY_CLASSES]
    assert [growth.label for growth in growths] == list(COMPLEXITY_CLASSES)
    assert growths == sorted(growths)
    assert read_expression("n^2") > read_expression("n log n") > read_expression("n")


def test_an_unknown_class_is_refused():
    with pytest.raises(ValueError, match="unknown complexity class 'O\\(n\\^4\\)'"):
        class_growth("O(n^4)")
    with pytest.raises(ValueError, match="unknown complexity class"):
        analyse("Time: O(n).", target="linear")
    with pytest.raises(ValueError, match="unknown complexity class"):
        analyse("Time: O(n).", measured="O(n^4)")


# Time versus space ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("notes, time, space", [
    ("Time: O(n), space: O(1).", "O(n)", "O(1)"),
    ("Time: O(n) space: O(1)", "O(n)", "O(1)"),
    ("O(n log n) time and O(1) extra space.", "O(n log n)", "O(1)"),
    ("Space: O(n). Time: O(n^2).", "O(n^2)", "O(n)"),
    ("Uses O(n) memory and runs in O(n log n) time.", "O(n log n)", "O(n)"),
    ("We store O(n) extra values. Overall O(n log n).", "O(n log n)", "O(n)"),
    ("It runs in linear time and constant space.", "O(n)", "O(1)"),
    ("O(n) time and space.", "O(n)", "O(n)"),
    ("Time and space are both O(n).", "O(n)", "O(n)"),
    ("## Time\nO(n^2)\n## Space\nO(n)", "O(n^2)", "O(n)"),
    ("## Complexity\n- Time: `O(n²)`\n- Space: O(k) for the counts", "O(n^2)", "O(n)"),
    ("O(n) for the scan.", "O(n)", None),
    ("Memory: O(n).", None, "O(n)"),
])
def test_time_and_space_claims_are_told_apart(notes, time, space):
    report = analyse(notes)
    assert (report.claimed_time, report.claimed_space) == (time, space)


def test_the_first_claim_about_time_wins_over_an_earlier_unlabelled_one():
    claims = list(find_claims("Sorting is O(n log n), then the scan runs in O(n) time."))
    assert [sorted(claim.aspects) for claim in claims] == [[], ["time"]]
    assert time_claim(claims).growth.label == "O(n)"
    assert space_claim(claims) is None


def test_a_heading_says_what_an_unlabelled_claim_is_about():
    (claim,) = find_claims("O(window) for the deque", heading="Space complexity")
    assert claim.aspects == {"space"}
    assert find_claims("O(window) for the deque", heading="Complexity")[0].aspects == frozenset()


# Per-call claims on class problems ------------------------------------------------------------------------------

@pytest.mark.parametrize("notes, total", [
    ("Time: O(1) per call.", "O(n)"),
    ("Each next() is O(1).", "O(n)"),
    ("next(): O(1)", "O(n)"),
    ("Amortised O(1) per update.", "O(n)"),
    ("O(log n) per operation.", "O(n log n)"),
    ("O(n) per call, since it re-sums the list.", "O(n^2)"),
    ("O(window) per call.", "O(n^2)"),
    ("Time: O(n) in total.", "O(n)"),
    ("Each element is visited once, so the total time is O(n).", "O(n)"),
])
def test_per_call_claims_are_multiplied_by_n_on_class_problems(notes, total):
    assert analyse(notes, per_call=True).claimed_time == total


def test_per_call_claims_are_taken_as_written_on_function_problems():
    assert analyse("Time: O(1) per call.", per_call=False).claimed_time == "O(1)"


def test_a_stated_total_is_preferred_over_a_per_call_claim():
    claims = list(find_claims("Time: O(1) per call, O(n^2) for n calls."))
    assert [(claim.growth.label, claim.per_call, sorted(claim.aspects)) for claim in claims] == [
        ("O(1)", True, ["time"]), ("O(n^2)", False, ["time"])]
    assert time_claim(claims).growth.label == "O(n^2)"


# The claim against the measurement ------------------------------------------------------------------------------

def test_an_honest_claim_earns_full_credit():
    report = analyse(GOOD_NOTES, MOVING_AVERAGE_POINTS, measured="O(n)", per_call=True)
    time = item(report, "time-complexity")
    assert report.claim == "honest" and report.penalty == 0
    assert (time.earned, time.found) == (2.0, True)
    assert "matches the measured O(n)" in time.reason
    assert time.evidence == "Time: O(1) per call, O(n) for n calls."


def test_an_overclaim_earns_nothing_and_costs_the_penalty():
    report = analyse(OVERCLAIMING_NOTES, MOVING_AVERAGE_POINTS, measured="O(n^2)", per_call=True)
    time = item(report, "time-complexity")
    assert report.claim == "overclaim"
    assert report.penalty == OVERCLAIM_PENALTY == 15
    assert report.claimed_time == "O(n)"
    assert (time.earned, time.found, time.evidence) == (0.0, True, "Each next() is O(1).")
    assert "Claims O(1) per call (O(n) total) but measured O(n^2): an overclaim" in time.reason
    assert any("minus 15 for the overclaim" in reason for reason in report.reasons)


def test_an_underclaim_earns_half_credit():
    report = analyse("Time: O(n^2).", measured="O(n)")
    assert report.claim == "underclaim" and report.penalty == 0
    assert item(report, "time-complexity").earned == 1.0
    assert "underclaim" in item(report, "time-complexity").reason


def test_no_claim_is_unstated():
    report = analyse("I keep a running sum and a deque of the last values, evicting the oldest.", measured="O(n)")
    time = item(report, "time-complexity")
    assert report.claim == "unstated" and report.claimed_time is None
    assert (time.earned, time.found) == (0.0, False)
    assert time.reason == "No time complexity is stated (the code measured O(n); target O(n))."


def test_an_unmeasured_claim_is_credited_as_stated_but_not_checked():
    report = analyse("Time: O(n^2).", measured=None)
    time = item(report, "time-complexity")
    assert report.claim == "unmeasured" and report.penalty == 0
    assert time.earned == 2.0
    assert "could not be checked" in time.reason and "target O(n)" in time.reason


def test_a_claim_in_words_is_explained_as_written():
    reason = item(analyse("It runs in linear time.", measured="O(n)"), "time-complexity").reason
    assert reason == 'States time O(n) (written "linear"), which matches the measured O(n).'


# Generic items --------------------------------------------------------------------------------------------------

def test_good_notes_earn_every_generic_item_with_evidence():
    report = analyse(GOOD_NOTES, MOVING_AVERAGE_POINTS, measured="O(n)", per_call=True)
    generic = {entry.id: entry for entry in report.items[:5]}
    assert list(generic) == ["approach", "time-complexity", "space-complexity", "edge-cases", "trade-offs"]
    assert all(entry.found and entry.earned == entry.weight for entry in generic.values())
    assert generic["approach"].evidence.startswith("Keep a deque of the last window values")
    assert generic["space-complexity"].reason == 'States space O(n) (written "O(window)") (not measured).'
    assert "invalid arguments" in generic["edge-cases"].reason
    assert "a window larger than the input" in generic["edge-cases"].reason
    assert generic["trade-offs"].evidence.startswith("Recomputing sum(deque)")
    assert report.score == 100.0


def test_a_heading_alone_or_a_code_block_is_no_approach():
    for notes in ("## Approach\n## Complexity", "```python\nfrom collections import deque\n" * 5 + "```"):
        approach = item(analyse(notes), "approach")
        assert (approach.earned, approach.found) == (0.0, False)
        assert approach.reason == "No prose explains the approach (headings and code do not count)."


def test_a_too_short_approach_earns_nothing():
    approach = item(analyse("## Approach\nUse a deque."), "approach")
    assert approach.earned == 0.0
    assert approach.reason.startswith("Only 2 words of prose explain the approach; at least 12")


def test_prose_about_complexity_is_not_the_approach():
    notes = "## Complexity\nTime is O(n) because the loop touches every value exactly once and does constant work."
    assert item(analyse(notes), "approach").earned == 0.0


@pytest.mark.parametrize("notes, earned, fragment", [
    ("Nothing special happens anywhere.", 0.0, "Names no specific edge case"),
    ("An empty list returns [].", 1.0, "Names one edge case (empty input): half credit"),
    ("An empty list returns []. Negative values work too.", 2.0, "Names 2 distinct edge cases"),
    ("Empty input returns []; an empty window too.", 1.0, "Names one edge case (empty input)"),
    ("Ties keep the first index; duplicates are kept; very large values could overflow.", 2.0,
     "Names 4 distinct edge cases: duplicates, ties, overflow or underflow, very large or very small values"),
])
def test_edge_cases_earn_half_for_one_kind_and_full_for_two(notes, earned, fragment):
    edges = item(analyse(notes), "edge-cases")
    assert edges.earned == earned
    assert fragment in edges.reason
    assert edges.found == (earned > 0)


@pytest.mark.parametrize("notes, found", [
    ("A heap would use O(k) memory instead.", True),
    ("The trade-off is memory for speed.", True),
    ("## Alternatives\nA sorted list.", True),
    ("I keep a sum.", False),
])
def test_trade_offs(notes, found):
    trade = item(analyse(notes), "trade-offs")
    assert (trade.found, trade.earned) == (found, 1.0 if found else 0.0)
    assert trade.reason.startswith("Discusses a trade-off" if found else "Discusses no trade-off")


def test_a_missing_space_claim_is_explained():
    space = item(analyse("Time: O(n)."), "space-complexity")
    assert (space.earned, space.found, space.reason) == (0.0, False, "No space (memory) complexity is stated.")


# Problem points -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("notes", [
    "I keep a Running Sum.", "I keep a running-sum.", "I keep running sums.", "I keep a running   sum.",
    "Each call is O(1) per call.", "Each call is O(1) per-call.", "I evict the oldest.",
])
def test_problem_phrases_match_close_variants(notes):
    point = item(analyse(notes, MOVING_AVERAGE_POINTS), "running-sum")
    assert (point.found, point.earned) == (True, 3.0)
    assert point.evidence == " ".join(notes.split())
    assert point.reason.startswith('Mentions the key phrase "')


def test_problem_phrases_match_around_punctuation():
    report = analyse("Divide by min(window, seen). Reject window<1.", MOVING_AVERAGE_POINTS)
    assert item(report, "partial-window").found and item(report, "invalid-window").found


@pytest.mark.parametrize("notes", ["I keep a running summary.", "Evictions never happen.",
                                   "```python\nself.total += value  # running sum\n```"])
def test_problem_phrases_do_not_match_other_words_or_code(notes):
    point = item(analyse(notes, MOVING_AVERAGE_POINTS), "running-sum")
    assert (point.found, point.earned, point.evidence) == (False, 0.0, "")
    assert point.reason.startswith('None of the key phrases ("running sum", "running total"')


def test_problem_points_keep_their_id_description_and_weight():
    report = analyse(GOOD_NOTES, MOVING_AVERAGE_POINTS)
    points = report.items[5:]
    assert [(entry.id, entry.label, entry.weight) for entry in points] == [
        (point.id, point.description, point.weight) for point in MOVING_AVERAGE_POINTS]
    assert item(report, "float-drift").evidence == "The running float sum can drift; math.fsum over the deque " \
                                                   "would bound the rounding error."


# Empty notes ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("notes", ["", "   \n\t\n", "\n\n"])
def test_empty_notes_score_zero_with_a_reason_for_every_item(notes):
    report = analyse(notes, MOVING_AVERAGE_POINTS, measured="O(n)")
    assert report.score == 0.0 and report.claim == "unstated" and report.penalty == 0
    assert len(report.items) == 5 + len(MOVING_AVERAGE_POINTS)
    assert all(entry.earned == 0 and not entry.found and entry.reason == "No notes were written."
               for entry in report.items)


# Markdown -------------------------------------------------------------------------------------------------------

def test_markdown_structure_is_read_as_text():
    notes = ("## Complexity\n\n* **Time**: `O(n log n)` for the sort\n* *Space*: O(n)\n\n"
             "```python\n# O(1) per call\nxs.sort()\n```\n")
    report = analyse(notes, measured="O(n log n)")
    assert (report.claimed_time, report.claimed_space, report.claim) == ("O(n log n)", "O(n)", "honest")
    assert item(report, "time-complexity").evidence == "Time: O(n log n) for the sort"


def test_claims_in_a_code_block_count_when_the_prose_has_none():
    report = analyse("```python\n# O(n) time, O(1) space\nfor x in xs:\n    total += x\n```", measured="O(n)")
    assert (report.claimed_time, report.claimed_space, report.claim) == ("O(n)", "O(1)", "honest")


def test_lines_of_one_paragraph_are_separate_sentences_unless_wrapped():
    report = analyse("Time: O(n)\nSpace: O(1)\nEdge: empty input and zero, for a list\nthat is wrapped.")
    assert item(report, "time-complexity").evidence == "Time: O(n)"
    assert item(report, "space-complexity").evidence == "Space: O(1)"
    assert item(report, "edge-cases").evidence == "Edge: empty input and zero, for a list that is wrapped."
    assert item(report, "edge-cases").earned == 2.0


# The score ------------------------------------------------------------------------------------------------------

def test_the_score_formula_on_a_worked_example():
    points = (NarrationPoint(id="heap", description="Uses a heap", weight=3, phrases=("heap",)),)
    notes = ("## Approach\nPush every value onto a heap and pop the smallest k values at the end of the scan.\n"
             "## Complexity\nTime: O(n log n).\n## Edge cases\nAn empty input returns an empty list.")
    # approach 2 + time 2 (honest) + space 0 + edge cases 1 (one kind) + trade-offs 0 + heap 3 = 8 of 11
    honest = analyse(notes, points, target="O(n log n)", measured="O(n log n)")
    assert honest.score == round(100 * 8 / 11, 1) == 72.7
    assert honest.reasons[-1] == "Score 72.7 of 100: 8 of 11 rubric points."
    # measured O(n^2): the time item earns 0 and 15 points come off: 100 * 6 / 11 - 15
    over = analyse(notes, points, target="O(n log n)", measured="O(n^2)")
    assert over.score == round(100 * 6 / 11 - 15, 1) == 39.5
    # measured O(n): half the time item: 7 of 11
    assert analyse(notes, points, target="O(n log n)", measured="O(n)").score == 63.6


def test_the_score_never_goes_below_zero():
    report = analyse("O(1).", measured="O(n^3)")
    assert report.claim == "overclaim" and report.score == 0.0


def test_reasons_summarise_every_item_then_the_score():
    report = analyse(GOOD_NOTES, MOVING_AVERAGE_POINTS, measured="O(n)", per_call=True)
    assert len(report.reasons) == len(report.items) + 1
    assert report.reasons[0] == "Approach: 2 of 2. " + report.items[0].reason
    assert report.reasons[-1] == "Score 100 of 100: 17 of 17 rubric points."


# The report as a value and as JSON ------------------------------------------------------------------------------

def test_as_json_round_trips_through_json():
    report = analyse(OVERCLAIMING_NOTES, MOVING_AVERAGE_POINTS, measured="O(n^2)", per_call=True)
    document = report.as_json()
    assert json.loads(json.dumps(document)) == document
    assert document["claim"] == "overclaim" and document["penalty"] == 15.0
    assert document["items"][1] == dataclasses.asdict(report.items[1])
    assert set(document["items"][0]) == {"id", "label", "weight", "earned", "found", "evidence", "reason"}
    assert document["reasons"] == list(report.reasons)


def test_the_report_and_its_items_are_frozen():
    report = analyse(GOOD_NOTES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.score = 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.items[0].earned = 0.0
