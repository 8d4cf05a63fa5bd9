"""The Alembic migrations build exactly the schema the models describe, and go down and up again, on SQLite and
on PostgreSQL."""

import datetime as dt
import hashlib

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select
from sqlmodel.sql.sqltypes import UTCDateTime

import server.models  # noqa: F401  (registers the tables)
from server.db import MIGRATIONS, make_engine, upgrade
from server.models import CandidateFeedback, Screen
from server.services.attempts import invite_for


def migrate(engine, action, revision):
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config, revision)


def schema_drift(engine) -> list:
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts={"render_as_batch": True}),
                                SQLModel.metadata)


@pytest.fixture
def engine(empty_database_url):
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def test_the_migrated_schema_is_the_models_schema(engine):
    upgrade(engine)
    assert schema_drift(engine) == []


def test_every_migration_goes_down_and_up_again(engine):
    upgrade(engine)
    migrate(engine, command.downgrade, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert schema_drift(engine) == []


def test_a_database_with_attempts_migrates_and_its_invite_links_keep_opening_by_hash(engine):
    """From 0002, with an invite and its attempt: the batch migrations that copy the invite table succeed with
    foreign keys enforced, and the existing link still opens, though only its hash is kept."""
    migrate(engine, command.upgrade, "0002")
    now, token = dt.datetime.now(dt.UTC), "Om87S0NnK7LwuerDy-s1I5-927j6KGi9"
    dates = (sa.column("expires_at", UTCDateTime()), sa.column("created_at", UTCDateTime()))
    screen = sa.table("screen", sa.column("id"), sa.column("name"), sa.column("minutes"),
                      sa.column("problems", sa.JSON()), sa.column("created_at", UTCDateTime()))
    invite = sa.table("invite", sa.column("id"), sa.column("token"), sa.column("screen_id"),
                      sa.column("candidate_name"), sa.column("candidate_email"), *dates)
    with engine.begin() as connection:
        connection.execute(screen.insert().values(id=1, name="S", minutes=30, problems=[], created_at=now))
        connection.execute(invite.insert().values(id=1, token=token, screen_id=1, candidate_name="Ada",
                                                  candidate_email="ada@example.com",
                                                  expires_at=now + dt.timedelta(days=3), created_at=now))
        connection.execute(sa.text("INSERT INTO attempt (id, invite_id, state) VALUES (1, 1, 'INVITED')"))
    upgrade(engine)
    assert "token" not in {column["name"] for column in inspect(engine).get_columns("invite")}
    with Session(engine) as session:
        found, attempt, _ = invite_for(session, token)
        assert (found.id, attempt.id, found.token_prefix) == (1, 1, token[:8])
        assert found.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert session.exec(select(Screen)).one().candidate_feedback == CandidateFeedback.VERDICT
