"""The bank's question items: enough of them, every topic the screen is meant to cover, each loading, with an
explanation, and each written item's sample answer earning full marks from its own rubric."""

from server.problems import bank
from server.scoring.questions import score_written

TOPICS = {"bias-variance", "regularisation", "metrics", "leakage", "cross-validation", "gradient-descent",
          "overfitting", "embeddings", "ranking"}


def items():
    loaded = bank.list_questions()
    assert all(isinstance(entry, tuple) for _, entry in loaded), [entry for _, entry in loaded]
    return [entry[0] for _, entry in loaded]


def test_the_bank_has_at_least_30_items_over_every_topic_in_every_format():
    found = items()
    assert len(found) >= 30
    assert {item.topic for item in found} == TOPICS
    assert {item.format for item in found} == {"single", "multiple", "written"}
    assert all(len(item.explanation) >= 150 for item in found), [i.id for i in found if len(i.explanation) < 150]


def test_the_bank_folders_of_question_items_are_not_problem_packages():
    questions = {item.id for item in items()}
    assert questions.isdisjoint(name for name, _ in bank.list_packages())


def test_each_written_items_sample_answer_earns_its_whole_rubric_and_a_blank_nothing():
    for item in (item for item in items() if item.format == "written"):
        assert score_written(item, item.sample_answer).share == 1.0, item.id
        assert score_written(item, "I am not sure.").share == 0.0, item.id
