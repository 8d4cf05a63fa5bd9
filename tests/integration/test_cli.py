"""The `techscreen` command line: JSON shape and exit codes are a contract for scripts."""

import json
import os
import shutil
import socket
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from server.cli import main
from server.problems import archive
from server.problems.tree import read_tree
from tests.crafted_zips import crafted, package_zip, written_outside

pytestmark = pytest.mark.usefixtures("docker_client")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def fixture_problem(fixture_problems):
    return str(fixture_problems / "add-two")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_judge_json_for_a_correct_solution(runner, tmp_path, fixture_problem):
    solution = write(tmp_path, "s.py", "def add(a, b):\n    return a + b\n")
    result = runner.invoke(main, ["judge", fixture_problem, solution, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "accepted" and report["passed"] == report["total"] == 3
    assert set(report["tests"][0]) >= {"name", "visibility", "group", "verdict", "time_ms"}
    assert [t["visibility"] for t in report["tests"]] == ["public", "hidden", "hidden"]
    assert report["policy"] == {"checked": True, "violations": []}


def test_judge_exits_zero_for_a_wrong_answer_and_a_policy_violation(runner, tmp_path, fixture_problem):
    wrong = write(tmp_path, "w.py", "def add(a, b):\n    return a - b\n")
    result = runner.invoke(main, ["judge", fixture_problem, wrong, "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["verdict"] == "wrong_answer"
    hostile = write(tmp_path, "h.py", "import os\ndef add(a, b):\n    return os.system('id')\n")
    result = runner.invoke(main, ["judge", fixture_problem, hostile, "--json"])
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["verdict"] == "policy_violation" and report["tests"] == []
    assert report["policy"]["violations"][0]["line"] == 1
    result = runner.invoke(main, ["judge", fixture_problem, hostile, "--json", "--policy", "off"])
    report = json.loads(result.output)  # the run-time guard stops it instead, test by test
    assert result.exit_code == 0 and report["verdict"] == "policy_violation" and report["policy"]["checked"] is False
    assert {t["verdict"] for t in report["tests"]} == {"policy_violation"}
    assert report["tests"][0]["message"].startswith("policy: `import os` is not allowed in this problem")


def test_judge_json_says_what_each_test_raised(runner, tmp_path, fixture_problem):
    """Authors saw only "runtime_error" and a message; the exception's type was in the report but not printed."""
    failing = write(tmp_path, "r.py", "def add(a, b):\n    raise KeyError(a)\n")
    report = json.loads(runner.invoke(main, ["judge", fixture_problem, failing, "--json"]).output)
    assert {t["verdict"] for t in report["tests"]} == {"runtime_error"}
    assert report["tests"][0]["raised"]["type"] == "KeyError"
    passing = write(tmp_path, "s.py", "def add(a, b):\n    return a + b\n")
    assert "raised" not in json.loads(runner.invoke(main, ["judge", fixture_problem, passing, "--json"]).output)[
        "tests"][0]


def test_human_output_lists_every_test(runner, tmp_path, fixture_problem):
    solution = write(tmp_path, "s.py", "def add(a, b):\n    return a + b if a > 0 else 0\n")
    result = runner.invoke(main, ["judge", fixture_problem, solution])
    assert result.exit_code == 0
    assert "add-two: wrong_answer (1/3 tests passed" in result.output
    assert "expected -2, got 0" in result.output


@pytest.mark.parametrize("arguments, fragment", [
    (["judge", "no-such-problem", "{solution}"], "no problem 'no-such-problem'"),
    (["judge", "{problem}", "{missing}"], "cannot read"),
    (["judge", "{problem}", "{binary}"], "not UTF-8"),
    (["judge", "{problem}", "{huge}"], "at most 64 KiB"),
    (["judge", "{broken}", "{solution}"], "problem.toml"),
    (["judge", "{problem}"], "Missing argument"),
])
def test_bad_usage_and_bad_packages_exit_2(runner, tmp_path, fixture_problem, arguments, fragment):
    broken = tmp_path / "broken"
    shutil.copytree(fixture_problem, broken)
    (broken / "problem.toml").write_text("id = 3\n")
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00")
    values = {"solution": write(tmp_path, "s.py", "def add(a, b):\n    return a + b\n"),
              "problem": fixture_problem, "missing": str(tmp_path / "nope.py"), "binary": str(binary),
              "huge": write(tmp_path, "huge.py", "#" * 70_000), "broken": str(broken)}
    result = runner.invoke(main, [a.format(**values) for a in arguments])
    assert result.exit_code == 2, result.output
    assert fragment in result.output


def test_a_dead_engine_exits_1_with_a_message(runner, tmp_path, fixture_problem, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    solution = write(tmp_path, "s.py", "def add(a, b):\n    return a + b\n")
    result = runner.invoke(main, ["judge", fixture_problem, solution, "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"] == "EngineUnavailable"
    assert "make docker" in result.output


def test_problem_check_and_list(runner, fixture_problem):
    result = runner.invoke(main, ["problem", "check", fixture_problem, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and [s["name"] for s in report["submissions"]] == [
        "solution.py", "accepted/builtin_sum.py", "accepted/operator_add.py", "accepted/plain.py"]
    listed = runner.invoke(main, ["problem", "list", "--json"])
    assert listed.exit_code == 0
    assert {"cosine-similarity", "moving-average", "log-anomalies"} <= {row["id"] for row in json.loads(listed.output)}


def test_problem_check_fails_a_package_whose_submission_is_misfiled(runner, tmp_path, fixture_problem):
    package = tmp_path / "add-two"
    shutil.copytree(fixture_problem, package)
    (package / "submissions" / "wrong_answer").mkdir()
    (package / "submissions" / "wrong_answer" / "actually_right.py").write_text("def add(a, b):\n    return a + b\n")
    result = runner.invoke(main, ["problem", "check", str(package)])
    assert result.exit_code == 2
    assert "FAIL submissions/wrong_answer/actually_right.py: expected wrong_answer, got accepted" in result.output


def test_problem_check_fails_a_package_with_fewer_than_three_accepted_submissions(runner, tmp_path, fixture_problem):
    package = tmp_path / "add-two"
    shutil.copytree(fixture_problem, package)
    (package / "submissions" / "accepted" / "plain.py").unlink()
    result = runner.invoke(main, ["problem", "check", str(package)])
    assert result.exit_code == 2
    assert ("submissions/accepted: error: 2 accepted submissions; at least 3 natural solutions written from the "
            "statement alone are required") in result.output


def test_sandbox_doctor_proves_the_limits_on_every_image_the_bank_needs(runner, docker_client):
    result = runner.invoke(main, ["sandbox", "doctor"])
    assert result.exit_code == 0, result.output
    for name in ("base", "ml"):  # the bank has a problem on the ml image
        for check in ("non-root user", "read-only root", "no network", "pids cap", "no capabilities"):
            assert f"ok   {name}: {check}" in result.output


def test_sandbox_gc_removes_a_dead_judges_containers_and_leaves_a_live_ones_alone(runner, docker_client):
    """`sandbox gc` removed every job container not running, a live judge's too: one just created, not yet
    started, was killed as it started (`sandbox doctor` failed in CI: "killed from outside the judge")."""
    dead_judge = subprocess.Popen(["true"])
    dead_judge.wait()  # reaped: its pid is no live process's
    leftover, live = (job_container(docker_client, pid) for pid in (dead_judge.pid, os.getpid()))
    result = runner.invoke(main, ["sandbox", "gc"])
    assert result.exit_code == 0 and "removed" in result.output
    assert not docker_client.api.containers(all=True, filters={"id": leftover})
    assert docker_client.api.containers(all=True, filters={"id": live})
    docker_client.api.remove_container(live, force=True)


def job_container(docker_client, judge_pid: int) -> str:
    """A job container, created and not started, as the judge process ``judge_pid`` of this host makes one."""
    from sandbox.hardening import COMMAND
    from sandbox.image import LABEL, image_tag
    labels = {LABEL: "job", "techscreen.host": socket.gethostname(), "techscreen.host_pid": str(judge_pid)}
    return docker_client.api.create_container(image_tag(), command=COMMAND, labels=labels)["Id"]


def test_problem_export_then_import_into_a_bank(runner, tmp_path, fixture_problem):
    exported = tmp_path / "add-two.zip"
    result = runner.invoke(main, ["problem", "export", fixture_problem, "-o", str(exported)])
    assert result.exit_code == 0, result.output
    by_id = tmp_path / "moving-average.zip"
    assert runner.invoke(main, ["problem", "export", "moving-average", "-o", str(by_id)]).exit_code == 0
    assert "moving-average/solution.py" in zipfile.ZipFile(by_id).namelist()

    bank = tmp_path / "bank"
    result = runner.invoke(main, ["problem", "import", str(exported), "--bank", str(bank)])
    assert result.exit_code == 0 and "add-two: imported into" in result.output
    assert read_tree(bank / "add-two") == read_tree(Path(fixture_problem))
    listed = runner.invoke(main, ["problem", "list", "--json"], env={"TECHSCREEN_PROBLEMS": str(bank)})
    assert [row["id"] for row in json.loads(listed.output)] == ["add-two"]

    again = runner.invoke(main, ["problem", "import", str(exported), "--bank", str(bank)])
    assert again.exit_code == 2 and "exists; pass --replace" in again.output
    changed = dict(read_tree(Path(fixture_problem)), **{"statement.md": "# Add\n\nChanged.\n"})
    (tmp_path / "changed.zip").write_bytes(archive.pack("add-two", changed))
    replaced = runner.invoke(main, ["problem", "import", str(tmp_path / "changed.zip"), "--bank", str(bank),
                                    "--replace"])
    assert replaced.exit_code == 0 and "add-two: replaced" in replaced.output
    assert (bank / "add-two" / "statement.md").read_text() == "# Add\n\nChanged.\n"
    assert sorted(p.name for p in bank.iterdir()) == ["add-two"]  # no staging folders left


def test_problem_import_of_a_bad_zip_prints_every_issue_and_writes_nothing(runner, tmp_path, fixture_problem):
    files = read_tree(Path(fixture_problem))
    files["problem.toml"] = files["problem.toml"].replace('kind = "function"', 'kind = "lambda"')
    files["starter.py"] = "def add(a, b)\n"
    bad = tmp_path / "bad.zip"
    bad.write_bytes(archive.pack("add-two", files))
    bank = tmp_path / "bank"
    result = runner.invoke(main, ["problem", "import", str(bad), "--bank", str(bank)])
    assert result.exit_code == 2
    assert "add-two/problem.toml:6: error: kind" in result.output
    assert "add-two/starter.py:1: error: syntax error" in result.output
    assert not bank.exists()
    (tmp_path / "junk.zip").write_bytes(b"junk")
    junk = runner.invoke(main, ["problem", "import", str(tmp_path / "junk.zip"), "--bank", str(bank)])
    assert junk.exit_code == 2 and "not a zip archive" in junk.output


def test_problem_import_writes_no_crafted_entry_outside_the_bank(runner, tmp_path, fixture_problem):
    """Each crafted style, with a package that loads and one that does not: refused, nothing written anywhere."""
    outside, bank, upload = tmp_path / "outside", tmp_path / "bank", tmp_path / "up.zip"
    outside.mkdir()
    good = read_tree(Path(fixture_problem))
    broken = dict(good, **{"starter.py": "def add(a, b)\n"})
    for case in crafted("add-two", outside):
        for package in (good, broken):
            upload.write_bytes(package_zip("add-two", package, case.entries))
            result = runner.invoke(main, ["problem", "import", str(upload), "--bank", str(bank)])
            assert result.exit_code == 2 and case.issue in result.output, (case.style, result.output)
            assert written_outside(outside) == [] and not bank.exists(), case.style
    upload.write_bytes(package_zip("add-two", good))
    assert runner.invoke(main, ["problem", "import", str(upload), "--bank", str(bank)]).exit_code == 0
    assert read_tree(bank / "add-two") == good and written_outside(outside) == []


def test_problem_export_of_a_bad_package_is_a_usage_error(runner, tmp_path, fixture_problem):
    broken = tmp_path / "add-two"
    shutil.copytree(fixture_problem, broken)
    (broken / "solution.py").unlink()
    result = runner.invoke(main, ["problem", "export", str(broken), "-o", str(tmp_path / "x.zip")])
    assert result.exit_code == 2 and "solution.py: error: missing file" in result.output
    assert not (tmp_path / "x.zip").exists()


def test_problem_commands_take_question_items(runner, tmp_path):
    """`problem list` left the bank's question items out; `check`, `export` and `import` refused them for
    lacking a problem.toml."""
    listed = {row["id"]: row for row in json.loads(runner.invoke(main, ["problem", "list", "--json"]).output)}
    assert listed["q-knn-k"]["kind"] == "question" and listed["q-knn-k"]["valid"]
    assert listed["q-knn-k"]["format"] in ("single", "multiple", "written")
    checked = runner.invoke(main, ["problem", "check", "q-knn-k", "--json"])
    assert checked.exit_code == 0 and json.loads(checked.output)["ok"], checked.output

    exported = tmp_path / "q.zip"
    assert runner.invoke(main, ["problem", "export", "q-knn-k", "-o", str(exported)]).exit_code == 0
    bank_folder = tmp_path / "bank"
    imported = runner.invoke(main, ["problem", "import", str(exported), "--bank", str(bank_folder)])
    assert imported.exit_code == 0, imported.output
    assert read_tree(bank_folder / "q-knn-k") == read_tree(Path("problems/q-knn-k"))


def test_a_broken_question_item_fails_check_and_import_saying_where(runner, tmp_path):
    broken = tmp_path / "q-broken"
    broken.mkdir()
    (broken / "question.toml").write_text('id = "q-broken"\ntitle = "T"\nformat = "single"\ntopic = "t"\n'
                                          'prompt = "P"\nexplanation = "E"\n[[options]]\ntext = "only"\n'
                                          'correct = true\n')
    checked = runner.invoke(main, ["problem", "check", str(broken)])
    assert checked.exit_code == 2
    assert "question.toml: error: a choice question needs 2 to 8 [[options]]" in checked.output
    archive_file = tmp_path / "q.zip"
    archive_file.write_bytes(archive.pack("q-broken", read_tree(broken)))
    imported = runner.invoke(main, ["problem", "import", str(archive_file), "--bank", str(tmp_path / "bank")])
    assert imported.exit_code == 2 and "q-broken/question.toml" in imported.output
    assert not (tmp_path / "bank" / "q-broken").exists()
