"""The Flask application factory (the flaskr way): ``create_app(test_config=None)``."""

import atexit
import os
from pathlib import Path

from flask import Flask

from sandbox import SandboxSettings, gc
from server import body_limits, config, db, error_responses, nul_characters, rate_limits, security
from server.ids import IdConverter
from server.json_body import StrictJSONProvider, StrictRequest
from server.problems.statement import markdown_filter
from server.services.delivery_dispatcher import DeliveryDispatcher
from server.services.judge_queue import JudgeQueue
from server.services.problem_store import sync_bank
from server.services.progress_stream import StreamSlots
from server.services.validation import Validations

WEB = Path(__file__).resolve().parents[1] / "web"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config, database (migrated), problem sync, judge queue and validations, blueprints."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("TECHSCREEN_INSTANCE")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True,
                template_folder=str(WEB / "templates"), static_folder=str(WEB / "static"))
    app.json, app.request_class = StrictJSONProvider(app), StrictRequest  # server.json_body: why
    app.url_map.converters["int"] = IdConverter  # ids beyond the database's range do not match (server.ids)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(instance))
    if test_config:
        app.config.from_mapping(test_config)
    body_limits.init_app(app)  # first: CSRF protection reads the body
    nul_characters.init_app(app)
    security.init_app(app)
    db.init_app(app)
    with app.app_context():
        failed = sync_bank(db.get_db())
    for problem in failed:
        app.logger.warning("problem not loaded: %s", problem)
    _start_workers(app, instance)
    app.extensions["techscreen.progress_streams"] = StreamSlots()
    _register_blueprints(app)
    rate_limits.init_app(app)  # after the blueprints: it applies the limits their views declare
    error_responses.register(app)
    return app


def _start_workers(app: Flask, instance: Path) -> None:
    """The judge queue and the validation pool, in this process or sent to a cluster's workers
    (``BROKER_URL``); each takes up what a previous process left unfinished."""
    database = db.engine_of(app)
    if app.config["BROKER_URL"]:
        from server.cluster import celery_app
        from server.cluster.dispatch import ClusterJudgeQueue, ClusterValidations

        celery_app.configure(app.config["BROKER_URL"], SandboxSettings.from_environment().job_wall_seconds)
        judges, validations = ClusterJudgeQueue(database, app.config["BROKER_URL"]), ClusterValidations(database)
    else:
        if app.config["RECOVER_WORK"]:
            gc.remove_orphans(SandboxSettings.from_environment(), app.logger.warning)
        judges = JudgeQueue(database, instance, app.config["JUDGE_WORKERS"])
        validations = Validations(database)
    app.extensions["techscreen.progress"] = judges.board
    if not app.config["BROKER_URL"]:  # a cluster's workers send deliveries from their sweep
        deliveries = DeliveryDispatcher(database, app.config)
        deliveries.start()
        app.extensions["techscreen.deliveries"] = deliveries
        atexit.register(deliveries.shutdown)
    workers = {"submissions": ("techscreen.judge", judges), "validations": ("techscreen.validations", validations)}
    for what, (key, pool) in workers.items():
        app.extensions[key] = pool
        if app.config["RECOVER_WORK"]:
            recovered = pool.recover()
            if recovered:
                app.logger.info("re-queued %d %s left by a previous run", recovered, what)
        atexit.register(pool.shutdown)


def close_app(app: Flask) -> None:
    """Stop taking work and close the database pool: what is running finishes in its thread (on connections of
    its own), what is queued stays queued in the database. An app dropped without this leaves its pooled
    PostgreSQL connections to the garbage collector, which closes them with a ResourceWarning."""
    for key in ("techscreen.judge", "techscreen.validations", "techscreen.deliveries"):
        if key in app.extensions:
            app.extensions[key].shutdown()
    db.engine_of(app).dispose()


def _register_blueprints(app: Flask) -> None:
    from server.api import v1 as api_v1
    from server.views import admin, auth, authoring, candidate, candidate_api, greenhouse, integrations, review, tokens

    for module in (auth, admin, candidate, candidate_api, authoring, review, tokens, api_v1, greenhouse, integrations):
        app.register_blueprint(module.bp)
    app.add_url_rule("/", "home", auth.home)
    app.add_template_filter(markdown_filter, "markdown")
