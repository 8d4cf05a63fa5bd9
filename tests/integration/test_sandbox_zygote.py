"""Each test is a fork of the job's prepared zygote: cheap to start, fresh, limited, and out of reach."""

import pytest

from sandbox import CaseInput, Generate, Job, Limits, run_job

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
LIMITS = Limits(cpu_seconds=1.0, memory_mb=256, output_kb=64)
# Candidate code finding the zygote: the container's processes but PID 1 (the supervisor) and itself.
OTHERS = ("import os\ndef others():\n"
          "    return [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid())]\n")


def job(code, count, allowed_imports=None):
    return Job(code=code, kind="function", entry_point="f", limits=LIMITS,
               tests=tuple(CaseInput({"args": [i]}) for i in range(count)), allowed_imports=allowed_imports)


def returned(result):
    return [outcome.result.get("returned") for outcome in result.outcomes]


def test_a_test_process_starts_prepared_not_as_a_new_interpreter(docker_client):
    """NumPy is imported once, in the zygote: a test's own process has used next to no CPU when the
    entry point is called (a fresh interpreter importing NumPy uses a hundred milliseconds and more)."""
    code = ("import numpy as np\nimport resource\n"
            "def f(x):\n    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
            "    return usage.ru_utime + usage.ru_stime\n")
    result = run_job(job(code, 3, allowed_imports=("numpy", "resource")), client=docker_client)
    assert all(o.status == "completed" for o in result.outcomes), result.outcomes
    assert max(returned(result)) < 0.025


def test_state_left_in_a_preloaded_module_does_not_reach_the_next_test(docker_client):
    code = ("import random\n"
            "def f(x):\n    random.visits = getattr(random, 'visits', 0) + 1\n    return random.visits\n")
    result = run_job(job(code, 3, allowed_imports=("random",)), client=docker_client)
    assert returned(result) == [1, 1, 1]


def test_every_limit_still_applies_to_each_test(docker_client):
    code = ("def f(x):\n"
            "    if x == 0:\n        while True:\n            pass\n"
            "    if x == 2:\n        block = bytearray(400 * 1024 * 1024)\n"
            "    if x == 4:\n        print('x' * 200_000)\n"
            "    return x\n")
    outcomes = run_job(job(code, 6), client=docker_client).outcomes
    assert [o.status for o in outcomes] == ["timeout", "completed", "completed", "completed", "output_limit",
                                            "completed"]
    assert outcomes[0].cpu_ms >= 1000
    assert outcomes[2].result["raised"]["type"] == "MemoryError"
    assert [outcomes[i].result for i in (1, 3, 5)] == [{"returned": 1}, {"returned": 3}, {"returned": 5}]


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGSTOP"])
def test_a_test_that_kills_or_stops_the_zygote_costs_no_other_test(signal_name, docker_client):
    code = OTHERS + ("import signal\n"
                     f"def f(x):\n    for pid in others():\n        os.kill(pid, signal.{signal_name})\n"
                     "    return x\n")
    result = run_job(job(code, 4), client=docker_client)
    assert returned(result) == [0, 1, 2, 3]


def test_the_zygote_is_out_of_a_tests_reach(docker_client):
    """The zygote is not dumpable: a test cannot read (or, through ptrace or /proc/<pid>/mem, write) it."""
    code = OTHERS + ("def f(x):\n    refused = []\n    for pid in others():\n"
                     "        for name in ('mem', 'maps', 'environ'):\n"
                     "            try:\n                open('/proc/%d/%s' % (pid, name), 'rb').read(1)\n"
                     "            except PermissionError:\n                refused.append(name)\n"
                     "    return refused\n")
    assert returned(run_job(job(code, 1), client=docker_client)) == [["mem", "maps", "environ"]]


def test_a_generator_starts_with_numpy_imported(docker_client):
    """A problem's generator that imports NumPy finds it imported in its zygote, as candidate code does: a
    generated input does not cost an interpreter's NumPy import (a complexity ladder builds dozens)."""
    generator = ("import numpy\nimport resource\n"
                 "def generate(n, rng):\n    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
                 "    return [usage.ru_utime + usage.ru_stime, numpy.arange(n)]\n")
    result = run_job(Job(code="", kind="function", entry_point="f", limits=LIMITS, generator=generator,
                         mode="generate", tests=tuple(CaseInput(generate=Generate(3, seed)) for seed in range(3))),
                     client=docker_client)
    assert all(o.status == "completed" for o in result.outcomes), result.outcomes
    assert max(o.result["args"][0] for o in result.outcomes) < 0.025


def test_the_parsed_input_is_out_of_the_cyclic_collectors_reach(docker_client):
    """The collections the code's own allocations start never walk the test's input (they walked a class
    test's 60,000 calls again and again: a third of its CPU time)."""
    code = "import gc\ndef f(rows):\n    return any(o is rows for o in gc.get_objects())\n"
    tests = (CaseInput({"args": [[[1.5, 2.5], [3.5]]]}),)
    result = run_job(Job(code=code, kind="function", entry_point="f", limits=LIMITS, tests=tests),
                     client=docker_client)
    assert returned(result) == [False]
