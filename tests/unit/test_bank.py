"""The bank parses a package folder again only when one of its files changed."""

import shutil

from server.errors import ProblemFormatError
from server.problems import bank


def test_an_unchanged_folder_is_not_parsed_again_and_a_changed_one_is(tmp_path, monkeypatch, fixture_problems):
    shutil.copytree(fixture_problems / "add-two", tmp_path / "add-two")
    monkeypatch.setenv("TECHSCREEN_PROBLEMS", str(tmp_path))
    [(_, first)] = bank.list_packages()
    [(_, again)] = bank.list_packages()
    assert again is first

    statement = tmp_path / "add-two" / "statement.md"
    statement.write_text(statement.read_text() + "\nOne more line.\n")
    [(_, edited)] = bank.list_packages()
    assert edited is not first and edited.statement.endswith("One more line.\n")
    assert edited.content_hash != first.content_hash

    (tmp_path / "add-two" / "problem.toml").write_text("not = [valid")
    [(name, broken)] = bank.list_packages()
    assert name == "add-two" and isinstance(broken, ProblemFormatError)
