"""Code-quality score: ruff and radon findings, penalties and caps, hostile code never run."""

import json
import textwrap

import pytest

from server.errors import TechscreenError
from server.scoring import quality
from server.scoring.quality import QualityCheckError, analyse_code

CLEAN = '''\
"""Moving average of a stream of readings."""

from collections import deque


def moving_average(values: list[float], window: int) -> list[float]:
    """Return the mean of every full window of ``window`` consecutive values."""
    if window <= 0:
        raise ValueError("window must be positive")
    recent: deque[float] = deque()
    total = 0.0
    averages = []
    for value in values:
        recent.append(value)
        total += value
        if len(recent) > window:
            total -= recent.popleft()
        if len(recent) == window:
            averages.append(total / window)
    return averages
'''

SLOPPY = '''\
import os
import sys
import math

def movingAverage(Values, window):
    result = []
    s = 0
    for idx in range(len(Values)):
        s = s + Values[idx]
        if idx >= window:
            s = s - Values[idx - window]
        if idx >= window - 1:
            result.append(s / window)
    try:
        unused = math.sqrt(4)
    except:
        pass
    if result == None:
        return []
    return result
'''


def code(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def located(report) -> list[tuple[str, int]]:
    return [(finding.rule, finding.line) for finding in report.findings]


def test_a_clean_typical_solution_scores_100_with_its_metrics():
    report = analyse_code(CLEAN, "moving_average")
    assert (report.score, report.findings, report.reasons) == (100.0, (), ())
    assert report.metrics["functions"] == 1 and report.metrics["max_cyclomatic"] == 5
    assert report.metrics["longest_function_lines"] == 15 and report.metrics["lines_of_code"] == 15
    assert 0 < report.metrics["maintainability_index"] <= 100


def test_a_sloppy_working_solution_loses_points_for_each_kind_of_mistake():
    report = analyse_code(SLOPPY, "movingAverage")
    assert sorted(located(report)) == [("E711", 18), ("E722", 16), ("F401", 1), ("F401", 2), ("F841", 15),
                                       ("N802", 5), ("N803", 5), ("missing-docstring", 5), ("unclear-name", 7)]
    assert report.score == 73.0  # 6 + 5 + 5 + 3 + 2 + 2 + 2 + 2
    assert report.reasons[0] == "-6: 2 unused imports" and "-5: 1 bare except" in report.reasons
    assert sum(finding.penalty for finding in report.findings) == 100 - report.score


@pytest.mark.parametrize("rule, line, penalty, snippet", [
    ("F401", 1, 3, "import os\n\n\ndef solve(values):\n    '''Doc.'''\n    return values\n"),
    ("F841", 3, 3, "def solve(values):\n    '''Doc.'''\n    total = 0\n    return values\n"),
    ("F821", 3, 10, "def solve(values):\n    '''Doc.'''\n    return valuez\n"),
    ("F811", 5, 5, "def helper():\n    '''Doc.'''\n\n\ndef helper():\n    '''Doc.'''\n\n\n"
                   "def solve():\n    '''Doc.'''\n    return helper()\n"),
    ("E722", 5, 5, "def solve(values):\n    '''Doc.'''\n    try:\n        return values[0]\n"
                   "    except:\n        return None\n"),
    ("E741", 3, 3, "def solve(values):\n    '''Doc.'''\n    l = len(values)\n    return l\n"),
    ("B006", 1, 5, "def solve(values, seen=[]):\n    '''Doc.'''\n    return values + seen\n"),
    ("E711", 3, 2, "def solve(values):\n    '''Doc.'''\n    return values == None\n"),
    ("E712", 3, 2, "def solve(values):\n    '''Doc.'''\n    return values == True\n"),
    ("N801", 1, 2, "class running_mean:\n    '''Doc.'''\n\n\n"
                   "def solve():\n    '''Doc.'''\n    return running_mean()\n"),
    ("N802", 1, 2, "def helperValue():\n    '''Doc.'''\n\n\ndef solve():\n    '''Doc.'''\n    return helperValue()\n"),
    ("N803", 1, 2, "def solve(inputValues):\n    '''Doc.'''\n    return inputValues\n"),
    ("N806", 3, 2, "def solve(values):\n    '''Doc.'''\n    Total = sum(values)\n    return Total\n"),
])
def test_each_ruff_rule_is_reported_alone_on_its_line(rule, line, penalty, snippet):
    report = analyse_code(snippet, "solve")
    assert located(report) == [(rule, line)]
    finding = report.findings[0]
    assert (finding.source, finding.penalty, report.score) == ("ruff", penalty, 100 - penalty)
    assert finding.message.endswith(".") and len(finding.message.split()) > 5


def branchy(branches: int) -> str:
    body = "".join(f"    if value == {i}:\n        total += {i}\n" for i in range(branches))
    return f"def solve(value):\n    '''Doc.'''\n    total = 0\n{body}    return total\n"


def test_complexity_above_ten_costs_five_points_and_above_twenty_ten():
    assert analyse_code(branchy(9), "solve").findings == ()
    complex_report = analyse_code(branchy(10), "solve")
    assert located(complex_report) == [("complex-function", 1)]
    assert complex_report.findings[0].source == "radon" and complex_report.score == 95.0
    assert "complexity 11 (limit 10)" in complex_report.findings[0].message
    very_complex = analyse_code(branchy(20), "solve")
    assert very_complex.findings[0].penalty == 10 and very_complex.metrics["max_cyclomatic"] == 21


def long_function(lines: int) -> str:
    return "x = 0\n\n\ndef solve():\n    '''Doc.'''\n" + "    print(x)\n" * (lines - 2)


def test_functions_over_fifty_lines_are_reported_at_their_definition():
    assert analyse_code(long_function(50), "solve").findings == ()
    report = analyse_code(long_function(51), "solve")
    assert located(report) == [("long-function", 4)] and report.score == 95.0
    assert report.metrics["longest_function_lines"] == 51 and "51 lines" in report.findings[0].message


def test_caps_bound_each_rule_and_later_findings_cost_nothing():
    report = analyse_code("".join(f"import m{i}\n" for i in range(6)), "solve")
    assert [finding.penalty for finding in report.findings] == [3, 3, 3, 1, 0, 0]
    assert report.score == 90.0 and report.reasons == ("-10: 6 unused imports (capped at 10)",)
    names = analyse_code(code("""
        def solve(p, q, r, s, t):
            '''Doc.'''
            return p + q + r + s + t
    """), "solve")
    assert len(names.findings) == 5 and names.score == 94.0
    assert names.reasons == ("-6: 5 unclear single-letter names (capped at 6)",)


def test_the_entry_point_function_needs_a_docstring_other_functions_do_not():
    report = analyse_code(code("""
        def helper():
            return 1


        def solve():
            return helper()
    """), "solve")
    assert located(report) == [("missing-docstring", 5)] and report.score == 95.0
    assert "function `solve`" in report.findings[0].message
    assert analyse_code(code("def solve():\n    '''Doc.'''\n"), "absent").findings == ()


def test_an_entry_point_class_needs_a_class_docstring():
    undocumented = code("""
        class RunningMean:
            def __init__(self):
                '''Start empty.'''
                self.count = 0
    """)
    report = analyse_code(undocumented, "RunningMean")
    assert located(report) == [("missing-docstring", 1)] and "class `RunningMean`" in report.findings[0].message
    documented = undocumented.replace("RunningMean:\n", "RunningMean:\n    '''Mean of a stream.'''\n")
    assert analyse_code(documented, "RunningMean").findings == ()


def test_conventional_short_names_loop_variables_and_ml_names_are_not_flagged():
    report = analyse_code(code("""
        def fit(X, y, n=10):
            '''Doc.'''
            X_train = [row for row in X]
            pairs = sorted(zip(X_train, y), key=lambda p: p[1])
            squares = {c: c * c for c, _ in pairs}
            try:
                with open("weights.txt") as f:
                    f.read()
            except OSError as e:
                raise ValueError(n) from e
            for w in squares:
                print(w)
            i, j, k, m, x, z, a, b, _ = range(9)
            return squares, i + j + k + m + x + z + a + b
    """), "fit")
    assert report.findings == ()


def test_unclear_names_are_reported_once_at_their_first_binding():
    report = analyse_code(code("""
        def solve(q, e):
            '''Doc.'''
            f = q
            f = f + e
            return f
    """), "solve")
    assert located(report) == [("unclear-name", 1), ("unclear-name", 1), ("unclear-name", 3)]
    assert {finding.message.split("`")[1] for finding in report.findings} == {"q", "e", "f"}
    assert all(finding.source == "ast" for finding in report.findings)


@pytest.mark.parametrize("source, line", [
    ("def solve(:\n    pass\n", 1),
    ("def solve():\n    '''Doc.'''\n    return (1,\n\n", 3),
    ("x = 1\0\n", 1),
])
def test_syntax_errors_score_zero_with_one_finding_saying_where(source, line):
    report = analyse_code(source, "solve")
    assert report.score == 0.0 and located(report) == [("syntax-error", line)]
    assert report.findings[0].penalty == 100 and report.reasons == ("-100: 1 syntax error",)


@pytest.mark.parametrize("source", ["", "  \n\n", "# nothing yet\n"])
def test_empty_code_scores_zero(source):
    report = analyse_code(source, "solve")
    assert report.score == 0.0 and located(report) == [("empty-code", 1)]


def test_code_too_deep_for_the_analysers_scores_zero_instead_of_crashing():
    report = analyse_code("total = " + "1 + " * 1000 + "1\n", "solve")
    assert report.score == 0.0 and located(report) == [("too-deeply-nested", 1)]


def test_invalid_escape_warnings_do_not_turn_into_syntax_errors():
    report = analyse_code(code("""
        import re

        PATTERN = re.compile("\\d+")
    """), "solve")
    assert report.score == 100.0 and report.findings == ()


def test_the_code_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    hostile = code(f"""
        import pathlib
        pathlib.Path({str(marker)!r}).write_text("ran")
        raise SystemExit(3)


        def solve():
            '''Doc.'''
            pathlib.Path({str(marker)!r}).write_text("ran")
    """)
    report = analyse_code(hostile, "solve")
    assert not marker.exists() and report.score == 100.0


def test_noqa_comments_and_project_config_cannot_hide_findings(tmp_path, monkeypatch):
    (tmp_path / "ruff.toml").write_text('[lint.per-file-ignores]\n"solution.py" = ["F401"]\n')
    monkeypatch.chdir(tmp_path)
    report = analyse_code("# ruff: noqa\nimport os  # noqa\nimport sys  # noqa: F401\n", "solve")
    assert located(report) == [("F401", 2), ("F401", 3)]


def test_as_json_is_serialisable_and_complete():
    report = analyse_code(SLOPPY, "movingAverage")
    loaded = json.loads(json.dumps(report.as_json()))
    assert loaded["score"] == report.score and loaded["reasons"] == list(report.reasons)
    assert loaded["metrics"] == report.metrics and len(loaded["findings"]) == len(report.findings)
    assert set(loaded["findings"][0]) == {"rule", "line", "message", "penalty", "source"}


def fake_ruff(tmp_path, monkeypatch, script: str) -> None:
    binary = tmp_path / "ruff"
    binary.write_text("#!/bin/sh\n" + script)
    binary.chmod(0o755)
    monkeypatch.setattr("ruff.find_ruff_bin", lambda: str(binary))


def test_missing_ruff_raises_a_clear_error(monkeypatch):
    def not_found():
        raise FileNotFoundError("no ruff")

    monkeypatch.setattr("ruff.find_ruff_bin", not_found)
    with pytest.raises(QualityCheckError, match="ruff is not installed") as raised:
        analyse_code(CLEAN, "moving_average")
    assert isinstance(raised.value, TechscreenError)


def test_ruff_timing_out_raises(tmp_path, monkeypatch):
    fake_ruff(tmp_path, monkeypatch, "exec sleep 5\n")
    monkeypatch.setattr(quality, "RUFF_TIMEOUT_SECONDS", 0.2)
    with pytest.raises(QualityCheckError, match="did not finish within 0.2 s"):
        analyse_code(CLEAN, "moving_average")


def test_ruff_failing_raises_with_its_message(tmp_path, monkeypatch):
    fake_ruff(tmp_path, monkeypatch, "echo 'ruff failed: bad option' >&2\nexit 2\n")
    with pytest.raises(QualityCheckError, match="exit 2.*bad option"):
        analyse_code(CLEAN, "moving_average")
