"""Ids and page numbers from the staff pages' query strings: a value that is not one is a 400 naming it."""

from flask import abort, request

from server.ids import parse_id


def id_arg(name: str) -> int | None:
    """The query parameter ``name`` as a row id; None when absent or empty."""
    raw = request.args.get(name, "")
    if not raw:
        return None
    value = parse_id(raw)
    if value is None:
        abort(400, f"The {name} parameter must be an id (a whole number), not {raw!r}.")
    return value


def page_arg() -> int:
    """The ``page`` query parameter (1 when absent); the pager holds it to the pages there are."""
    page = id_arg("page")
    return 1 if page is None else page
