from server.judge.verdicts import Verdict

DESIGN_ORDER = ["accepted", "wrong_answer", "runtime_error", "time_limit_exceeded", "memory_limit_exceeded",
                "output_limit_exceeded", "policy_violation", "system_error"]


def test_labels_are_the_contracts_names_in_order():
    assert [verdict.label for verdict in sorted(Verdict)] == DESIGN_ORDER


def test_worst_picks_the_most_severe():
    assert Verdict.worst([Verdict.ACCEPTED, Verdict.TIME_LIMIT_EXCEEDED, Verdict.WRONG_ANSWER]) \
        is Verdict.TIME_LIMIT_EXCEEDED
    assert Verdict.worst([]) is Verdict.ACCEPTED


def test_from_label_round_trips_and_rejects_unknown_names():
    assert all(Verdict.from_label(v.label) is v for v in Verdict)
    try:
        Verdict.from_label("partially_right")
    except ValueError as error:
        assert "partially_right" in str(error)
    else:
        raise AssertionError("an unknown verdict name was accepted")
