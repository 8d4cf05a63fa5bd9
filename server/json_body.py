"""Reading JSON request bodies strictly, with a message saying what is wrong and where.

Python's ``json`` accepts ``"\\ud800"`` (a lone surrogate: not valid Unicode,
so it fails later, when SQLite or the HTML sanitizer encodes the text) and
``"\\u0000"`` (NUL, which PostgreSQL's text cannot hold), and
recurses once per level of nesting (so 100,000 nested arrays raise
``RecursionError``). Here all three are refused while parsing, as is anything
nested deeper than ``MAX_DEPTH``, which no request of ours needs. The app
parses every body through ``StrictJSONProvider`` and ``StrictRequest``, so a
view's ``request.get_json()`` either returns clean data or raises a 400 whose
description is the reason. The same provider writes the app's JSON strictly
(``server.json_out``).
"""

import json

from flask import request
from flask.json.provider import DefaultJSONProvider
from flask.wrappers import Request
from werkzeug.exceptions import BadRequest

from server import json_out

MAX_DEPTH = 64
NUL = "\x00"


class JsonBodyError(ValueError):
    """The body is not acceptable JSON; the message says what is wrong and where."""


def loads(text: str | bytes):
    """Parse ``text`` as JSON, refusing lone surrogates and nesting deeper than ``MAX_DEPTH``.

    Raises:
        JsonBodyError: Broken syntax (with line and column), not UTF-8, too deep, or a lone surrogate (with its path).
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonBodyError(f"the body is not valid JSON: {error.msg} (line {error.lineno}, "
                            f"column {error.colno})") from None
    except UnicodeDecodeError:
        raise JsonBodyError("the body is not UTF-8 text") from None
    except RecursionError:
        raise JsonBodyError(f"the body nests arrays or objects more than {MAX_DEPTH} levels deep") from None
    _check(value)
    return value


def _check(value) -> None:
    """Walk ``value`` without recursion: every string (keys too) valid Unicode, no container below MAX_DEPTH."""
    pending = [(value, "", 0)]
    while pending:
        item, path, depth = pending.pop()
        if isinstance(item, str):
            _check_text(item, path)
        elif isinstance(item, list | dict):
            if depth >= MAX_DEPTH:
                raise JsonBodyError(f"the body nests arrays or objects more than {MAX_DEPTH} levels deep "
                                    f"(at {_where(path)})")
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str):
                    _check_text(key, path, "a key of ")
                pending.append((child, _child_path(path, key), depth + 1))


def _check_text(text: str, path: str, what: str = "") -> None:
    if NUL in text:  # PostgreSQL's text cannot hold it, and no field of ours has a use for it
        raise JsonBodyError(f"{what}{_where(path)} contains a NUL character (\\u0000, at character "
                            f"{text.index(NUL)}): text must not contain NUL")
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start].encode("unicode_escape").decode()
        raise JsonBodyError(f"{what}{_where(path)} contains a lone surrogate ({bad}, at character {error.start}): "
                            "text must be valid Unicode") from None


def _child_path(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"


def _where(path: str) -> str:
    return f"the field {path[1:]}" if path.startswith(".") else f"the body{path}"


def json_type(value) -> str:
    """The JSON name of a parsed value's type, for error messages."""
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array",
             dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def json_object() -> dict:
    """The current request's body, which must be a JSON object.

    Raises:
        BadRequest: It does not parse (the description says why and where) or is not an object.
        UnsupportedMediaType: It was not sent as JSON.
    """
    body = request.get_json()
    if not isinstance(body, dict):
        raise BadRequest(f"the request body must be a JSON object, not {json_type(body)}")
    return body


class StrictJSONProvider(DefaultJSONProvider):
    """The app's JSON: request bodies through ``loads``; responses and templates' ``tojson`` as Flask writes them,
    but strict, with non-finite floats tagged (``json_out.dumps``)."""

    def loads(self, s, **kwargs):
        return loads(s)

    def dumps(self, obj, **kwargs):
        return json_out.dumps(obj, dump=super().dumps, **kwargs)


class StrictRequest(Request):
    """A request whose JSON errors keep their reason (Flask's would say only "Bad Request" outside debug)."""

    def on_json_loading_failed(self, e: ValueError | None):
        if isinstance(e, JsonBodyError):
            raise BadRequest(str(e))
        return super().on_json_loading_failed(e)
