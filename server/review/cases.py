"""The reviewer's per-test table: every test with its input, expected and actual value, and a diff for failures.

Reviewers may see hidden tests. Inputs and expected values come from the
package of the version the submission was judged against; the actual value
(or the exception raised), stdout and stderr from the report's ``details``,
and so does the expected value the reference solution computed for a
generated case. Large values are cut, so one huge generated case cannot make
the page unreadable.
"""

import dataclasses

from server.judge.report import Raised
from server.problems.package import ProblemPackage
from server.readable_values import dumps_readable
from server.review.diff import line_diff
from server.services.candidate_view import PUBLIC_INPUT_KEYS

SHOWN_CHARS = 4000


@dataclasses.dataclass(frozen=True)
class CaseRow:
    name: str
    visibility: str
    group: str
    verdict: str
    time_ms: float | None
    description: str
    input: str
    expected: str
    actual: str
    message: str
    stdout: str
    stderr: str
    diff: list[dict]  # line_diff of expected (removed) against actual (added)

    @property
    def passed(self) -> bool:
        return self.verdict == "accepted"


def case_rows(report: dict | None, package: ProblemPackage) -> list[CaseRow]:
    """One row per test the report lists: failed tests first, each group in the report's order."""
    if not report:
        return []
    cases = {case.name: case for case in package.cases}
    details = report.get("details", {})
    rows = []
    for test in report.get("tests", []):
        case = cases.get(test["name"])
        detail = details.get(test["name"], {})
        actual = detail.get("actual")
        expected = _expected_value(case, detail)
        comparable = test["verdict"] != "accepted" and actual is not None and expected is not _NO_VALUE
        rows.append(CaseRow(test["name"], test["visibility"], test["group"], test["verdict"], test.get("time_ms"),
                            case.description if case else "", _input(case), _expected(case, detail), _actual(detail),
                            detail.get("message") or test.get("message", ""), _cut(detail.get("stdout", "")),
                            _cut(detail.get("stderr", "")),
                            line_diff(_show(expected, 1), _show(actual, 1)) if comparable else []))
    return sorted(rows, key=lambda row: row.passed)


_NO_VALUE = object()


def _expected_value(case, detail: dict):
    """The value the test was graded against: the case's own, or the reference's as the report kept it.

    ``_NO_VALUE`` for an expected exception, a test gone from the package, and a generated case whose value
    the report does not hold (judged before it was kept, or too large to keep).
    """
    if case is None or case.raises:
        return _NO_VALUE
    return case.expected if case.has_expected else detail.get("expected", _NO_VALUE)


def _actual(detail: dict) -> str:
    """What the code produced: its value, or ``raised ValueError: ...`` (after a class case's earlier returns)."""
    if "actual_omitted_chars" in detail:
        return f"({_too_large(detail['actual_omitted_chars'])})"
    actual, raised = detail.get("actual"), Raised.parse(detail.get("raised"))
    shown = "" if actual is None or (raised and actual == []) else _show(actual)
    if raised is None:
        return shown
    return f"{shown}, then raised {raised.summary}" if shown else f"raised {raised.summary}"


def _input(case) -> str:
    if case is None:
        return "(this test is not in the package any more)"
    if case.generate is not None:
        spec = case.generate
        return f"generated: n={spec.n}, seed={spec.seed}" + (f", family={spec.family}" if spec.family else "")
    return _show({key: getattr(case, key) for key in PUBLIC_INPUT_KEYS if getattr(case, key) is not None})


def _expected(case, detail: dict) -> str:
    if case is None:
        return ""
    if case.raises:
        return f"raises {case.raises}"
    value = _expected_value(case, detail)
    if value is not _NO_VALUE:
        return _show(value)
    generated = "the reference solution's result on the generated input"
    if "expected_omitted_chars" in detail:
        return f"({generated}: {_too_large(detail['expected_omitted_chars'])})"
    return f"({generated})"


def _too_large(chars: int) -> str:
    return f"{chars:,} characters of JSON, too large to keep"


def _show(value, indent: int | None = None) -> str:
    """JSON of ``value``: compact for the table, one item a line (``indent``) for diffs."""
    try:
        text = dumps_readable(value, indent)
    except (ValueError, RecursionError):  # circular: cannot come from JSON, but never fail the page
        text = repr(value)
    return _cut(text)


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + f"\n… ({len(text) - SHOWN_CHARS} more characters)"

