"""A measured size from the runner's result, which shares its process with the candidate's code: a count or a
set-up time no honest run gives is not taken for a measurement."""

import math

import pytest

from sandbox import RunOutcome
from server.complexity.measure import _point


def completed(total, setup_cpu_ms=2.0):
    return RunOutcome("completed", result={"measured": {"total": total, "tracer_intact": True},
                                           "setup_cpu_ms": setup_cpu_ms}, cpu_ms=50.0)


def test_an_honest_count_is_measured():
    point = _point(None, 64, completed(1_234))
    assert (point.status, point.work, point.cpu_ms) == ("measured", 1_234, 48.0)


@pytest.mark.parametrize("total", [10 ** 4000, math.inf, math.nan, -5, "42", True])
def test_a_count_the_meter_does_not_give_is_a_failed_size(total):
    """A 4,000-digit count made the host's fit raise OverflowError."""
    point = _point(None, 64, completed(total))
    assert point.status == "failed" and point.work is None, point


@pytest.mark.parametrize("setup", [1e9, -1.0, math.nan])
def test_a_set_up_time_outside_the_run_s_cpu_time_gives_no_cpu_time(setup):
    """Subtracted, it made every size's CPU time negative, and the CPU cross-check never ran."""
    assert _point(None, 64, completed(1_234, setup)).cpu_ms is None
