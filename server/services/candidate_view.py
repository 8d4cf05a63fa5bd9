"""What a candidate may see of a submission: never a hidden test's input, output or logs.

Built by allow-list: each field copied here is one the candidate may see;
anything the judge adds later stays staff-only until someone adds it here.
"""

from server.models import Submission
from server.problems.package import ProblemPackage

PUBLIC_INPUT_KEYS = ("args", "kwargs", "init", "calls", "stdin")


def public_case(case) -> dict:
    """A public case as the statement shows it: input and expected."""
    shown = {key: getattr(case, key) for key in PUBLIC_INPUT_KEYS if getattr(case, key) is not None}
    if case.raises:
        shown["raises"] = case.raises
    else:
        shown["expected"] = case.expected
    return {"name": case.name, "description": case.description, "input": shown}


def submission_view(submission: Submission, package: ProblemPackage) -> dict:
    """The candidate's view of a run or submission."""
    view = {"id": submission.id, "kind": submission.kind, "status": submission.status.value,
            "verdict": submission.verdict, "passed": submission.passed, "total": submission.total,
            "error": _error_text(submission)}
    report = submission.report or {}
    public = {case.name: case for case in package.public_cases}
    details = report.get("details", {})
    tests, hidden_count = [], 0
    for test in report.get("tests", []):
        hidden_count += test["visibility"] == "hidden"
        row = {"name": test["name"] if test["visibility"] == "public" else f"hidden test {hidden_count}",
               "visibility": test["visibility"], "group": test["group"], "verdict": test["verdict"],
               "time_ms": test["time_ms"]}
        if test["visibility"] == "public" and test["name"] in public:
            detail = details.get(test["name"], {})
            row.update(public_case(public[test["name"]]), actual=detail.get("actual"),
                       message=detail.get("message", ""), stdout=detail.get("stdout", ""))
            if "actual_omitted_chars" in detail:
                row["actual_omitted_chars"] = detail["actual_omitted_chars"]
        tests.append(row)
    view["tests"] = tests
    hidden = [t for t in tests if t["visibility"] == "hidden"]
    view["hidden"] = {"passed": sum(t["verdict"] == "accepted" for t in hidden), "total": len(hidden)}
    view["policy"] = report.get("policy", {}).get("violations", [])
    score = report.get("score")
    if score:
        view["score"] = {"total": score["total"], "band": score["band"],
                         "components": {name: c["score"] for name, c in score["components"].items()}}
    complexity = report.get("complexity")
    if complexity:
        view["complexity"] = {"measured": complexity["measured"], "target": complexity["target"],
                              "verdict": complexity["verdict"]}
    return view


def _error_text(submission: Submission) -> str | None:
    if submission.error is None:
        return None
    return ("The judge could not finish this submission: a fault on our side, not in your code. Your code is "
            "saved; tell the hiring team, and submit again once they say it is fixed.")
