"""A size the sandbox could not measure (its container ended, the supervisor failed, the machine was too busy)
runs once more in a fresh container: the sandbox's own fault is never a measurement of the code."""

import pytest

from sandbox import SandboxSettings, pool
from sandbox.image import image_tag
from server.complexity.measure import MeasureSpec, measure
from tests.integration.test_warm_pool import waiting_containers

pytestmark = pytest.mark.usefixtures("no_leftover_containers")

GENERATOR = ("def generate(n, rng):\n"
             "    return [[rng.random() for _ in range(n)]]\n")
LINEAR = ("def solve(values):\n"
          "    total = 0.0\n"
          "    for value in values:\n"
          "        total += value\n"
          "    return total\n")
SPEC = MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target="O(n)", min_n=16,
                   max_n=1 << 14)


def test_sizes_the_supervisor_failed_on_are_measured_again_in_a_fresh_container(docker_client):
    """They were dropped: a measurement whose container failed on every size was ``not_measured``, "the code
    does not run on the generator's inputs", and the candidate lost the complexity credit."""
    settings = SandboxSettings(warm_containers=1)  # a pool of its own: its size is part of its key
    warm_pool = pool.pool_for(settings, image_tag())
    try:
        # The generated inputs are built and kept on the host, and the pool starts filling: the next
        # measurement's job is its only one, and takes the pool's container.
        measure(SPEC, LINEAR, settings=settings, client=docker_client)
        [broken] = waiting_containers(warm_pool, 1)
        # The tests' work folder made by root: the supervisor (nobody) can neither make it nor clear it, so it
        # fails on every size of the measurement job that takes this container, the next one.
        made = docker_client.containers.get(broken).exec_run(["mkdir", "/tmp/work"], user="0")
        assert made.exit_code == 0, made.output
        report = measure(SPEC, LINEAR, settings=settings, client=docker_client)
    finally:
        warm_pool.close()
    assert (report.verdict, report.measured) == ("meets", "O(n)"), report.reason
    assert {point.status for point in report.points} == {"measured"}, report.points
