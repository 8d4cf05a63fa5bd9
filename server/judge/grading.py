"""One test's verdict from its sandbox outcome and its expectation (host-side)."""

import dataclasses

from sandbox import RunOutcome
from sandbox.typed_values import plain
from server.judge.checkers import REGISTRY, check_exception
from server.judge.checkers.base import PASSED, identical, show
from server.judge.checkers.exception import raised_builtin
from server.judge.expected import Expectation
from server.judge.report import Raised
from server.judge.verdicts import Verdict
from server.problems.schema import Case, CheckerSpec

_STATUS_VERDICTS = {
    "timeout": Verdict.TIME_LIMIT_EXCEEDED,
    "memory": Verdict.MEMORY_LIMIT_EXCEEDED,
    "output_limit": Verdict.OUTPUT_LIMIT_EXCEEDED,
    "crashed": Verdict.RUNTIME_ERROR,
    "malformed": Verdict.RUNTIME_ERROR,
    "setup_failed": Verdict.SYSTEM_ERROR,
    # Not the code's fault, and so even on a second run in a fresh container (RunOutcome.lost): the sandbox lost
    # the test, its supervisor failed on it, or the machine was too busy to finish it.
    "missing": Verdict.SYSTEM_ERROR,
    "sandbox_error": Verdict.SYSTEM_ERROR,
    "unfinished": Verdict.SYSTEM_ERROR,
}


@dataclasses.dataclass(frozen=True)
class Graded:
    """A test's verdict, a message saying why, and what the code produced: its return, or the exception it
    raised (a class case: the returns before it, and the exception)."""

    verdict: Verdict
    message: str = ""
    actual: object = None
    raised: Raised | None = None


def grade(case: Case, expectation: Expectation, outcome: RunOutcome, kind: str,
          checker: CheckerSpec) -> Graded:
    """Judge one test. Untrusted data has been parsed already; nothing here trusts it further."""
    if outcome.status != "completed":
        return Graded(_STATUS_VERDICTS.get(outcome.status, Verdict.RUNTIME_ERROR), outcome.detail)
    result = outcome.result or {}
    if "refused" in result:
        return Graded(Verdict.POLICY_VIOLATION, str(result["refused"])[:500])
    if "invalid" in result:
        return Graded(Verdict.WRONG_ANSWER, str(result["invalid"])[:300])
    raised = Raised.parse(result.get("raised"))
    returned = result.get("returned")
    if raised_builtin(result, "MemoryError"):
        return Graded(Verdict.MEMORY_LIMIT_EXCEEDED, "MemoryError: the memory limit was reached", returned, raised)
    if not expectation.checked:  # the candidate's own input: it ran, or it raised
        if raised is not None:
            return Graded(Verdict.RUNTIME_ERROR, raised.summary, returned, raised)
        return Graded(Verdict.ACCEPTED, "", returned)
    if expectation.raises:
        return _grade_raise(expectation, result, raised, kind, checker)
    if raised is not None:
        return Graded(Verdict.RUNTIME_ERROR, raised.summary, returned, raised)
    if "returned" not in result:
        return Graded(Verdict.RUNTIME_ERROR, "no value was returned", None)
    check = _compare(expectation.value, returned, kind, checker, case)
    return Graded(Verdict.ACCEPTED if check.ok else Verdict.WRONG_ANSWER, check.message, returned)


def _grade_raise(expectation: Expectation, result: dict, raised: Raised | None, kind: str,
                 checker: CheckerSpec) -> Graded:
    returned = result.get("returned")
    if kind == "class" and expectation.value:
        prefix = returned[:len(expectation.value)] if isinstance(returned, list) else returned
        check = _checker(checker)(expectation.value, prefix, checker)
        if not check.ok:
            return Graded(Verdict.WRONG_ANSWER, f"before the expected {expectation.raises}: {check.message}",
                          returned, raised)
    check = check_exception(expectation.raises, result)
    return Graded(Verdict.ACCEPTED if check.ok else Verdict.WRONG_ANSWER, check.message, returned, raised)


def _compare(expected, actual, kind: str, checker: CheckerSpec, case: Case):
    if identical(expected, actual):  # a right answer, however large, at once
        return PASSED
    compare = _checker(checker)
    if kind == "stdio":
        return compare(_normalise_output(expected), _normalise_output(actual), checker)
    if kind != "class":
        return compare(expected, actual, checker)
    if not isinstance(actual, list) or not isinstance(expected, list) or len(actual) != len(expected):
        return compare(expected, actual, checker)
    calls = case.calls or []  # a generated test's calls are in its input, which the host does not keep
    for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
        check = compare(want, got, checker)
        if not check.ok:
            where = f"call {index + 1}"
            if index < len(calls):
                method, args = calls[index]
                where += f", {method}({show(args)[1:-1]})"
            return dataclasses.replace(check, message=f"{where}: {check.message}")
    return PASSED


def _checker(checker: CheckerSpec):
    """The problem's checker; all but ``array`` compare typed values (arrays, DataFrames, Series) as their plain
    data, as before typed values."""
    compare = REGISTRY[checker.type]
    if checker.type == "array":
        return compare
    return lambda expected, actual, spec: compare(plain(expected), plain(actual), spec)


def _normalise_output(text):
    if not isinstance(text, str):
        return text
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())
