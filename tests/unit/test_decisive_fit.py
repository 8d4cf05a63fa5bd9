"""When a family's measurement may end before its largest sizes: only when they could not change the result."""

import math

from server.complexity.measure import _decisive
from server.complexity.report import Point

SIZES = [16 << k for k in range(10)]  # 16 .. 8192


def points(work, cpu, sizes=SIZES, status="measured"):
    return [Point(n, "random", work(n), cpu(n), status) for n in sizes]


def linear_work(n):
    return 5 * n + 20


def linear_cpu(n):
    return n / 50  # 41, 82 and 164 ms at the three largest sizes


def test_a_clean_linear_fit_with_enough_cpu_time_is_decisive():
    assert _decisive(points(linear_work, linear_cpu), "O(n)")
    assert _decisive(points(linear_work, linear_cpu), "O(1)")  # slower, decided either way


def test_too_few_sizes_or_too_narrow_a_range_is_not():
    assert not _decisive(points(linear_work, linear_cpu, SIZES[:6]), "O(n)")
    assert not _decisive(points(linear_work, lambda n: 100.0, [1000 + n for n in range(7)]), "O(n)")


def test_too_little_cpu_time_for_the_cross_check_is_not():
    assert not _decisive(points(linear_work, lambda n: n / 1000), "O(n)")  # 8 ms at most


def test_cpu_time_growing_faster_than_the_count_is_not():
    """Work hidden from the counter (a thread, C code): CPU time decides, and only the whole ladder may."""
    assert not _decisive(points(linear_work, lambda n: n * n / 50_000), "O(n)")


def test_a_fit_the_last_size_unsettled_is_not():
    def bends(n):  # linear, then quadratic at the largest size: plausibly O(n) or O(n log n) now
        return 5 * n if n < 8192 else 5 * n + n * n // 8

    assert not _decisive(points(bends, linear_cpu), "O(n)")


def test_any_size_that_failed_or_went_over_budget_is_not():
    failed = points(linear_work, linear_cpu)
    failed[3] = Point(failed[3].n, "random", None, None, "failed", "raised ValueError")
    assert not _decisive(failed, "O(n)")


def test_a_fit_less_sure_than_the_threshold_is_not():
    """n log n plus a large linear term, over a short range: O(n log n), but only 0.97 sure."""
    assert not _decisive(points(lambda n: round(n * math.log2(n) / 4 + 3 * n), linear_cpu), "O(n)")
