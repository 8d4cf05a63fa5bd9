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

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str):
    """An engine for ``url``; SQLite gets WAL and a busy timeout so the judge threads and requests share it."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(connection, _record):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def upgrade(engine) -> None:
    """Apply every pending migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


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
