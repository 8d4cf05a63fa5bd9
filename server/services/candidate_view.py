"""What a candidate may see of a submission: hidden tests as counts only, never one hidden test's data.

Built by allow-list: each field copied here is one the candidate may see;
anything the judge adds later stays staff-only until someone adds it here.
A hidden test's input, output and logs would give the test away; so would its
verdict, its time or even its progress event, one submission at a time (code
that fails or sleeps on purpose when an input has some property decodes the
input), so hidden tests reach candidates as passed and total per group.
Nor does a candidate see a hiring recommendation: at most the score total,
where the screen allows it (``Screen.candidate_feedback``).
"""

from server.models import CandidateFeedback, Submission, SubmissionStatus
from server.problems.package import ProblemPackage
from server.readable_values import dumps_readable
from server.services.custom_input import CUSTOM_CASE, custom_case
from server.services.progress_board import Progress

PUBLIC_INPUT_KEYS = ("args", "kwargs", "init", "calls", "stdin")


def public_case(case) -> dict:
    """A public case as the statement shows it: input and expected."""
    shown = {key: getattr(case, key) for key in PUBLIC_INPUT_KEYS if getattr(case, key) is not None}
    if case.raises:
        shown["raises"] = case.raises
    elif case.has_expected:  # a Run on the candidate's own input expects nothing
        shown["expected"] = case.expected
    return {"name": case.name, "description": case.description, "input": shown}


def submission_view(submission: Submission, package: ProblemPackage, feedback: CandidateFeedback) -> dict:
    """The candidate's view of a run or submission: public tests row by row, hidden tests counted, and the
    score total if the screen's ``feedback`` says so. Never the band, the components, the reasons or the
    complexity measured: those make a hiring recommendation, which is the reviewers' to read."""
    view = {"id": submission.id, "kind": submission.kind, "status": submission.status.value,
            "verdict": submission.verdict, "passed": submission.passed, "total": submission.total,
            "error": _error_text(submission)}
    report = submission.report or {}
    tests = report.get("tests", [])
    public = {case.name: case for case in package.public_cases}
    if submission.custom_input is not None:
        public = {CUSTOM_CASE: custom_case(submission.custom_input, package)}
        view["own_input"] = True
    spec = package.spec
    view["tests"] = [_public_row(test, public.get(test["name"]), report.get("details", {}), spec.kind,
                                 spec.entry_point) for test in tests if test["visibility"] == "public"]
    view["hidden"] = hidden_counts(tests)
    view["policy"] = report.get("policy", {}).get("violations", [])
    score = report.get("score")
    if score and feedback == CandidateFeedback.SCORE:
        view["score"] = {"total": score["total"]}
    return view


def hidden_counts(tests: list[dict]) -> dict:
    """Passed and total of the hidden tests, overall and per group (correctness, performance)."""
    counts = {"passed": 0, "total": 0, "groups": {}}
    for test in tests:
        if test["visibility"] != "hidden":
            continue
        group = counts["groups"].setdefault(test["group"], {"passed": 0, "total": 0})
        for tally in (counts, group):
            tally["passed"] += test["verdict"] == "accepted"
            tally["total"] += 1
    return counts


def _public_row(test: dict, case, details: dict, kind: str, entry_point: str) -> dict:
    """A public test as the candidate sees it: the case, their actual value (or the exception raised), message
    and stdout."""
    row = {"name": test["name"], "visibility": "public", "group": test["group"], "verdict": test["verdict"],
           "time_ms": test["time_ms"]}
    if case is not None:
        detail = details.get(test["name"], {})
        row.update(public_case(case), actual=detail.get("actual"), raised=detail.get("raised"),
                   message=detail.get("message", ""), stdout=detail.get("stdout", ""))
        if "actual_omitted_chars" in detail:
            row["actual_omitted_chars"] = detail["actual_omitted_chars"]
        row["text"] = _readable(row, kind, entry_point)
    return row


def _readable(row: dict, kind: str, entry_point: str) -> dict:
    """The row's values as the page shows them: the input as the call the test makes, arrays with dtype and
    shape (``server.readable_values``)."""
    shown = row["input"]
    return {"input": call_text(shown, kind, entry_point),
            "expected": dumps_readable(shown["expected"]) if "expected" in shown else None,
            "actual": dumps_readable(row["actual"])}


def call_text(shown: dict, kind: str, entry_point: str) -> str:
    """A case's input as Python a candidate reads at a glance: ``f(1, [2, 3], k=4)``; for a class, the
    constructor and then each method call on one line each; for stdio, the input text itself."""
    if kind == "stdio":
        return shown.get("stdin", "")
    if kind == "class":
        lines = [f"obj = {_call(entry_point, shown.get('init') or [], {})}"]
        lines += [f"obj.{_call(method, args, {})}" for method, args in shown.get("calls") or []]
        return "\n".join(lines)
    return _call(entry_point, shown.get("args") or [], shown.get("kwargs") or {})


def _call(name: str, args: list, kwargs: dict) -> str:
    written = [dumps_readable(arg) for arg in args]
    written += [f"{key}={dumps_readable(value)}" for key, value in kwargs.items()]
    return f"{name}({', '.join(written)})"


PHASES = {"queued": (0.0, "Waiting for a judge"), "tests": (0.1, "Running the tests in the sandbox"),
          "complexity": (0.6, "Measuring time complexity and scoring")}


def progress_view(progress: Progress | None, state: SubmissionStatus, kind: str) -> dict:
    """A judging's progress as the candidate's stream and status address show it.

    A run (public tests only) moves test by test; a submit moves by phase
    only, so when its events arrive says nothing about any one hidden test.
    """
    if state in (SubmissionStatus.DONE, SubmissionStatus.ERROR):
        return {"phase": state.value, "fraction": 1.0, "message": "finished"}
    if progress is None or progress.phase not in (*PHASES, "delayed"):
        return {"phase": state.value, "fraction": 0.0, "message": PHASES["queued"][1]}
    if kind == "run" or progress.phase == "delayed":  # a delay (the engine away) is about no test
        return progress.as_json()
    fraction, message = PHASES[progress.phase]
    return {"phase": progress.phase, "fraction": fraction, "message": message}


def _error_text(submission: Submission) -> str | None:
    if submission.error is None:
        return None
    return ("The judge could not finish this submission: a fault on our side, not in your code. Your code is "
            "saved; tell the hiring team, and submit again once they say it is fixed.")
