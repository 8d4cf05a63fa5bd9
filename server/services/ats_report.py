"""An attempt's report for an applicant-tracking system: the reviewer's summary, without test data or code.

Built by allow-list from the judge's saved JSON (``Submission.report``): each
field copied here is one an ATS may see. Hidden tests appear only as counts;
their inputs, expected values, actual values, stdout and stderr never leave
techscreen, and neither does the candidate's code (reviewers read it in
techscreen, where access is per role). Anything the judge adds to its report
later stays out until someone adds it here.
"""

from sqlmodel import Session

from server.models import Attempt, Submission
from server.services.attempts import close_if_due
from server.services.results import ProblemResult, attempt_result

NARRATION_ITEM_KEYS = ("id", "label", "weight", "earned", "found", "evidence", "reason")
COMPLEXITY_KEYS = ("measured", "target", "verdict", "confidence", "reason", "correctness_failed", "correctness_total")


def attempt_report(session: Session, attempt: Attempt) -> dict:
    """The attempt's results (as ``results.attempt_result``) with each final submission's assessment."""
    close_if_due(session, attempt)
    result = attempt_result(session, attempt)
    document = result.as_json()
    document["problems"] = [_problem(problem, result.finished) for problem in result.problems]
    return document


def _problem(problem: ProblemResult, finished: bool) -> dict:
    document = problem.as_json()
    if problem.final is not None:
        document["final_submission"] = {**document["final_submission"], **_assessment(problem.final, finished)}
    return document


def _assessment(submission: Submission, finished: bool) -> dict:
    """The final submit's assessment; its band only once the attempt is finished (``results``)."""
    report = submission.report or {}
    tests = report.get("tests", [])
    counts: dict[tuple[str, str], dict] = {}
    for test in tests:
        key = (test["visibility"], test["group"])
        group = counts.setdefault(key, {"visibility": key[0], "group": key[1], "passed": 0, "total": 0})
        group["total"] += 1
        group["passed"] += test["verdict"] == "accepted"
    score, complexity = report.get("score"), report.get("complexity")
    notes, quality = report.get("notes"), report.get("quality")
    return {
        "tests": list(counts.values()),
        "policy_violations": len(report.get("policy", {}).get("violations", [])),
        "scoring": None if not score else {
            "total": score["total"], "band": score["band"] if finished else None, "components": score["components"],
            "reasons": score["reasons"]},
        "complexity": None if not complexity else {key: complexity.get(key) for key in COMPLEXITY_KEYS},
        "narration": None if not notes else {
            "score": notes["score"], "claim": notes["claim"], "claimed_time": notes["claimed_time"],
            "claimed_space": notes["claimed_space"], "penalty": notes["penalty"],
            "items": [{key: item[key] for key in NARRATION_ITEM_KEYS} for item in notes["items"]],
            "reasons": notes["reasons"]},
        "quality": None if not quality else {
            "score": quality["score"], "findings": len(quality["findings"]), "reasons": quality["reasons"]},
    }
