"""The staff commands: user add, screen add, invite create, demo."""

import re

from server.cli import main
from tests.web.conftest import cli_environment


def test_user_screen_and_invite_from_the_cli(runner, app):
    env = cli_environment(app)
    result = runner.invoke(main, ["user", "add", "cli@example.com", "--role", "author", "--password",
                                  "a long password"], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["screen", "add", "CLI screen", "--minutes", "45", "--problem", "moving-average",
                                  "--candidate-feedback", "score"], env=env)
    assert result.exit_code == 0 and "1 problems" in result.output
    result = runner.invoke(main, ["invite", "create", "--screen", "CLI screen", "--name", "Lin", "--email",
                                  "lin@example.com"], env=env)
    assert result.exit_code == 0
    token = re.search(r"/invite/(\S+)", result.output).group(1)
    landing = app.test_client().get(f"/invite/{token}").data
    assert b"Hello Lin" in landing and b"and your score" in landing  # the screen shows candidates their score


def test_bad_input_is_a_usage_error(runner, app):
    env = cli_environment(app)
    result = runner.invoke(main, ["screen", "add", "X", "--minutes", "30", "--problem", "no-such-problem"], env=env)
    assert result.exit_code == 2 and "no problem 'no-such-problem'" in result.output


def test_demo_prints_a_login_and_an_invite(runner, app):
    result = runner.invoke(main, ["demo"], env=cli_environment(app))
    assert result.exit_code == 0, result.output
    assert "admin login:" in result.output and "/invite/" in result.output
