"""How errors answer: an HTML page in the browser; JSON under ``/api/``, from views marked ``json_view``, to
requests that sent JSON and to clients that prefer it (``Accept: application/json``).

The integration API (``/api/v1``) shapes its own errors (``server.api.errors``).
Every other JSON client gets ``{"error": <code>, "message": <what is wrong>}``,
the shape the candidate API and the authoring page read, for any HTTP error
and, as the last resort, for anything unexpected (a 500, logged by Flask):
never Flask's HTML page.
"""

from flask import Flask, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from server import body_limits

TITLES = {400: "Bad request", 403: "Not allowed", 404: "Not found", 405: "Not allowed", 413: "Too large",
          415: "Not accepted", 429: "Too many requests", 500: "Something went wrong"}
SERVER_ERROR = "Something went wrong on the server; the error is logged. Try again later."


def json_view(view):
    """Mark a view outside ``/api/`` that answers JSON (a page's fetch calls it), so its errors are JSON too."""
    view.answers_json = True
    return view


def wants_json() -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return (request.path.startswith("/api/") or request.is_json or getattr(view, "answers_json", False)
            or request.accept_mimetypes.best_match(("text/html", "application/json")) == "application/json")


def error_response(error: HTTPException):
    """The response for ``error``: JSON or the error page, with the error's own headers (Allow, Retry-After)."""
    status = error.code or 500
    title, message = TITLES.get(status, error.name), error.description or ""
    if isinstance(error, CSRFError):
        title, message = "The form expired", "Reload the page and try again. " + message
    elif status == 413:  # what this page accepts (server.body_limits)
        message = body_limits.too_large_message()
    elif status == 500:  # Flask's generic text, or an unexpected exception's
        message = SERVER_ERROR
    if wants_json():
        response = jsonify(error=error.name.lower().replace(" ", "_"), message=message)
    else:
        response = render_template("error.html", title=title, message=message)
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    return response, status, headers


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, error_response)
