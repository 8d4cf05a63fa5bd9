"""A real cluster for the tests: a private Redis, the web tier as 2 gunicorn processes, workers as processes.

The database is a private PostgreSQL server (a test may restart it). Leases
and sweeps are short here, so a killed worker's job is taken up within
seconds instead of a minute.
"""

import re

import pytest
import requests

from server.app import close_app, create_app
from server.cluster.local import LocalCluster, RedisServer
from server.db import get_db
from server.services.attempts import create_invite
from server.services.staff import add_screen
from tests.cluster.postgres_server import PostgresServer
from tests.conftest import FIXTURE_PROBLEMS

SECRET = "cluster-test-secret-key-" + "x" * 24


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def postgres_server():
    server = PostgresServer()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def cluster_environment(tmp_path, redis_server, postgres_server, docker_client, monkeypatch) -> dict:
    environment = {
        "TECHSCREEN_BROKER_URL": redis_server.url,
        "DATABASE_URL": postgres_server.url,
        "TECHSCREEN_INSTANCE": str(tmp_path / "instance"),
        "TECHSCREEN_SECRET_KEY": SECRET,
        "TECHSCREEN_PROBLEMS": str(FIXTURE_PROBLEMS),
        "TECHSCREEN_LEASE_SECONDS": "6",
        "TECHSCREEN_SWEEP_SECONDS": "2",
        "TECHSCREEN_RESEND_SECONDS": "30",
        "TECHSCREEN_SUBMISSIONS_PER_MINUTE": "1000",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return environment


@pytest.fixture
def invites(cluster_environment, tmp_path):
    """Five invites to a screen of add-two, made before the cluster starts: their tokens."""
    app = create_app({"INSTANCE_PATH": cluster_environment["TECHSCREEN_INSTANCE"], "RECOVER_WORK": False})
    try:
        with app.app_context():
            screen = add_screen(get_db(), "Cluster", 60, ["add-two"])
            return [create_invite(get_db(), screen, f"Candidate {n}", f"c{n}@example.com", 3)[1] for n in range(5)]
    finally:
        close_app(app)


@pytest.fixture
def cluster(cluster_environment, invites, tmp_path):
    running = LocalCluster(cluster_environment, tmp_path / "logs")
    try:
        running.start_web(processes=2)
        yield running
    finally:
        running.stop()


class Candidate:
    """A candidate's browser over HTTP: the invite's session cookie and CSRF token."""

    def __init__(self, base_url: str, token: str):
        self.base, self.token = base_url, token
        self.http = requests.Session()
        landing = self.http.get(f"{base_url}/invite/{token}", timeout=30)
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', landing.text).group(1)
        self.http.headers["X-CSRFToken"] = csrf
        started = self.http.post(f"{base_url}/invite/{token}/start", data={"csrf_token": csrf}, timeout=30)
        assert started.ok, started.text[:500]
        page = self.http.get(f"{base_url}/invite/{token}/problem/0", timeout=30).text
        self.version = int(re.search(r'data-problem="(\d+)"', page).group(1))

    def api(self, path: str) -> str:
        return f"{self.base}/api/candidate/{self.token}{path}"

    def submit(self, code: str, kind: str = "submit") -> int:
        response = self.http.post(self.api(f"/problems/{self.version}/{kind}"), json={"code": code, "notes": ""},
                                  timeout=30)
        assert response.status_code == 202, response.text[:500]
        return response.json()["id"]

    def status(self, submission_id: int) -> dict:
        return self.http.get(self.api(f"/submissions/{submission_id}/status"), timeout=30).json()
