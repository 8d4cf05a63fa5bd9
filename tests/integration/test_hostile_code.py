"""Hostile submissions, run with the policy check off so that what is behind it is tested.

Each file under tests/hostile/<verdict>/ must get exactly that verdict, within
the job's wall bound, leave no container behind and the host untouched; an
ordinary solution judged right after must still be accepted. Files in
``policy_violation/`` run under the run-time guard, which must stop them with
the message their first line names; every other folder runs without it, so
that the container alone is what stops them.
"""

import hashlib
from pathlib import Path

import pytest

from sandbox import SandboxSettings
from server.judge.judge import judge
from server.judge.verdicts import Verdict

HOSTILE = sorted((Path(__file__).parents[1] / "hostile").glob("*/*.py"))
GUARDED = "policy_violation"
HOST_PATHS_THAT_MUST_NOT_APPEAR = ("/breach", "/probe", "/tmp/leaked-marker", "/tmp/planted")
HOST_FILES_THAT_MUST_NOT_CHANGE = ("/etc/passwd", "/etc/shadow")
JOB_BOUND = SandboxSettings().job_wall_seconds


def host_fingerprint() -> dict:
    files = {path: hashlib.sha256(Path(path).read_bytes()).hexdigest()
             for path in HOST_FILES_THAT_MUST_NOT_CHANGE if Path(path).exists()}
    return {"files": files, "appeared": [p for p in HOST_PATHS_THAT_MUST_NOT_APPEAR if Path(p).exists()]}


def test_the_suite_is_large_enough():
    assert len(HOSTILE) >= 25
    assert {path.parent.name for path in HOSTILE} == {
        "time_limit_exceeded", "memory_limit_exceeded", "output_limit_exceeded", "runtime_error", "wrong_answer",
        GUARDED}


@pytest.mark.usefixtures("no_leftover_containers")
@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_hostile_submission_is_contained(path, add_two, docker_client):
    before = host_fingerprint()
    code = path.read_text()
    guarded = path.parent.name == GUARDED
    report = judge(add_two, code, policy=False, guard=guarded, client=docker_client)
    assert report.verdict is Verdict.from_label(path.parent.name), [
        (t.name, t.verdict.label, t.message) for t in report.tests]
    if guarded:
        expected_message = code.splitlines()[0].removeprefix("# ")
        refused = [t.message for t in report.tests if t.verdict is Verdict.POLICY_VIOLATION]
        assert refused and all(m.startswith("policy: ") and expected_message in m and " at line " in m
                               for m in refused), refused
    assert report.wall_seconds < JOB_BOUND
    assert host_fingerprint() == before
    follow_up = judge(add_two, add_two.solution, client=docker_client)
    assert follow_up.verdict is Verdict.ACCEPTED


def test_threaded_code_gets_the_same_verdict_every_time(add_two, docker_client):
    """Eight spinning threads under the address-space limit: time_limit_exceeded in each of 8 jobs, never
    "can't start new thread" in the jobs where glibc happened to give the threads arenas of their own."""
    code = (HOSTILE[0].parents[1] / "time_limit_exceeded" / "spinning_threads.py").read_text()
    verdicts = [judge(add_two, code, policy=False, guard=False, client=docker_client) for _ in range(8)]
    assert [report.verdict for report in verdicts] == [Verdict.TIME_LIMIT_EXCEEDED] * 8, [
        [(t.name, t.verdict.label, t.message) for t in report.tests] for report in verdicts
        if report.verdict is not Verdict.TIME_LIMIT_EXCEEDED]
