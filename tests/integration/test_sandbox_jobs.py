"""The sandbox API against the real engine and image."""

import json
import threading
import time

import docker
import pytest

from sandbox import CaseInput, EngineUnavailable, Generate, ImageMissing, Job, Limits, SandboxSettings, run_job
from sandbox import container as container_module
from sandbox.errors import EngineRefused, SandboxError
from sandbox.image import image_tag
from sandbox.jobs import _Prepared  # a payload cut short, which no public call sends
from tests.conftest import job_containers

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
LIMITS = Limits(cpu_seconds=1.0, memory_mb=128, output_kb=64)


def job(code, *inputs, **options):
    return Job(code=code, kind=options.pop("kind", "function"), entry_point=options.pop("entry", "f"),
               limits=options.pop("limits", LIMITS), tests=tuple(inputs), **options)


def args(*values):
    return CaseInput({"args": list(values)})


def test_each_test_runs_in_a_fresh_process(docker_client):
    code = "calls = []\ndef f(x):\n    calls.append(x)\n    print('seen', calls)\n    return len(calls)"
    result = run_job(job(code, args(1), args(2), args(3)), client=docker_client)
    assert [o.result for o in result.outcomes] == [{"returned": 1}] * 3
    assert result.outcomes[2].stdout == "seen [3]\n"
    assert all(o.cpu_ms > 0 and o.max_rss_kb > 0 for o in result.outcomes)


def test_numpy_values_come_back_as_typed_values_with_dtype_and_shape(docker_client):
    code = ("import numpy as np\n"
            "def f(n):\n    return {'arr': np.arange(n) * 0.5, 'scalar': np.float32(1.5), 'flag': np.bool_(True),"
            " 'nan': np.nan, 'inf': -np.inf}")
    outcome = run_job(job(code, args(3)), client=docker_client).outcomes[0]
    value = outcome.result["returned"]
    assert value["arr"] == {"$ndarray": {"dtype": "float64", "shape": [3], "data": [0.0, 0.5, 1.0]}}
    assert value["scalar"] == {"$ndarray": {"dtype": "float32", "shape": [], "data": 1.5}}
    assert value["flag"] == {"$ndarray": {"dtype": "bool", "shape": [], "data": True}}
    assert value["nan"] != value["nan"] and value["inf"] == float("-inf")


def test_class_kind_runs_the_calls_and_reports_returns_before_an_exception(docker_client):
    code = ("class Acc:\n    def __init__(self, start):\n        self.total = start\n"
            "    def add(self, x):\n        if x < 0:\n            raise ValueError('negative')\n"
            "        self.total += x\n        return self.total\n")
    calls = CaseInput({"init": [10], "calls": [["add", [1]], ["add", [2]], ["add", [-1]], ["add", [5]]]})
    outcome = run_job(job(code, calls, kind="class", entry="Acc"), client=docker_client).outcomes[0]
    assert outcome.result["returned"] == [11, 13]
    assert outcome.result["raised"]["type"] == "ValueError"


def test_stdio_kind_captures_the_programs_output(docker_client):
    code = "import sys\nvalues = [int(x) for x in sys.stdin.read().split()]\nprint(sum(values))\n"
    outcome = run_job(job(code, CaseInput({"stdin": "1 2 3\n"}), kind="stdio", entry="main"),
                      client=docker_client).outcomes[0]
    assert outcome.result == {"returned": "6\n"}


def test_generated_inputs_are_built_inside_the_sandbox(docker_client):
    generator = "def generate(n, rng, family='random'):\n    return [[rng.randint(0, 9) for _ in range(n)]]"
    result = run_job(job("def f(values):\n    return len(values)", CaseInput(generate=Generate(1000, 7)),
                         CaseInput(generate=Generate(5, 7, "sorted")), generator=generator), client=docker_client)
    assert [o.result["returned"] for o in result.outcomes] == [1000, 5]


