"""Hostile submissions, run with the policy off so that the container itself is tested.

Each file under tests/hostile/<verdict>/ must get exactly that verdict, within
the job's wall bound, leave no container behind and the host untouched; an
ordinary solution judged right after must still be accepted.
"""

import hashlib
from pathlib import Path

import pytest

from sandbox import SandboxSettings
from server.judge.judge import judge
from server.judge.verdicts import Verdict

HOSTILE = sorted((Path(__file__).parents[1] / "hostile").glob("*/*.py"))
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
        "time_limit_exceeded", "memory_limit_exceeded", "output_limit_exceeded", "runtime_error", "wrong_answer"}


@pytest.mark.usefixtures("no_leftover_containers")
@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_hostile_submission_is_contained(path, add_two, docker_client):
    before = host_fingerprint()
    report = judge(add_two, path.read_text(), policy=False, client=docker_client)
    assert report.verdict is Verdict.from_label(path.parent.name), [
        (t.name, t.verdict.label, t.message) for t in report.tests]
    assert report.wall_seconds < JOB_BOUND
    assert host_fingerprint() == before
    follow_up = judge(add_two, add_two.solution, client=docker_client)
    assert follow_up.verdict is Verdict.ACCEPTED
