"""Shared fixtures. Docker- and PostgreSQL-backed fixtures fail, never skip, when the engine or server is missing."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from sandbox import SandboxError, SandboxSettings, build, engine, pool
from sandbox.container import JOB_ID_LABEL
from sandbox.image import LABEL
from server.problems.bank import images_needed
from server.problems.package import load_package
from tests import databases
from tests.engine_proxy import EngineProxy

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PROBLEMS = ROOT / "tests" / "fixtures" / "problems"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Expected values computed from references go to a per-session cache, not ~/.cache."""
    monkeypatch.setenv("TECHSCREEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def docker_client():
    """A client of the real engine with the sandbox images the bank needs built (each skipped when its content
    hash is present); fails loudly without them."""
    try:
        client = engine.connect(SandboxSettings.from_environment())
        for name in images_needed():
            build.build_image(client, log=lambda line: None, name=name)
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


def pytest_generate_tests(metafunc):
    """A test on a ``database`` runs on SQLite and on PostgreSQL; one marked ``sqlite_only`` or
    ``postgresql_only`` on that one alone."""
    if "database" in metafunc.fixturenames:
        kinds = [kind for kind in databases.DATABASES
                 if not any(metafunc.definition.get_closest_marker(f"{other}_only")
                            for other in databases.DATABASES if other != kind)]
        metafunc.parametrize("database", kinds, indirect=True)


@pytest.fixture
def database(request) -> str:
    """Which database the test runs on: ``sqlite`` or ``postgresql`` (see pytest_generate_tests)."""
    return request.param


@pytest.fixture
def database_url(request, database, tmp_path) -> str:
    """A new database for the test at the migrations' head (a new SQLite file is migrated by the app opening it)."""
    return databases.database_url(request, database, tmp_path, migrated=True)


@pytest.fixture
def empty_database_url(request, database, tmp_path) -> str:
    """A new database for the test with no tables at all."""
    return databases.database_url(request, database, tmp_path, migrated=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """This process's migrated SQLite file, copied for each test that wants one (tests.databases)."""
    return databases.migrated_sqlite(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_databases(worker_id):
    """This process's test databases on the machine's PostgreSQL (tests.databases)."""
    postgres = databases.connect_postgres(worker_id)
    yield postgres
    postgres.close()
