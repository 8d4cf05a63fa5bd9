"""The staff commands: user add, screen add, invite create, demo."""

import re

import pytest
from sqlalchemy.engine import make_url

from server.app import close_app
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


@pytest.mark.postgresql_only
def test_commands_and_a_closed_app_leave_no_database_connection_open(runner, app, postgres_databases):
    """A pooled connection nobody closes is closed by the garbage collector, in whatever test is running then,
    with a ResourceWarning (which fails that test)."""
    env = cli_environment(app)
    for command in (["user", "add", "pool@example.com", "--role", "author", "--password", "a long password"],
                    ["demo"]):
        assert runner.invoke(main, command, env=env).exit_code == 0
    app.test_client().get("/auth/login")
    close_app(app)
    assert postgres_databases.connections(make_url(app.config["DATABASE_URL"]).database) == 0
