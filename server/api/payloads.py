"""Reading API requests (JSON bodies, query parameters) with an error per bad field, and shaping responses."""

import re

from flask import request
from werkzeug.exceptions import BadRequest

from server import json_body
from server.api.errors import ApiError, field_error
from server.ids import MAX_ID
from server.models import Invite, Screen

MAX_NAME, MAX_EMAIL, MAX_DAYS = 200, 254, 365
MAX_PER_PAGE, DEFAULT_PER_PAGE = 100, 20
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
INVITE_FIELDS = ("screen_id", "candidate_name", "candidate_email", "expires_in_days")


def json_object() -> dict:
    """The request's JSON object.

    Raises:
        ApiError: 415 when not sent as JSON; 400 ``invalid_json`` when it does not parse (the message says why
            and where) or is not an object.
    """
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
    try:
        return json_body.json_object()
    except BadRequest as error:
        raise ApiError(400, "invalid_json", error.description) from None


def invite_fields(body: dict, default_days: int) -> dict:
    """The validated fields of a new invite (``screen_id``, ``name``, ``email``, ``days``).

    Raises:
        ApiError: 422 ``validation_failed`` naming every bad, missing or unknown field.
    """
    problems = [field_error(key, "unknown field; the fields are " + ", ".join(INVITE_FIELDS))
                for key in body if key not in INVITE_FIELDS]
    screen_id = _integer(body, "screen_id", problems, low=1, high=MAX_ID)
    name = _text(body, "candidate_name", MAX_NAME, problems)
    email = _text(body, "candidate_email", MAX_EMAIL, problems)
    if email and not EMAIL.fullmatch(email):
        problems.append(field_error("candidate_email", f"{email!r} is not an email address"))
    days = _integer(body, "expires_in_days", problems, low=1, high=MAX_DAYS, default=default_days)
    if problems:
        raise ApiError(422, "validation_failed", "the invite is not valid: see details", problems)
    return {"screen_id": screen_id, "name": name, "email": email, "days": days}


def page_arguments() -> tuple[int, int]:
    """``page`` (from 1) and ``per_page`` (1 to 100) from the query string.

    Raises:
        ApiError: 422 ``validation_failed`` naming each bad parameter.
    """
    problems = []
    values = {}
    for name, default, high in (("page", 1, None), ("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)):
        raw = request.args.get(name)
        values[name] = default
        if raw is None:
            continue
        if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1 or (high is not None and int(raw) > high):
            limit = f"between 1 and {high}" if high else "at least 1"
            problems.append(field_error(name, f"must be a whole number {limit}, not {raw!r}"))
        else:
            values[name] = int(raw)
    if problems:
        raise ApiError(422, "validation_failed", "bad query parameters: see details", problems)
    return values["page"], values["per_page"]


def page_of(items: list, page: int, per_page: int, total: int) -> dict:
    return {"items": items, "page": page, "per_page": per_page, "total": total}


def screen_json(screen: Screen, versions) -> dict:
    return {"id": screen.id, "name": screen.name, "minutes": screen.minutes,
            "created_at": screen.created_at.isoformat(), "fluency_weight": screen.fluency_weight,
            "problems": [{"id": version.problem_id, "title": version.title, "version": version.number,
                          "kind": version.kind} for version in versions]}


def invite_json(invite: Invite, attempt) -> dict:
    return {"id": invite.id, "screen_id": invite.screen_id, "attempt_id": attempt.id, "state": attempt.state.value,
            "candidate": {"name": invite.candidate_name, "email": invite.candidate_email},
            "expires_at": invite.expires_at.isoformat(), "created_at": invite.created_at.isoformat()}


def _integer(body: dict, key: str, problems: list, low: int, high: int | None = None, default: int | None = None):
    if key not in body and default is not None:
        return default
    value = body.get(key)
    if key not in body:
        problems.append(field_error(key, "is required"))
    elif not isinstance(value, int) or isinstance(value, bool):
        problems.append(field_error(key, f"must be an integer, not {json_body.json_type(value)}"))
    elif value < low or (high is not None and value > high):
        problems.append(field_error(key, f"must be between {low} and {high}" if high else f"must be at least {low}"))
    else:
        return value
    return None


def _text(body: dict, key: str, limit: int, problems: list) -> str:
    value = body.get(key)
    if key not in body:
        problems.append(field_error(key, "is required"))
    elif not isinstance(value, str):
        problems.append(field_error(key, f"must be a string, not {json_body.json_type(value)}"))
    elif not value.strip():
        problems.append(field_error(key, "must not be empty"))
    elif len(value.strip()) > limit:
        problems.append(field_error(key, f"has {len(value.strip())} characters; at most {limit}"))
    else:
        return value.strip()
    return ""
