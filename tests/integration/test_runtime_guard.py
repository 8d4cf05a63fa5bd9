"""The policy's run-time guard (``sandbox/tsbox/guard.py``) against the real image, policy check off.

``tests/hostile/policy_violation/`` shows what it stops. Here: ordinary code of
every kind runs under it unchanged, its complexity is measured with the tracer
intact, and a refusal ends its own test only, with a message a candidate can
act on.
"""

import dataclasses
from pathlib import Path

import pytest

from sandbox import CaseInput, Job, Limits, run_job
from server.complexity.measure import MeasureSpec, measure
from server.judge.judge import judge
from server.judge.verdicts import Verdict

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
CORPUS = sorted((Path(__file__).parents[1] / "policy_corpus").glob("*.py"))
LIMITS = Limits(cpu_seconds=2.0, memory_mb=256, output_kb=64)
ALLOWED = ("math", "collections", "dataclasses", "typing", "enum", "functools", "operator", "numpy")

# Library code that compiles, executes, inspects frames and warns on the candidate's behalf.
ORDINARY_AT_CALL_TIME = '''
import dataclasses, enum, functools, operator, typing
import numpy as np


def add(a, b):
    Point = dataclasses.make_dataclass("Point", [("x", int), ("y", int)])
    Pair = typing.NamedTuple("Pair", [("a", int), ("b", int)])
    Kind = enum.Enum("Kind", "small large")
    ratio = np.array([1.0]) / np.array([0.0])  # a RuntimeWarning, printed with its source line
    try:
        {}["missing"]
    except KeyError as error:
        message = f"{error!r:>10} {a:.2f}" + "{:>4}".format(b)
    points = sorted([Point(b, a), Point(a, b)], key=operator.attrgetter("x"))
    total = functools.reduce(operator.add, [Pair(a, b).a, Pair(a, b).b])
    return total if np.isinf(ratio[0]) and Kind.small and message and points else None
'''


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_ordinary_modules_are_accepted_under_the_guard(path, add_two, docker_client):
    code = path.read_text() + "\n\ndef add(a, b):\n    return a + b\n"
    report = judge(add_two, code, policy=False, client=docker_client)
    assert report.verdict is Verdict.ACCEPTED, [(t.name, t.verdict.label, t.message) for t in report.tests]


def test_library_code_acting_for_the_candidate_is_accepted(add_two, docker_client):
    report = judge(add_two, ORDINARY_AT_CALL_TIME, policy=False, client=docker_client)
    assert report.verdict is Verdict.ACCEPTED, [(t.name, t.verdict.label, t.message) for t in report.tests]
    assert "RuntimeWarning" in report.tests[0].stderr


def test_complexity_is_measured_under_the_guard_with_the_tracer_intact(add_two, docker_client):
    spec = dataclasses.replace(MeasureSpec.of(add_two), max_n=1024)  # seven sizes
    assert spec.allowed_imports == add_two.spec.imports.allowed
    report = measure(spec, ORDINARY_AT_CALL_TIME, client=docker_client)
    measured = [point for point in report.points if point.status == "measured"]
    assert not [point for point in report.points if point.status in ("failed", "tracer_off")], report.points
    works = [point.work for point in measured]
    assert len(measured) >= 4 and max(works) < 1.01 * min(works), report.points  # counted, and constant


def test_a_refusal_ends_only_its_own_test_and_says_what_and_where(docker_client):
    code = "def f(x):\n    if x == 1:\n        open('/etc/passwd')\n    return x\n"
    job = Job(code=code, kind="function", entry_point="f", limits=LIMITS, allowed_imports=ALLOWED,
              tests=tuple(CaseInput({"args": [x]}) for x in (0, 1, 2)))
    results = [outcome.result for outcome in run_job(job, client=docker_client).outcomes]
    assert results == [{"returned": 0},
                       {"refused": "policy: opening files is not allowed: open('/etc/passwd') at line 3"},
                       {"returned": 2}]


@pytest.mark.parametrize("kind, code, test_input, expected", [
    ("class", "import collections\n\nclass Acc:\n    def __init__(self):\n        self.seen = collections.deque()\n"
              "    def add(self, x):\n        self.seen.append(x)\n        return sum(self.seen)\n",
     {"init": [], "calls": [["add", [1]], ["add", [2]]]}, [1, 3]),
    ("stdio", "values = input().split()\nprint(sum(map(int, values)))\n", {"stdin": "1 2 3\n"}, "6\n"),
])
def test_every_kind_runs_under_the_guard(kind, code, test_input, expected, docker_client):
    job = Job(code=code, kind=kind, entry_point="Acc", limits=LIMITS, allowed_imports=ALLOWED,
              tests=(CaseInput(test_input),))
    assert run_job(job, client=docker_client).outcomes[0].result == {"returned": expected}
