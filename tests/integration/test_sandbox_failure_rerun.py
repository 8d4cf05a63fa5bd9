"""A test the sandbox failed on runs once more in a fresh container: the sandbox's own fault is never a verdict."""

import pytest

from sandbox import SandboxSettings, pool
from sandbox.image import image_tag
from server.judge.judge import judge
from server.judge.verdicts import Verdict
from tests.integration.test_warm_pool import waiting_containers

pytestmark = pytest.mark.usefixtures("no_leftover_containers")


def test_tests_the_supervisor_failed_on_are_judged_again_in_a_fresh_container(add_two, docker_client):
    """Such tests (``sandbox_error``, ``missing``) were a ``system_error`` at once, where a load too high to
    finish a test (``unfinished``) already got a second run."""
    settings = SandboxSettings(warm_containers=1)  # a pool of its own: its size is part of its key
    warm_pool = pool.pool_for(settings, image_tag())
    try:
        judge(add_two, add_two.solution, settings=settings, client=docker_client)  # the pool starts filling
        [broken] = waiting_containers(warm_pool, 1)
        # The tests' work folder made by root: the supervisor (nobody) can neither make it nor clear it, so it
        # fails on every test of the job that takes this container, the next one.
        made = docker_client.containers.get(broken).exec_run(["mkdir", "/tmp/work"], user="0")
        assert made.exit_code == 0, made.output
        report = judge(add_two, add_two.solution, settings=settings, client=docker_client)
    finally:
        warm_pool.close()
    assert report.verdict == Verdict.ACCEPTED, [(test.name, test.verdict, test.message) for test in report.tests]
