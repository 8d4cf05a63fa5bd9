"""Shared fixtures. Docker-backed fixtures fail, never skip, when the engine is missing."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from sandbox import SandboxError, SandboxSettings, build, engine, pool
from sandbox.container import JOB_ID_LABEL
from sandbox.image import LABEL
from server.problems.package import load_package
from tests.engine_proxy import EngineProxy

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PROBLEMS = ROOT / "tests" / "fixtures" / "problems"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Expected values computed from references go to a per-session cache, not ~/.cache."""
    monkeypatch.setenv("TECHSCREEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def docker_client():
    """A client of the real engine with the sandbox image built; fails loudly without them."""
    try:
        client = engine.connect(SandboxSettings.from_environment())
        build.build_image(client, log=lambda line: None)
    except SandboxError as error:
        pytest.fail(f"the Docker engine and sandbox image are required and not usable: {error}", pytrace=False)
    yield client
    client.close()


def job_containers(docker_client, **filters) -> list[dict]:
    """This process's job containers that a job has (had): the warm pool's own are left out (those it held
    before or after the listing: it may finish removing one, or start making one, meanwhile)."""
    held = pool.held_job_ids()
    found = docker_client.api.containers(all=True, filters={
        "label": [f"{LABEL}=job", f"techscreen.host_pid={os.getpid()}"], **filters})
    held |= pool.held_job_ids()
    return [c for c in found if c["Labels"].get(JOB_ID_LABEL) not in held]


@pytest.fixture
def no_leftover_containers(docker_client):
    """After the test, no job container of this process may remain (but those the warm pool holds, which
    no job had)."""
    yield
    mine = job_containers(docker_client)
    assert mine == [], f"containers left behind: {[c['Id'][:12] for c in mine]}"


@pytest.fixture
def engine_proxy(docker_client, monkeypatch):
    """The judge's Docker address (``DOCKER_HOST``) made an EngineProxy to the real engine, not yet open:
    the engine does not answer until the test opens it."""
    folder = tempfile.mkdtemp(prefix="engine-", dir="/tmp")  # a short path: socket paths are limited
    proxy = EngineProxy(os.path.join(folder, "docker.sock"))
    monkeypatch.setenv("DOCKER_HOST", proxy.url)
    yield proxy
    pool.close_all()  # the warm containers made through the proxy, while it still answers
    proxy.close()
    shutil.rmtree(folder)


@pytest.fixture(scope="session")
def fixture_problems() -> Path:
    return FIXTURE_PROBLEMS


@pytest.fixture(scope="session")
def add_two():
    return load_package(FIXTURE_PROBLEMS / "add-two")
