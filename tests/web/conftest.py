"""Fixtures for the web app, built on ``app``, ``client`` and ``runner`` as in Flask's tutorial.

The app uses a fresh instance folder and database per test and the real
judge queue (real Docker engine, real image). Each test runs on SQLite and on
PostgreSQL (``database``, tests/conftest.py); those that judge through Docker
are costly, so most of them are marked ``sqlite_only``, and a representative
few (the judge queue's fairness, restarts, a candidate's submit) run on both.
"""

import re

import pytest

from server.app import close_app, create_app
from server.db import get_db
from server.services.attempts import create_invite
from server.services.staff import add_screen, add_user

PASSWORD = "correct horse battery"


@pytest.fixture
def make_app(tmp_path, docker_client, database_url):
    """``make(**config)``: an app on the test's database; apps made twice in a test share it, as a restart does."""
    apps = []

    def make(**overrides):
        config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
                  "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "JUDGE_WORKERS": 1, **overrides}
        app = create_app(config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def staff(app):
    """One user of each role; returns their emails by role."""
    with app.app_context():
        for role in ("admin", "author", "reviewer"):
            add_user(get_db(), f"{role}@example.com", role.title(), role, PASSWORD)
    return {role: f"{role}@example.com" for role in ("admin", "author", "reviewer")}


@pytest.fixture
def invite(app):
    """An invite to a 30-minute screen of cosine-similarity and moving-average: (token, [version ids])."""
    with app.app_context():
        screen = add_screen(get_db(), "Screen", 30, ["cosine-similarity", "moving-average"])
        _, token = create_invite(get_db(), screen, "Ada Candidate", "ada@example.com", 3)
        return token, list(screen.problems)


def cli_environment(app) -> dict:
    """The environment for a ``techscreen`` command on the app's instance folder and database."""
    return {"TECHSCREEN_INSTANCE": app.instance_path, "DATABASE_URL": app.config["DATABASE_URL"]}


def login(client, email):
    return client.post("/auth/login", data={"email": email, "password": PASSWORD})


def csrf_token(html: bytes) -> str:
    return re.search(rb'name="csrf-token" content="([^"]+)"', html).group(1).decode()


def follow_progress(client, token, submission_id, streams: int = 50) -> str:
    """The SSE text until judging finishes, reconnecting as a browser does when a stream reaches its lifetime."""
    text = ""
    for _ in range(streams):
        with client.get(f"/api/candidate/{token}/submissions/{submission_id}/progress") as stream:
            assert stream.mimetype == "text/event-stream", stream.get_data(as_text=True)
            text += stream.get_data(as_text=True)
        if '"phase": "done"' in text or '"phase": "error"' in text:
            return text
    raise AssertionError(f"judging did not finish within {streams} progress streams: {text[-500:]}")


def wait_done(client, token, submission_id):
    """Follow the progress until judging finishes, then the result."""
    follow_progress(client, token, submission_id)
    return client.get(f"/api/candidate/{token}/submissions/{submission_id}").get_json()
