"""A family's measurement ends once its fit is decisive, long before the largest sizes, or at its budget of CPU
time, whatever else the machine runs."""

import os
import subprocess
import sys

from server.complexity.measure import MeasureSpec, measure

GENERATOR = ("FAMILIES = ('random', 'sorted', 'constant')\n\n\n"
             "def generate(n, rng, family='random'):\n"
             "    values = [rng.random() for _ in range(n)] if family != 'constant' else [1.0] * n\n"
             "    return [sorted(values) if family == 'sorted' else values]\n")
LINEAR = "def solve(values):\n    total = 0.0\n    for v in values:\n        total += v\n    return total\n"
BUDGET_SECONDS = 3.0
HOGS = 4 * (os.cpu_count() or 1)  # busy loops outside Docker: the measurement gets a fifth of the machine
QUADRATIC = ("def solve(values):\n    pairs = 0\n    for a in values:\n        for b in values:\n"
             "            pairs += a < b\n    return pairs\n")


def spec(target):
    return MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target=target, min_n=16,
                       max_n=1 << 20)


def test_a_decisive_linear_fit_ends_each_family_early(docker_client):
    report = measure(spec("O(n)"), LINEAR, client=docker_client)
    assert (report.measured, report.verdict) == ("O(n)", "meets"), report.reason
    assert {p.family for p in report.points} == {"random", "sorted", "constant"}
    # 2 units an element: the work cap alone would have let each family run to n=2^20
    assert max(p.n for p in report.points) <= 1 << 18


def test_a_slower_solution_is_decided_too(docker_client):
    report = measure(spec("O(n)"), QUADRATIC, client=docker_client)
    assert (report.measured, report.verdict) == ("O(n^2)", "slower"), report.reason


def test_a_busy_machine_measures_what_a_quiet_one_does(docker_client):
    """The budget is the jobs' CPU time: with a wall-clock budget, a machine busy with other work cut the
    measurement short (fewer sizes, or none), and the class or verdict depended on the load."""
    quiet = measure(spec("O(n)"), LINEAR, budget_seconds=BUDGET_SECONDS, client=docker_client)
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)  # a CPU share each
            for _ in range(HOGS)]
    try:
        busy = measure(spec("O(n)"), LINEAR, budget_seconds=BUDGET_SECONDS, client=docker_client)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert (busy.measured, busy.verdict) == (quiet.measured, quiet.verdict) == ("O(n)", "meets"), busy.reason
    assert not [p for p in busy.points if p.status != "measured"], busy.reason
    # Within two doublings: when a fit turns decisive depends on CPU times, which load moves a little. Before,
    # the busy machine stopped at n = 4096 where the quiet one reached 131072.
    reached, quietly = largest_sizes(busy), largest_sizes(quiet)
    assert all(reached[family] >= quietly[family] // 4 for family in quietly), (reached, quietly)
    assert busy.seconds > BUDGET_SECONDS  # it did take longer than the budget in wall-clock time


def largest_sizes(report) -> dict:
    largest = {}
    for point in report.points:
        largest[point.family] = max(largest.get(point.family, 0), point.n)
    return largest
