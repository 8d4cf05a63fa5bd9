"""Forms, query strings and URLs with a NUL character are refused before any view runs.

PostgreSQL's text cannot hold NUL (the driver will not even send it), so an
email, a name or an id with one would fail the view's query with a 500, where
SQLite would store it; no field of ours has a use for it. A form field or
query parameter with one is a 400 naming it; a URL with one names no row (404).
An address that routes nowhere is left to its routing error (404, 405).
JSON bodies are refused as they are parsed (``server.json_body``).
"""

from flask import Flask, abort, request

from server.json_body import NUL


def init_app(app: Flask) -> None:
    """Register the check; after ``body_limits`` (it reads the form, which must not be read before the limit)."""
    app.before_request(_refuse_nul)


def _refuse_nul() -> None:
    if request.routing_exception is not None:  # no view runs: the routing error (404, 405) answers
        return
    if any(NUL in str(value) for value in (request.view_args or {}).values()):
        abort(404)
    for where, fields in (("query parameter", request.args), ("form field", request.form)):
        for key, value in fields.items(multi=True):
            if NUL in key or NUL in value:
                abort(400, f"The {where} {key.replace(NUL, '')} contains a NUL character, which text must not "
                           "contain.")
