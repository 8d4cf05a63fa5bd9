"""Greenhouse's Assessment Partner endpoints under ``/integrations/greenhouse/``, in the shapes its contract
fixes: list_tests, send_test, test_status, response_error.

Greenhouse authenticates with HTTP Basic, an API key as the user name and no password; the key must hold
the ``greenhouse:assessment`` scope (an admin makes it on the API tokens page). No session cookie counts,
so these machine-to-machine routes need no CSRF token. Every error is ``{"errors": [...]}`` with its status:
400 for a malformed request, 401 without a valid key, 403 for a key of another scope, 404 for an unknown test,
422 for an archived one.
"""

import base64
import binascii
import logging

from flask import Blueprint, current_app, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from server import rate_limits, sealed
from server.api.errors import answer_routing_errors
from server.db import get_db
from server.models import GREENHOUSE_SCOPE, ApiToken
from server.security import csrf
from server.services import greenhouse
from server.services.api_tokens import TokenRejected, authenticate
from server.services.greenhouse import GreenhouseInputError
from server.services.mail import SmtpSettings

log = logging.getLogger(__name__)

bp = Blueprint("greenhouse", __name__, url_prefix="/integrations/greenhouse")
csrf.exempt(bp)
CHALLENGE = {"WWW-Authenticate": 'Basic realm="techscreen greenhouse"'}


def _rate_limit_key() -> str:
    """One budget per key the request authenticates with (a password part or other spelling changes nothing);
    requests that do not authenticate share their address's budget."""
    token = _authenticated()
    return rate_limits.token_or_address(token.id if isinstance(token, ApiToken) else None)


rate_limits.limit_blueprint(bp, lambda: f"{current_app.config['API_REQUESTS_PER_MINUTE']} per minute",
                            scope="greenhouse", key_func=_rate_limit_key)


def _errors(status: int, *messages: str, headers: dict | None = None):
    return jsonify(errors=list(messages)), status, headers or {}


@bp.errorhandler(GreenhouseInputError)
def _input_error(error: GreenhouseInputError):
    return _errors(error.status, *error.errors)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    return jsonify(errors=[error.description or error.name]), error.code or 500, headers


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    log.exception("Greenhouse request %s %s failed", request.method, request.path)
    return _errors(500, "something went wrong on techscreen's side; the error is logged")


answer_routing_errors(bp, _http_error)  # unknown paths and wrong methods under the prefix, in this shape too


@bp.before_request
def _authenticate():
    token = _authenticated()
    if not isinstance(token, ApiToken):
        return token
    if GREENHOUSE_SCOPE not in token.scopes:
        return _errors(403, f"this key lacks the scope {GREENHOUSE_SCOPE}; an admin can make a key that has it")
    g.greenhouse_token = token


def _authenticated():
    """The key of the request's Basic credentials, or the 401 answer saying why there is none; worked out once
    per request (the rate limit's key, asked first, and the check before each view both need it)."""
    if "greenhouse_authentication" not in g:
        g.greenhouse_authentication = _authenticate_header()
    return g.greenhouse_authentication


def _authenticate_header():
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return _errors(401, "send the API key as the user name of HTTP Basic authentication", headers=CHALLENGE)
    try:
        key = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")[0]
    except (binascii.Error, UnicodeDecodeError):
        return _errors(401, "the Basic credentials are not valid base64 of 'key:'", headers=CHALLENGE)
    try:
        return authenticate(get_db(), key.strip())
    except TokenRejected as error:
        return _errors(401, f"the API key is not accepted: {error}", headers=CHALLENGE)


def _sending() -> greenhouse.Sending:
    config = current_app.config
    public_url = config["PUBLIC_URL"].rstrip("/")
    return greenhouse.Sending(public_url,
                              lambda attempt_id: public_url + url_for("review.report", attempt_id=attempt_id),
                              config["INVITE_DAYS"],
                              SmtpSettings.from_url(config["SMTP_URL"]) if config["SMTP_URL"] else None)


@bp.route("/list_tests")
def list_tests():
    return jsonify(greenhouse.list_tests(get_db()))


@bp.route("/send_test", methods=("POST",))
def send_test():
    authorization = sealed.seal(current_app.config["SECRET_KEY"], request.headers["Authorization"])
    interview = greenhouse.send_test(get_db(), g.greenhouse_token, request.get_json(silent=True), authorization,
                                     _sending())
    return jsonify(partner_interview_id=str(interview.id))


@bp.route("/test_status")
def test_status():
    return jsonify(greenhouse.test_status(get_db(), request.args.get("partner_interview_id"), _sending()))


@bp.route("/response_error", methods=("POST",))
def response_error():
    """Greenhouse found one of our answers malformed: logged for whoever runs techscreen to read."""
    document = request.get_json(silent=True)
    if not isinstance(document, dict) or not isinstance(document.get("api_call"), str) \
            or not isinstance(document.get("errors"), list):
        raise GreenhouseInputError(["the body must be a JSON object with api_call (a string) and errors (a list)"])
    log.warning("Greenhouse reports a malformed answer to %s: %s (partner_test_id %s, partner_interview_id %s)",
                document["api_call"][:100], [str(item)[:500] for item in document["errors"][:20]],
                str(document.get("partner_test_id"))[:50], str(document.get("partner_interview_id"))[:50])
    return jsonify(status=200)
