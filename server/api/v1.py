"""The integration API's endpoints under ``/api/v1``: screens, invites, results and reports.

Authenticated by bearer token (``server.api.auth``), never by the session,
so CSRF does not apply; every error is JSON (``server.api.errors``). The
OpenAPI document (``server.api.openapi``) describes each route here, and a
test holds the two together.
"""

from flask import Blueprint, current_app, g, jsonify, url_for
from sqlmodel import func, select

from server import rate_limits
from server.api import errors, openapi, payloads
from server.api.auth import rate_limit_key, require_scope
from server.api.errors import ApiError, field_error
from server.db import get_db
from server.models import Attempt, Invite, Screen
from server.security import csrf
from server.services import attempts, results
from server.services.ats_report import attempt_report
from server.services.staff import invite_link

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
errors.register(bp)
rate_limits.limit_blueprint(bp, lambda: f"{current_app.config['API_REQUESTS_PER_MINUTE']} per minute",
                            scope="api_v1", key_func=rate_limit_key)  # one budget per token across the whole API


@bp.route("/openapi.json")
def openapi_document():
    return jsonify(openapi.document(current_app.config["PUBLIC_URL"]))


@bp.route("/screens")
@require_scope("screens:read")
def list_screens():
    session = get_db()
    page, per_page = payloads.page_arguments()
    total = session.exec(select(func.count()).select_from(Screen)).one()
    screens = session.exec(select(Screen).order_by(Screen.id.desc()).offset((page - 1) * per_page)
                           .limit(per_page)).all()
    items = [payloads.screen_json(screen, attempts.screen_problems(session, screen)) for screen in screens]
    return jsonify(payloads.page_of(items, page, per_page, total))


@bp.route("/screens/<int:screen_id>")
@require_scope("screens:read")
def get_screen(screen_id):
    screen = _screen(screen_id)
    return jsonify(payloads.screen_json(screen, attempts.screen_problems(get_db(), screen)))


@bp.route("/screens/<int:screen_id>/results")
@require_scope("results:read")
def screen_results(screen_id):
    session = get_db()
    screen = _screen(screen_id)
    page, per_page = payloads.page_arguments()
    attempts.close_due(session, screen)
    found = results.screen_results(session, screen, offset=(page - 1) * per_page, limit=per_page)
    return jsonify(payloads.page_of([result.as_json() for result in found], page, per_page,
                                    results.count_attempts(session, screen)))


@bp.route("/invites", methods=("POST",))
@require_scope("invites:write")
def create_invite():
    session = get_db()
    fields = payloads.invite_fields(payloads.json_object(), current_app.config["INVITE_DAYS"])
    screen = session.get(Screen, fields["screen_id"])
    if screen is None or screen.archived_at is not None:
        why = f"no screen with id {fields['screen_id']}" if screen is None else \
            f"screen {screen.id} is archived: it takes no new invites"
        raise ApiError(422, "validation_failed", "the invite is not valid: see details",
                       [field_error("screen_id", why)])
    invite, token = attempts.create_invite(session, screen, fields["name"], fields["email"], fields["days"],
                                           created_by_token=g.api_token.id)
    response = jsonify({**_invite_json(invite), "link": invite_link(current_app.config["PUBLIC_URL"], token)})
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_invite", invite_id=invite.id)
    return response


@bp.route("/invites/<int:invite_id>")
@require_scope("invites:write")
def get_invite(invite_id):
    return jsonify(_invite_json(_found(Invite, invite_id, "invite")))


@bp.route("/attempts/<int:attempt_id>")
@require_scope("results:read")
def get_attempt(attempt_id):
    session = get_db()
    attempt = _attempt(attempt_id)
    attempts.close_if_due(session, attempt)
    return jsonify(results.attempt_result(session, attempt).as_json())


@bp.route("/attempts/<int:attempt_id>/report")
@require_scope("results:read")
def get_attempt_report(attempt_id):
    return jsonify(attempt_report(get_db(), _attempt(attempt_id)))


def _found(model, row_id: int, what: str):
    """The row of ``model`` with ``row_id``, or a 404 naming ``what`` was not found."""
    row = get_db().get(model, row_id)
    if row is None:
        raise ApiError(404, "not_found", f"no {what} with id {row_id}")
    return row


def _screen(screen_id: int) -> Screen:
    return _found(Screen, screen_id, "screen")


def _attempt(attempt_id: int) -> Attempt:
    return _found(Attempt, attempt_id, "attempt")


def _invite_json(invite: Invite) -> dict:
    """The invite without its link: only its creation's answer carries the link (techscreen keeps a hash)."""
    attempt = get_db().exec(select(Attempt).where(Attempt.invite_id == invite.id)).one()
    return payloads.invite_json(invite, attempt)
