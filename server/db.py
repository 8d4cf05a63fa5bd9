"""The database: one engine per app, one SQLModel session per request on ``g``.

The schema is managed by Alembic (``server/migrations``); ``upgrade`` brings
any database, new or old, to the current revision and runs at start-up.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import current_app, g
from sqlalchemy import event
from sqlmodel import Session, create_engine

from server import stored_json

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str):
    """An engine for ``url``, its JSON columns written by ``stored_json``; SQLite gets WAL and a busy timeout so
    the judge threads and requests share it."""
    json_text = {"json_serializer": stored_json.dumps, "json_deserializer": stored_json.loads}
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **json_text)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **json_text)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(connection, _record):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def upgrade(engine) -> None:
    """Apply every pending migration.

    On SQLite, foreign keys are off while migrating: a batch migration copies a
    table, drops it and renames the copy, and dropping a table other rows refer
    to (invites, with their attempts) fails while they are enforced. They are
    checked once the migrations are done, and on again.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        _sqlite_foreign_keys(connection, sqlite, "OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all() if sqlite else []
                if broken:
                    raise RuntimeError(f"the migrations left rows referring to missing rows: {broken[:10]}")
        finally:
            _sqlite_foreign_keys(connection, sqlite, "ON")  # the connection goes back to the pool


def _sqlite_foreign_keys(connection, sqlite: bool, state: str) -> None:
    if sqlite:
        connection.exec_driver_sql(f"PRAGMA foreign_keys={state}")  # outside a transaction, or SQLite ignores it
        connection.commit()


def engine_of(app):
    return app.extensions["techscreen.engine"]


def get_db() -> Session:
    """The request's session, opened on first use."""
    if "db" not in g:
        g.db = Session(engine_of(current_app), expire_on_commit=False)
    return g.db


def close_db(_error=None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def init_app(app) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["techscreen.engine"] = engine
    upgrade(engine)
    app.teardown_appcontext(close_db)
