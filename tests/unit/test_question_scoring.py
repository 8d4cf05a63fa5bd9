"""Question items' format, option order and scores (single, multiple with partial credit, written against a rubric),
the fluency component and the screen total."""

import pytest

from server.errors import ProblemFormatError
from server.questions.item import parse_question, question_issues, scaffold_question
from server.questions.order import option_order
from server.scoring.questions import fluency, score_answer, score_choices, score_written
from server.scoring.score import screen_total

HEAD = 'id = "q-x"\ntitle = "X"\ntopic = "metrics"\nprompt = "Which?"\nexplanation = "Because."\n'


def item(format_, correct, wrong=2, extra=""):
    options = "".join(f'\n[[options]]\ntext = "right {n}"\ncorrect = true\n' for n in range(correct))
    options += "".join(f'\n[[options]]\ntext = "wrong {n}"\n' for n in range(wrong))
    return parse_question(f'{HEAD}format = "{format_}"\n{extra}{options}')


WRITTEN = parse_question(HEAD + '''format = "written"
[[rubric]]
id = "sparsity"
description = "L1 zeroes weights"
weight = 2
phrases = ["exactly zero", "sparse"]

[[rubric]]
id = "shrink"
description = "L2 shrinks"
weight = 1
phrases = ["shrinks"]
''')


def test_a_single_answer_scores_all_or_nothing():
    single = item("single", 1)
    assert [score_choices(single, chosen).share for chosen in ([0], [1], [], [2])] == [1.0, 0.0, 0.0, 0.0]
    assert score_choices(single, []).reason == "not answered"


@pytest.mark.parametrize(("chosen", "share"), [
    ([0, 1], 1.0),  # every correct option and nothing else
    ([0], 0.5),  # half the correct options
    ([0, 2], 0.0),  # one right, one wrong: they cancel
    ([0, 1, 2], 0.5),  # all right, one wrong: -1/k
    ([0, 1, 2, 3], 0.0),  # everything: floored at 0, so ticking every box earns nothing
    ([2, 3], 0.0),
    ([9, -1], 0.0),  # unknown indexes count for nothing
])
def test_a_multiple_answer_earns_a_kth_per_correct_option_and_loses_a_kth_per_wrong_one(chosen, share):
    assert score_choices(item("multiple", 2), chosen).share == share


def test_a_written_answer_earns_the_weight_of_the_rubric_points_it_shows_and_a_reviewer_overrides_it():
    shown = score_written(WRITTEN, "L1 makes the model sparse.")
    assert shown.share == pytest.approx(2 / 3) and [hit.found for hit in shown.rubric] == [True, False]
    assert shown.rubric[0].evidence == "L1 makes the model sparse."
    assert score_written(WRITTEN, "L1 is sparse and L2 shrinks weights.").share == 1.0
    assert score_written(WRITTEN, "```\nsparse\n```").share == 0.0  # code alone is not prose
    assert score_written(WRITTEN, "  ").reason == "not answered"
    reviewed = score_answer(WRITTEN, [], "L1 makes the model sparse.", reviewer=25)
    assert (reviewed.share, reviewed.auto, reviewed.reviewer) == (0.25, pytest.approx(2 / 3), 0.25)


def test_fluency_weighs_items_by_points_and_an_unanswered_item_counts_zero():
    heavy = item("single", 1, extra="points = 3\n")
    light = item("single", 1)
    report = fluency([(heavy, score_choices(heavy, [0])), (light, score_choices(light, []))])
    assert (report.score, report.earned, report.possible) == (75.0, 3.0, 4.0)
    assert report.reasons[1] == "X: 0 of 1 (not answered)"


def test_the_screen_total_weighs_fluency_against_the_coding_mean():
    assert screen_total(80.0, 50.0, 20) == pytest.approx(74.0)
    assert screen_total(80.0, None, 20) == 80.0  # no question items: the coding mean, as before
    assert screen_total(None, 50.0, 20) == 50.0  # no coding problems: fluency alone
    assert screen_total(80.0, 50.0, 0) == 80.0 and screen_total(80.0, 50.0, 100) == 50.0


@pytest.mark.parametrize(("text", "message"), [
    (HEAD + 'format = "single"\n[[options]]\ntext = "a"\ncorrect = true\n[[options]]\ntext = "b"\ncorrect = true\n',
     "exactly one correct option, not 2"),
    (HEAD + 'format = "multiple"\n[[options]]\ntext = "a"\ncorrect = true\n[[options]]\ntext = "b"\ncorrect = true\n',
     "at least one correct and one wrong option"),
    (HEAD + 'format = "single"\n[[options]]\ntext = "a"\ncorrect = true\n', "2 to 8 [[options]]"),
    (HEAD + 'format = "single"\n[[options]]\ntext = "a"\ncorrect = true\n[[options]]\ntext = "a "\n',
     "two options have the same text"),
    (HEAD + 'format = "written"\n', "at least one [[rubric]] point"),
    (HEAD + 'format = "essay"\n', "format: Input should be 'single', 'multiple' or 'written'"),
])
def test_a_malformed_item_is_refused_with_the_reason(text, message):
    with pytest.raises(ProblemFormatError) as raised:
        parse_question(text)
    assert message in str(raised.value)


def test_issues_name_the_line_and_the_scaffold_is_valid():
    issues = question_issues("q-x", {"question.toml": HEAD.replace('topic = "metrics"\n', "") + 'format = "x"\n'})
    assert {(issue.line, issue.message) for issue in issues} == {
        (5, "format: Input should be 'single', 'multiple' or 'written'"), (None, "topic: required key is missing")}
    assert question_issues("q-new", scaffold_question("q-new", 'Say "hi"')) == []
    assert "differs from the folder name" in str(question_issues("q-other", scaffold_question("q-new", "T"))[0])


def test_the_option_order_is_a_permutation_fixed_per_attempt_and_version_and_varies_between_attempts():
    assert option_order(7, 3, 5) == option_order(7, 3, 5) and sorted(option_order(7, 3, 5)) == [0, 1, 2, 3, 4]
    orders = {tuple(option_order(attempt, 3, 5)) for attempt in range(1, 30)}
    assert len(orders) > 10
    assert any(option_order(attempt, 3, 5) != option_order(attempt, 4, 5) for attempt in range(1, 5))
