"""A family's measurement ends once its fit is decisive, long before the largest sizes."""

from server.complexity.measure import MeasureSpec, measure

GENERATOR = ("FAMILIES = ('random', 'sorted', 'constant')\n\n\n"
             "def generate(n, rng, family='random'):\n"
             "    values = [rng.random() for _ in range(n)] if family != 'constant' else [1.0] * n\n"
             "    return [sorted(values) if family == 'sorted' else values]\n")
LINEAR = "def solve(values):\n    total = 0.0\n    for v in values:\n        total += v\n    return total\n"
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
