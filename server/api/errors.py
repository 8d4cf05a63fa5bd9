"""JSON errors for the integration API: ``{"error": {"code", "message", "details"}}`` with stable codes.

Every failure under ``/api/v1`` goes through ``error_response``: errors the
views raise (``ApiError``), HTTP errors Flask or its extensions raise (413,
429, ...), routing errors (unknown path, wrong method) and anything
unexpected (500). No HTML error page ever answers there.
"""

import logging

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException, default_exceptions

log = logging.getLogger(__name__)

# Stable codes for HTTP errors that Flask, Werkzeug or the limiter raise.
HTTP_CODES = {400: "bad_request", 401: "invalid_token", 403: "insufficient_scope", 404: "not_found",
              405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
              429: "rate_limited", 500: "internal_error"}
MESSAGES = {404: "There is nothing at this address. See /api/v1/openapi.json for the API's paths.",
            405: "This address does not accept that method.",
            413: "The request body is too large.",
            429: "Too many requests: slow down and retry after the time in the Retry-After header.",
            500: "Something went wrong on the server; the error is logged. Retry later."}


class ApiError(Exception):
    """A request the API refuses; ``details`` names each field that is wrong."""

    def __init__(self, status: int, code: str, message: str, details: list[dict] | None = None,
                 headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or []
        self.headers = headers or {}


def field_error(field: str, message: str) -> dict:
    """One entry of ``details``: which field (dotted for nested ones) and what is wrong with it."""
    return {"field": field, "message": message}


def error_response(error: Exception) -> Response:
    """The JSON response for any error raised while serving an API request."""
    if isinstance(error, ApiError):
        status, code, message, details, headers = error.status, error.code, error.message, error.details, error.headers
    elif isinstance(error, HTTPException):
        status, headers, details = error.code or 500, {}, []
        code = HTTP_CODES.get(status, f"http_{status}")
        message = MESSAGES.get(status) or error.description or error.name
        if status == 405 and error.valid_methods:
            headers["Allow"] = ", ".join(sorted(error.valid_methods))
            message += f" Allowed: {headers['Allow']}."
        if status == 429 and getattr(error, "description", ""):
            message = f"Too many requests (limit {error.description}): retry after the Retry-After header's seconds."
    else:
        log.exception("API request %s %s failed", request.method, request.path)
        status, code, message, details, headers = 500, "internal_error", MESSAGES[500], [], {}
    response = jsonify(error={"code": code, "message": message, "details": details})
    response.status_code = status
    response.headers.update(headers)
    return response


def register(bp) -> None:
    """Answer every error raised in ``bp``'s views, and routing errors under its prefix, with JSON."""
    bp.register_error_handler(ApiError, error_response)
    for status in default_exceptions:
        bp.register_error_handler(status, error_response)
    bp.register_error_handler(Exception, error_response)
    answer_routing_errors(bp, error_response)


def answer_routing_errors(bp, respond) -> None:
    """Answer unknown paths and wrong methods under ``bp``'s prefix with ``respond(error)``: they never reach a
    view of ``bp``, so its handlers would not see them, and Flask would give them the app's HTML pages."""
    @bp.before_app_request
    def routing_errors():
        failure = request.routing_exception
        if isinstance(failure, HTTPException) and (failure.code or 0) >= 400 and _under(request.path, bp.url_prefix):
            return respond(failure)
        return None


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")
