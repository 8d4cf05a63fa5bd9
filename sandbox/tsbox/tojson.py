"""Strict conversion of a candidate's return value into plain JSON data.

Only exact builtin types pass (``type(x) is float``, never ``isinstance``),
so a float subclass or an object whose ``__eq__`` lies cannot reach the host's
comparison. NumPy arrays and scalars become typed values (``tsbox.typed``): their
dtype, shape and data as builtins. NaN and
infinities stay floats; the encoder writes them as the explicit tokens
``NaN``, ``Infinity`` and ``-Infinity``, which the host decodes on purpose.
"""

from itertools import chain

from . import typed  # relative: the host imports this module as sandbox.tsbox.tojson

MAX_DEPTH = 64
MAX_INT_BITS = 4096 * 3  # about 3,700 decimal digits, under CPython's str limit

_type = type
_id = id
_PLAIN = {float, bool, int, type(None), str}


class InvalidValue(Exception):
    """The value cannot be sent back: its type or shape is not allowed."""


def to_json_value(value, _depth=0, _path=None):
    """Return ``value`` as nested builtins, or raise :class:`InvalidValue`."""
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
        return list(value)
    if (kind is list or kind is tuple) and _plain_rows(value):
        return [list(row) for row in value]
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
                    if _type(k) is not str:
                        raise InvalidValue(
                            "a dict key of type %s (keys must be str)" % _type(k).__name__
                        )
                    out[to_json_value(k, _depth + 1, path)] = to_json_value(v, _depth + 1, path)
                return out
            return [to_json_value(item, _depth + 1, path) for item in value]
        finally:
            path.discard(key)
    converted = typed.encode(value)
    if converted is not None:
        return to_json_value(converted, _depth + 1, _path)
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
    if int in kinds and not all(x.bit_length() <= MAX_INT_BITS for x in items if _type(x) is int):
        return False
    if str in kinds:
        try:
            "".join([x for x in items if _type(x) is str]).encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


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
