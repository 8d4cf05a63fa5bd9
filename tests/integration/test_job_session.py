"""A submission's jobs share one container (``sandbox.JobSession``), and each job finds it as the first did."""

import dataclasses

import pytest

from sandbox import CaseInput, Job, JobSession, Limits, SandboxSettings, container
from server.judge.verdicts import Verdict
from server.problems import bank
from server.scoring.assess import evaluate

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
# Candidate code (unguarded) telling which container it runs in, what /tmp holds and which processes live,
# and leaving a file and a process behind.
TRACES = ("import os, re, subprocess\n"
          "def f(x):\n"
          "    mounts = open('/proc/self/mountinfo').read()\n"
          "    found = re.search(r'containers/([0-9a-f]{64})/hostname', mounts).group(1)\n"
          "    seen = [sorted(os.listdir('/tmp')), sorted(int(p) for p in os.listdir('/proc') if p.isdigit())]\n"
          "    open('/tmp/left-behind', 'w').write('x')\n"
          "    subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
          "    return [found, os.getpid(), *seen]\n")


def traces_job(tests: int = 1) -> Job:
    return Job(code=TRACES, kind="function", entry_point="f", limits=Limits(2.0, 128, 64),
               tests=tuple(CaseInput({"args": [n]}) for n in range(tests)))


@pytest.fixture
def settings():
    return dataclasses.replace(SandboxSettings.from_environment(), warm_containers=0)


def test_a_session_s_jobs_share_its_container_and_each_finds_it_clean(settings, docker_client):
    with JobSession(settings, docker_client) as session:
        first = session.run(traces_job()).outcomes[0]
        second = session.run(traces_job()).outcomes[0]
    assert first.status == second.status == "completed", (first, second)
    (box, first_pid, _, first_processes), (again, second_pid, tmp, processes) = (
        first.result["returned"], second.result["returned"])
    assert box == again  # one container
    assert "left-behind" not in tmp
    # nothing of the first job lives on: neither the process it left nor its zygote (only PID 1 is in both)
    assert set(first_processes) & set(processes) == {1}
    assert first_pid not in processes and second_pid in processes


def test_after_a_job_ended_early_the_next_one_gets_a_fresh_container(settings, docker_client):
    with JobSession(settings, docker_client) as session:
        stopped = session.run(traces_job(tests=3), on_outcome=lambda index, outcome: True)
        fresh = session.run(traces_job()).outcomes[0]
    assert [o.status for o in stopped.outcomes] == ["completed", "skipped", "skipped"]
    assert stopped.outcomes[0].result["returned"][0] != fresh.result["returned"][0]


def test_a_job_of_other_code_never_gets_the_session_s_container(settings, docker_client):
    other = dataclasses.replace(traces_job(), code=TRACES + "# another submission\n")
    with JobSession(settings, docker_client) as session:
        first = session.run(traces_job()).outcomes[0]
        second = session.run(other).outcomes[0]
    assert first.result["returned"][0] != second.result["returned"][0]


def test_a_submit_s_tests_and_measurement_run_in_one_container(settings, docker_client, monkeypatch):
    """With one job at a time (a cluster worker's setting); with more, the first job of each shares it."""
    settings = dataclasses.replace(settings, parallel_jobs=1)
    package = bank.load("cosine-similarity")
    evaluate(package, package.solution, settings=settings, client=docker_client)  # builds and keeps the inputs
    used = []

    class Counted(container.JobContainer):  # the containers this submit's jobs run in (another test's warm
        def __init__(self, *args, **kwargs):  # pool in this process may be making containers meanwhile)
            used.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(container, "JobContainer", Counted)
    report = evaluate(package, package.solution, settings=settings, client=docker_client)
    assert report.verdict is Verdict.ACCEPTED and report.assessment.complexity.verdict == "meets"
    assert len(used) == 1

