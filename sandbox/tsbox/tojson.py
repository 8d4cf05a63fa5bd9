"""Strict conversion of a candidate's return value into plain JSON data.

Only exact builtin types pass (``type(x) is float``, never ``isinstance``),
so a float subclass or an object whose ``__eq__`` lies cannot reach the host's
comparison. NumPy arrays and scalars, pandas DataFrames and Series become typed
values (``tsbox.typed``): their dtypes, shape or labels, and data as builtins. NaN and
infinities stay floats; the encoder writes them as the explicit tokens
``NaN``, ``Infinity`` and ``-Infinity``, which the host decodes on purpose.
"""

from itertools import chain, compress, repeat
from operator import is_

from . import typed  # relative: the host imports this module as sandbox.tsbox.tojson

MAX_DEPTH = 64
MAX_INT_BITS = 4096 * 3  # about 3,700 decimal digits, under CPython's str limit

_type = type
_id = id
_PLAIN = {float, bool, int, type(None), str}


class InvalidValue(Exception):
    """The value cannot be sent back: its type or shape is not allowed."""


def to_json_value(value, snapshot=False, _depth=0, _path=None):
    """Return ``value`` as nested builtins, or raise :class:`InvalidValue`.

    A list of plain values, or of rows of them, is returned as it is (the JSON
    encoder writes it next, and copying 100,000 rows took a large test's
    process longer than the code under test), unless ``snapshot``: a class's
    method may return its own list, which later calls change, so each return
    is copied when it is made.
    """
    if _depth > MAX_DEPTH:
        raise InvalidValue("the value is nested more than %d levels deep" % MAX_DEPTH)
    kind = _type(value)
    if value is None or kind is bool or kind is float:
        return value
    if kind is int:
        if value.bit_length() > MAX_INT_BITS:
            raise InvalidValue("an integer with more than %d bits" % MAX_INT_BITS)
        return value
    if kind is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidValue("a string that is not valid Unicode (lone surrogate)") from None
        return value
    if (kind is list or kind is tuple) and _plain(value):
        return list(value) if snapshot else value
    if (kind is list or kind is tuple) and _plain_rows(value):
        return [list(row) for row in value] if snapshot else value
    if kind is list or kind is tuple or kind is dict:
        path = _path if _path is not None else set()
        key = _id(value)
        if key in path:
            raise InvalidValue("a container that contains itself")
        path.add(key)
        try:
            if kind is dict:
                out = {}
                for k, v in value.items():
                    k = typed.plain_key(k)
                    if _type(k) is not str:
                        raise InvalidValue(
                            "a dict key of type %s (keys must be str)" % _type(k).__name__
                        )
                    out[to_json_value(k, snapshot, _depth + 1, path)] = to_json_value(v, snapshot, _depth + 1, path)
                return out
            return [to_json_value(item, snapshot, _depth + 1, path) for item in value]
        finally:
            path.discard(key)
    try:
        converted = typed.encode(value)
    except typed.Unrepresentable as error:
        raise InvalidValue(str(error)) from None
    if converted is not None:
        return to_json_value(converted, snapshot, _depth + 1, _path)
    raise InvalidValue("a value of type %s" % _qualified_name(kind))


def _plain(items):
    """True for a flat sequence of floats, bools, None, small ints and valid strings: no per-item recursion.

    The checks run in C (``set(map(type, ...))``, one join and encode for all
    the strings), which keeps converting long results cheap; the conversion is
    charged to the candidate's CPU time.
    """
    kinds = set(map(_type, items))
    if not kinds <= _PLAIN:
        return False
    if int in kinds and max(map(int.bit_length, _only(items, int))) > MAX_INT_BITS:
        return False
    if str in kinds:
        try:
            "".join(_only(items, str)).encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def _only(items, kind):
    """The items of exactly type ``kind``, filtered in C."""
    return compress(items, map(is_, map(_type, items), repeat(kind)))


def _plain_rows(rows):
    """True for a sequence of lists or tuples that are all ``_plain`` (a table): checked in one pass."""
    kinds = set(map(_type, rows))
    return bool(rows) and kinds <= {list, tuple} and _plain(list(chain.from_iterable(rows)))


def _qualified_name(kind):
    module = getattr(kind, "__module__", None)
    name = getattr(kind, "__qualname__", None) or getattr(kind, "__name__", "?")
    if module in (None, "builtins"):
        return str(name)
    return "%s.%s" % (module, name)
