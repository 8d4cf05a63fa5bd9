"""Code that hides its work from the counter must not look faster than it is."""

import pytest

from server.complexity.measure import MeasureSpec, measure

GENERATOR = "def generate(n, rng, family='random'):\n    return [[rng.random() for _ in range(n)]]\n"
SPEC = MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target="O(n)", min_n=16,
                   max_n=4096)

TRACER_OFF = '''
import sys

def solve(values):
    sys.settrace(None)
    total = 0.0
    for a in values:
        for b in values:
            total += a * b
    return total
'''

WORK_IN_A_THREAD = '''
import threading

def solve(values):
    result = []

    def work():
        total = 0.0
        for a in values:
            for b in values:
                total += a * b
        result.append(total)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return result[0]
'''


@pytest.mark.parametrize("code", [TRACER_OFF, WORK_IN_A_THREAD], ids=["tracer-off", "thread"])
def test_hidden_quadratic_work_is_caught_by_cpu_time(code, docker_client):
    report = measure(SPEC, code, client=docker_client)
    assert report.verdict == "slower", report.reason
    assert report.measured in ("O(n^2)", "O(n^2 log n)", "O(n^3)")
    assert "CPU time" in report.reason


def test_an_honest_linear_solution_meets(docker_client):
    code = "def solve(values):\n    total = 0.0\n    for v in values:\n        total += v\n    return total\n"
    report = measure(SPEC, code, client=docker_client)
    assert (report.measured, report.verdict) == ("O(n)", "meets")
    assert "CPU time" not in report.reason
