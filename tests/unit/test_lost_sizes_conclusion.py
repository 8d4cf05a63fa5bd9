"""Sizes the sandbox lost twice say nothing of the code: the measurement is inconclusive and says the sandbox
lost them, never ``not_measured`` (no complexity credit) with the code blamed."""

from server.complexity.measure import _conclude
from server.complexity.report import Point

SIZES = [16 << k for k in range(8)]
LOST = "no result: the sandbox ended before this test ran (killed)"


def lost(n):
    return Point(n, None, None, None, "lost", LOST)


def test_a_measurement_the_sandbox_lost_entirely_is_inconclusive():
    report = _conclude([lost(n) for n in SIZES], (None,), "O(n)", 1.0)
    assert report.verdict == "inconclusive"
    assert "the sandbox lost" in report.reason and "not the code" in report.reason, report.reason


def test_too_few_sizes_left_by_the_sandbox_is_inconclusive_and_says_why():
    measured = [Point(n, None, 5 * n, None, "measured") for n in SIZES[:3]]
    report = _conclude(measured + [lost(n) for n in SIZES[3:]], (None,), "O(n)", 1.0)
    assert report.verdict == "inconclusive"
    assert f"the sandbox lost n={SIZES[3]}" in report.reason, report.reason
