"""The databases tests run on: a SQLite file, or a database of the machine's PostgreSQL (`make services`).

A PostgreSQL test gets a database of its own, made with ``CREATE DATABASE ...
TEMPLATE`` from one migrated once per session: copying is much quicker than
migrating, and the test may change anything. Names carry the xdist worker and
the process id, so workers and runs side by side never share a database, and
a run that died leaves databases the next run can tell are orphaned.
"""

import itertools
import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from server.db import make_engine, upgrade

DATABASES = ("sqlite", "postgresql")
SERVER_URL = os.environ.get("TECHSCREEN_TEST_POSTGRES",
                            "postgresql+psycopg://techscreen:techscreen@127.0.0.1:5432/techscreen")
PREFIX = "techscreen_test_"


class PostgresDatabases:
    """Makes and drops this process's databases on one PostgreSQL server."""

    def __init__(self, server_url: str, worker: str):
        self.server = make_url(server_url)
        self.admin = sa.create_engine(self.server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.stem = f"{PREFIX}{os.getpid()}_{worker}_"
        self.numbers = itertools.count()
        self.template = None

    def url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template``; its name."""
        name = f"{self.stem}{next(self.numbers)}"
        clause = f" TEMPLATE {template}" if template else ""
        self._execute(f"CREATE DATABASE {name}{clause}")
        return name

    def migrated(self) -> str:
        """A new database at the migrations' head, copied from this session's template (made on first use)."""
        if self.template is None:
            template = self.create()
            engine = make_engine(self.url(template))
            try:
                upgrade(engine)
            finally:
                engine.dispose()  # a template must have no connections when it is copied
            self.template = template
        return self.create(self.template)

    def drop(self, name: str) -> None:
        """Drop ``name``, ending the connections a test left open (an app's judge thread, a CLI command's app).

        Not ``WITH (FORCE)``: on PostgreSQL 15 it fails when an autovacuum worker is on the database, which a
        plain DROP cancels. A connection opened meanwhile is ended on the next try.
        """
        for attempt in range(3):
            with self.admin.connect() as connection:
                connection.execute(sa.text("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                                           "WHERE datname = :name AND usename = current_user "
                                           "AND pid <> pg_backend_pid()"), {"name": name})
                try:
                    connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
                    return
                except sa.exc.OperationalError:  # "is being accessed by other users"
                    if attempt == 2:
                        raise

    def drop_orphans(self) -> None:
        """Databases of test processes that are gone (killed runs cannot drop their own)."""
        with self.admin.connect() as connection:
            names = connection.execute(sa.text("SELECT datname FROM pg_database WHERE datname LIKE :like"),
                                       {"like": f"{PREFIX}%"}).scalars().all()
        for name in names:
            pid = name.removeprefix(PREFIX).split("_")[0]
            if not Path(f"/proc/{pid}").exists():
                self.drop(name)

    def connections(self, name: str) -> int:
        """How many sessions are open on database ``name`` (other than the one asking)."""
        with self.admin.connect() as connection:
            return connection.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name "
                                              "AND pid <> pg_backend_pid()"), {"name": name}).scalar_one()

    def close(self) -> None:
        if self.template is not None:
            self.drop(self.template)
        self.admin.dispose()

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(statement)


def connect_postgres(worker: str) -> PostgresDatabases:
    """This process's databases on the machine's PostgreSQL; the test fails, never skips, when it does not answer."""
    databases = PostgresDatabases(SERVER_URL, worker)
    try:
        databases.drop_orphans()
    except sa.exc.OperationalError as error:
        pytest.fail(f"PostgreSQL is required and does not answer at {databases.server!r}: run `make services` "
                    f"(or set TECHSCREEN_TEST_POSTGRES). {error}", pytrace=False)
    return databases


def migrated_sqlite(folder: Path) -> Path:
    """A SQLite file at the migrations' head in ``folder``, to be copied: migrating takes most of a second."""
    path = folder / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # the last connection's close folds the write-ahead log into the file
    return path


def database_url(request, kind: str, folder: Path, migrated: bool) -> str:
    """A new database of ``kind`` for one test or module (dropped after it): a file in ``folder`` for SQLite,
    a database for PostgreSQL; at the migrations' head when ``migrated``, else empty."""
    if kind == "sqlite":
        path = folder / "techscreen.db"
        if migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    postgres = request.getfixturevalue("postgres_databases")
    name = postgres.migrated() if migrated else postgres.create()
    request.addfinalizer(lambda: postgres.drop(name))
    return postgres.url(name)
