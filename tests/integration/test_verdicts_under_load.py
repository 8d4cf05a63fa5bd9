"""Verdicts do not depend on machine load.

The time limit is kernel-accounted CPU time, enforced at the exact limit (not
RLIMIT_CPU's whole seconds); the wall clock only ends code that waits without
using CPU, or, far above any limit, a run the machine was too busy to finish,
which is run again and never reported as ``time_limit_exceeded``. Every test
here runs while one busy-loop process per core competes for the machine.
"""

import dataclasses
import os
import shutil
import subprocess
import sys
import threading

import pytest

from sandbox import SandboxSettings
from sandbox.jobs import waiting_limit
from sandbox.priority import idle_cgroup
from server.judge.judge import judge
from server.judge.verdicts import Verdict
from server.problems.package import load_package

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
CPU_LIMIT = 1.5  # not a whole number of seconds: RLIMIT_CPU alone would enforce 2 s
RUNS = 5
STARVING_HOGS_PER_CORE = 8  # against them a task of idle priority waits seconds for each turn on a CPU


@pytest.fixture(scope="module")
def limited(tmp_path_factory, fixture_problems):
    """The add-two problem with a CPU limit of 1.5 s."""
    root = tmp_path_factory.mktemp("limits") / "add-two"
    shutil.copytree(fixture_problems / "add-two", root)
    toml = root / "problem.toml"
    toml.write_text(toml.read_text().replace("cpu_seconds = 0.5", f"cpu_seconds = {CPU_LIMIT}"))
    package = load_package(root)
    assert package.spec.limits.cpu_seconds == CPU_LIMIT
    return package


@pytest.fixture
def busy_machine():
    """One busy-loop process per core, outside Docker, for the test's duration."""
    hogs = start_hogs()
    yield
    stop(hogs)


def start_hogs(per_core: int = 1) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(per_core * (os.cpu_count() or 1))]


def stop(hogs: list[subprocess.Popen]) -> None:
    for hog in hogs:
        hog.kill()
    for hog in hogs:
        hog.wait()


def burning(share: float) -> str:
    """A correct add() that first makes its process use ``share`` of the CPU limit."""
    return ("import time\n\n\ndef add(a, b):\n"
            f"    while time.process_time() < {share * CPU_LIMIT}:\n        pass\n    return a + b\n")


def judge_public(package, code, docker_client, **options):
    public = [case for case in package.cases if case.visibility == "public"]
    return judge(package, code, policy=False, guard=False, cases=public, client=docker_client, **options).tests[0]


@pytest.mark.usefixtures("busy_machine")
def test_a_solution_inside_its_cpu_limit_is_accepted_every_time(limited, docker_client):
    runs = [judge_public(limited, burning(0.85), docker_client) for _ in range(RUNS)]
    assert [t.verdict for t in runs] == [Verdict.ACCEPTED] * RUNS, [(t.verdict.label, t.time_ms, t.message)
                                                                     for t in runs]
    assert all(0.85 * CPU_LIMIT * 1000 <= t.time_ms < CPU_LIMIT * 1000 for t in runs)


@pytest.mark.usefixtures("busy_machine")
def test_a_solution_over_its_cpu_limit_is_stopped_at_the_limit_every_time(limited, docker_client):
    runs = [judge_public(limited, burning(1.5), docker_client) for _ in range(RUNS)]
    assert [t.verdict for t in runs] == [Verdict.TIME_LIMIT_EXCEEDED] * RUNS, [(t.verdict.label, t.message)
                                                                                for t in runs]
    assert {t.message for t in runs} == {"CPU time limit of 1.50 s exceeded"}
    # the time shown is the CPU time at which it was stopped: at least the limit, well short of RLIMIT's 2 s
    assert all(CPU_LIMIT * 1000 <= t.time_ms < 1.5 * CPU_LIMIT * 1000 for t in runs), [t.time_ms for t in runs]


@pytest.mark.usefixtures("busy_machine")
def test_code_that_waits_is_stopped_for_waiting_not_by_the_backstop(limited, docker_client):
    test = judge_public(limited, "import time\n\n\ndef add(a, b):\n    time.sleep(3600)\n", docker_client)
    assert test.verdict is Verdict.TIME_LIMIT_EXCEEDED
    assert test.message.startswith("wall-clock limit: the code waited ")
    assert "without using CPU" in test.message and test.time_ms < CPU_LIMIT * 1000


def test_a_job_of_idle_priority_on_a_busy_machine_is_still_judged_on_cpu_time(add_two, docker_client):
    """In the control group of idle priority (``sandbox.priority``, for hosts that serve pages too) a job gets a
    CPU only now and then while the machine is busy: its test waits for seconds, and must be judged on the CPU
    time it used, not taken for code that waits."""
    settings = dataclasses.replace(SandboxSettings.from_environment(), cgroup_parent=idle_cgroup(),
                                   warm_containers=0)
    hogs = start_hogs(per_core=STARVING_HOGS_PER_CORE)
    ending = threading.Timer(2 * waiting_limit(add_two.spec.limits.cpu_seconds), stop, [hogs])
    ending.start()
    try:
        test = judge_public(add_two, burning(0.2 / CPU_LIMIT), docker_client, settings=settings)  # 0.2 s of 0.5
    finally:
        ending.cancel()
        stop(hogs)
    assert test.verdict is Verdict.ACCEPTED, (test.verdict.label, test.message)


def test_tests_the_job_bound_cuts_short_are_never_time_limit_exceeded(add_two, docker_client):
    literal = [case for case in add_two.cases if case.generate is None]
    needs_more_than_the_bound = burning(0.4 / CPU_LIMIT)  # 0.4 s of CPU, inside add-two's 0.5 s limit
    report = judge(add_two, needs_more_than_the_bound, policy=False, guard=False, cases=literal, client=docker_client,
                   settings=SandboxSettings(job_wall_seconds=0.3))
    assert {t.verdict for t in report.tests} == {Verdict.SYSTEM_ERROR}, [t.message for t in report.tests]
    assert all("wall-clock bound" in t.message for t in report.tests)