def test_a_generated_input_is_built_once_and_later_jobs_carry_its_text(docker_client, tmp_path, monkeypatch):
    """The performance cases' inputs were built in the container at every Submit: more CPU than the reference's
    tests themselves. Built once, kept on the host, carried in by later jobs."""
    monkeypatch.setenv("TECHSCREEN_CACHE_DIR", str(tmp_path))
    generator = "def generate(n, rng):\n    return [[rng.randint(0, 9) for _ in range(n)]]"
    counted = job("def f(values):\n    return [len(values), sum(values)]", CaseInput(generate=Generate(1000, 7)),
                  generator=generator)
    first = run_job(counted, client=docker_client).outcomes[0].result["returned"]
    [kept] = (tmp_path / "inputs").glob("*.json")
    assert first[0] == 1000 and len(kept.read_text()) > 1000
    kept.write_text('{"args": [[4, 5]]}')  # a later job takes the kept text, not a new build
    assert run_job(counted, client=docker_client).outcomes[0].result["returned"] == [2, 9]
    built_again = run_job(counted, SandboxSettings(keep_generated_inputs=False), client=docker_client)
    assert built_again.outcomes[0].result["returned"] == first


def test_carried_inputs_reach_each_test_byte_for_byte(docker_client, tmp_path, monkeypatch):
    """They follow the job's JSON document unescaped, each test taking its own bytes: quotes, escapes,
    newlines and non-ASCII text arrive as the generator wrote them, in their tests' order."""
    monkeypatch.setenv("TECHSCREEN_CACHE_DIR", str(tmp_path))
    generator = "def generate(n, rng):\n    return [[n]]"
    echoed = job("def f(values):\n    return values", CaseInput(generate=Generate(3, 1)), CaseInput({"args": [[0]]}),
                 CaseInput(generate=Generate(4, 1)), generator=generator)
    run_job(echoed, client=docker_client)
    kept = {json.loads(path.read_text())["args"][0][0]: path for path in (tmp_path / "inputs").glob("*.json")}
    kept[3].write_text('{"args":\n [["a\\"b", "\\u00e9\\n", "\u00fc\u4e2d"]]}', encoding="utf-8")
    kept[4].write_text('{"args": [[4]]}')
    returned = [o.result["returned"] for o in run_job(echoed, client=docker_client).outcomes]
    assert returned == [["a\"b", "\u00e9\n", "\u00fc\u4e2d"], [0], [4]]


def test_a_container_someone_else_is_removing_is_removed_without_error(docker_client):
    """`sandbox gc` removed a job's exited container while its judge was removing it too: the engine answered
    409 "removal already in progress", and the judge (`sandbox doctor` in CI) failed on it."""
    container_id = docker_client.api.create_container(image_tag(), command=["sleep", "30"])["Id"]
    docker_client.api.start(container_id)
    errors = []

    def remove():
        try:
            container_module.remove_container(docker_client, container_id)
        except SandboxError as error:
            errors.append(error)

    removers = [threading.Thread(target=remove) for _ in range(3)]
    for remover in removers:
        remover.start()
    for remover in removers:
        remover.join()
    assert errors == [] and not docker_client.api.containers(all=True, filters={"id": container_id})


def test_a_broken_generator_is_a_setup_failure(docker_client):
    result = run_job(job("def f(x):\n    return x", CaseInput(generate=Generate(3, 1)),
                         generator="def generate(n, rng):\n    raise RuntimeError('bug')"), client=docker_client)
    assert result.outcomes[0].status == "setup_failed"


def test_the_job_wall_bound_holds_whatever_the_code_does(docker_client):
    settings = SandboxSettings(job_wall_seconds=4.0)
    code = "import time\ndef f(x):\n    time.sleep(100)"
    started = time.monotonic()
    result = run_job(job(code, *[args(i) for i in range(10)]), settings=settings, client=docker_client)
    assert time.monotonic() - started < 4.0 + 3.0
    assert result.deadline_hit
    statuses = [o.status for o in result.outcomes]
    # the first test waited out its waiting limit (2 s); the bound cut the rest short: not a verdict on them
    assert statuses[0] == "timeout" and set(statuses[1:]) <= {"timeout", "unfinished"} and statuses[-1] == "unfinished"


