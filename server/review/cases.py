"""The reviewer's per-test table: every test with its input, expected and actual value, and a diff for failures.

Reviewers may see hidden tests. Inputs and expected values come from the
package of the version the submission was judged against; the actual value,
stdout and stderr from the report's ``details``. Large values are cut, so
one huge generated case cannot make the page unreadable.
"""

import dataclasses
import json

from server.problems.package import ProblemPackage
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
        shown = "" if actual is None else _show(actual)
        failed = test["verdict"] != "accepted"
        comparable = failed and actual is not None and _has_value(case)
        rows.append(CaseRow(test["name"], test["visibility"], test["group"], test["verdict"], test.get("time_ms"),
                            case.description if case else "", _input(case), _expected(case), shown,
                            detail.get("message") or test.get("message", ""), _cut(detail.get("stdout", "")),
                            _cut(detail.get("stderr", "")),
                            line_diff(_show(case.expected, 1), _show(actual, 1)) if comparable else []))
    return sorted(rows, key=lambda row: row.passed)


def _has_value(case) -> bool:
    """The case states an expected value (not an exception, not the reference's result)."""
    return case is not None and not case.raises and case.has_expected


def _input(case) -> str:
    if case is None:
        return "(this test is not in the package any more)"
    if case.generate is not None:
        spec = case.generate
        return f"generated: n={spec.n}, seed={spec.seed}" + (f", family={spec.family}" if spec.family else "")
    return _show({key: getattr(case, key) for key in PUBLIC_INPUT_KEYS if getattr(case, key) is not None})


def _expected(case) -> str:
    if case is None:
        return ""
    if case.raises:
        return f"raises {case.raises}"
    if case.generate is not None and not case.has_expected:
        return "(the reference solution's result on the generated input)"
    return _show(case.expected)


def _show(value, indent: int | None = None) -> str:
    """JSON of ``value``: compact for the table, one item a line (``indent``) for diffs."""
    try:
        text = json.dumps(value, indent=indent, allow_nan=True, default=repr)
    except ValueError:  # circular: cannot come from JSON, but never fail the page
        text = repr(value)
    return _cut(text)


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + f"\n… ({len(text) - SHOWN_CHARS} more characters)"

