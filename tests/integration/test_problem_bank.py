"""Every problem in the bank passes `problem check`: its reference is accepted on every
case, its generator is deterministic, and each known submission gets the verdict its
folder names (the judge classifies real wrong, slow and crashing solutions right)."""

import pytest

from server.problems.bank import bank_dir
from server.problems.check import check_package
from server.problems.package import load_package

PROBLEMS = sorted(p.name for p in bank_dir().iterdir() if (p / "problem.toml").is_file())
SEED_PROBLEMS = ("cosine-similarity", "moving-average", "log-anomalies")


def test_the_seed_problems_are_in_the_bank():
    assert set(SEED_PROBLEMS) <= set(PROBLEMS)


@pytest.mark.parametrize("problem", SEED_PROBLEMS)
def test_seed_problems_meet_the_minimums(problem):
    package = load_package(bank_dir() / problem)
    folders = [known.folder for known in package.submissions]
    assert len(package.public_cases) >= 3 and len(package.hidden_cases) >= 25
    assert folders.count("wrong_answer") >= 2 and "slow" in folders and "runtime_error" in folders
    assert any(case.test_group == "performance" for case in package.hidden_cases)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_problem_check_passes(problem, docker_client):
    report = check_package(bank_dir() / problem, client=docker_client)
    failures = [str(i) for i in report.issues if i.severity == "error"]
    failures += [f"{s.name}: {'; '.join(s.problems)}" for s in report.submissions if not s.ok]
    assert report.ok, "\n".join(failures)
    assert report.submissions, "no known submissions were checked"


def test_problem_check_reports_its_progress(fixture_problems, docker_client):
    seen = []
    report = check_package(fixture_problems / "add-two", client=docker_client,
                           progress=lambda phase, fraction: seen.append((phase, round(fraction, 3))))
    assert report.ok
    assert seen == [("format", 0.0), ("generator", 0.167), ("reference", 0.333), ("submissions 0 of 3", 0.5),
                    ("submissions 1 of 3", 0.667), ("submissions 2 of 3", 0.833), ("submissions 3 of 3", 1.0),
                    ("done", 1.0)]
