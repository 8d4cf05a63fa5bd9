"""Generated (large) cases are judged in parallel jobs, with the same report as from one job."""

import dataclasses

import pytest

from sandbox import SandboxSettings
from server.judge.judge import judge
from server.judge.verdicts import Verdict
from server.problems.schema import Case

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
# Right answers, and the container each test ran in on its stdout.
WHERE = ("import re\n"
         "def add(a, b):\n"
         "    print(re.search(r'containers/([0-9a-f]{64})/hostname', open('/proc/self/mountinfo').read()).group(1))\n"
         "    return a + b\n")


def cases(package):
    generated = tuple(Case.model_validate({"name": f"large-{k}", "generate": {"n": 1000 * k, "seed": k},
                                           "group": "performance", "hidden": True}) for k in range(1, 5))
    return package.cases + generated


@pytest.mark.parametrize("jobs, containers", [(1, 1), (2, 2)])
def test_generated_cases_are_dealt_to_parallel_jobs(jobs, containers, add_two, docker_client):
    settings = dataclasses.replace(SandboxSettings.from_environment(), parallel_jobs=jobs)
    counts = []
    report = judge(add_two, WHERE, cases=cases(add_two), policy=False, guard=False, settings=settings,
                   client=docker_client, on_result=counts.append)
    assert [t.name for t in report.tests] == [c.name for c in cases(add_two)]
    assert {t.verdict for t in report.tests} == {Verdict.ACCEPTED}
    ran_in = [t.stdout.strip() for t in report.tests]
    assert len(set(ran_in)) == containers
    generated = [where for where, case in zip(ran_in, cases(add_two), strict=True) if case.generate is not None]
    assert len(set(generated)) == containers  # the large cases are spread, not just the small ones
    assert counts == sorted(counts) and counts[-1] == len(report.tests)