def test_the_container_is_removed_when_the_host_is_interrupted(docker_client, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(container_module, "_exchange", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_job(job("def f(x):\n    return x", args(1)), client=docker_client)
    # no_leftover_containers checks that the container is gone


def test_an_unreachable_engine_is_a_clear_error():
    with pytest.raises(EngineUnavailable, match="no socket at /nonexistent"):
        run_job(job("def f(x):\n    return x", args(1)),
                settings=SandboxSettings(docker_url="unix:///nonexistent/docker.sock"))


def test_a_missing_image_is_a_clear_error(docker_client, monkeypatch):
    monkeypatch.setattr("sandbox.image.image_tag", lambda name="base": "techscreen-sandbox:does-not-exist")
    with pytest.raises(ImageMissing, match="techscreen sandbox build"):
        run_job(job("def f(x):\n    return x", args(1)), client=docker_client)


def test_docker_errors_do_not_leak_raw(docker_client, monkeypatch):
    def broken(*args, **kwargs):
        raise docker.errors.APIError("engine exploded")

    monkeypatch.setattr(docker_client.api, "start", broken)
    with pytest.raises(EngineUnavailable, match="engine exploded"):  # a container made for the job
        run_job(job("def f(x):\n    return x", args(1)), settings=SandboxSettings(warm_containers=0),
                client=docker_client)


def kill_the_job_container_when_it_runs(client):
    """What an engine stopping does to the containers it runs (it is the only thing that can kill PID 1)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = job_containers(client, status="running")
        if running:
            client.api.kill(running[0]["Id"])
            return
        time.sleep(0.02)


def test_a_container_killed_from_outside_is_an_engine_fault_never_a_verdict(docker_client):
    killer = threading.Thread(target=kill_the_job_container_when_it_runs, args=(docker_client,))
    killer.start()
    with pytest.raises(EngineUnavailable, match="killed from outside"):
        run_job(job("import time\ndef f(x):\n    time.sleep(0.5)\n    return x", *[args(i) for i in range(8)]),
                client=docker_client)
    killer.join()


def test_a_request_the_engine_refuses_is_not_taken_for_an_engine_away(docker_client):
    below_dockers_minimum = SandboxSettings(memory_overhead_mb=0)
    with pytest.raises(EngineRefused, match="Minimum memory limit"):
        run_job(job("def f(x):\n    return x", args(1), limits=Limits(1.0, 1, 64)), settings=below_dockers_minimum,
                client=docker_client)


def test_a_container_that_had_a_test_run_out_of_memory_and_then_ended_by_itself_lost_its_tests(
        docker_client):
    """The engine's OOMKilled says a process ran out of memory in the container's life, a test's included: the
    tests after one that did, lost because the supervisor then exited (here: its input was cut short), are
    ``missing`` (run again), not ``memory``."""
    # Four processes each filling 70 MB, below its own address-space limit (so no MemoryError), all holding it
    # at once (the children for a second, the parent until they end): together past the container's memory,
    # so the kernel's OOM killer ends one or more of them.
    forks_and_fills = ("import os, time\n"
                       "def f(x):\n"
                       "    children = []\n"
                       "    for _ in range(3):\n"
                       "        pid = os.fork()\n"
                       "        if pid == 0:\n"
                       "            hoard = [b'x' * 10 ** 6 for _ in range(70)]\n"
                       "            time.sleep(1.0)\n"
                       "            os._exit(0)\n"
                       "        children.append(pid)\n"
                       "    hoard = [b'x' * 10 ** 6 for _ in range(70)]\n"
                       "    for pid in children:\n"
                       "        os.waitpid(pid, 0)\n"
                       "    return len(hoard)\n")
    cut_short = job(forks_and_fills, args(1), CaseInput(generate=Generate(n=5, seed=1), generated="[5]"),
                    generator="def generate(n, rng):\n    return [n]\n")
    settings = SandboxSettings.from_environment()
    prepared = _Prepared.of(cut_short, settings, docker_client)
    run = container_module.run_container(docker_client, prepared.tag, prepared.payload[:-2],
                                         memory_mb=prepared.memory_mb, wall_seconds=prepared.wall_seconds,
                                         output_cap=prepared.output_cap, settings=settings)
    outcomes = prepared.result(run).outcomes
    assert run.exit_code == 1 and "input ended" in run.stderr.decode(), run
    assert [outcome.status for outcome in outcomes] == ["memory", "missing"], outcomes
