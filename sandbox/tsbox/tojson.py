"""Strict conversion of a candidate's return value into plain JSON data.

Only exact builtin types pass (``type(x) is float``, never ``isinstance``),
so a float subclass or an object whose ``__eq__`` lies cannot reach the host's
comparison. NumPy scalars and arrays are converted to builtins first. NaN and
infinities stay floats; the encoder writes them as the explicit tokens
``NaN``, ``Infinity`` and ``-Infinity``, which the host decodes on purpose.
"""

import sys

MAX_DEPTH = 64
MAX_INT_BITS = 4096 * 3  # about 3,700 decimal digits, under CPython's str limit

_type = type
_id = id
_PLAIN = {float, bool, int, type(None)}


class InvalidValue(Exception):
    """The value cannot be sent back: its type or shape is not allowed."""


def _numpy_to_builtin(value):
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return None
    if isinstance(value, numpy.ndarray):
        return ("ok", value.tolist())
    if isinstance(value, numpy.generic):
        return ("ok", value.item())
    return None


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
    if (kind is list or kind is tuple) and _plain_numbers(value):
        return list(value)
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
    converted = _numpy_to_builtin(value)
    if converted is not None:
        return to_json_value(converted[1], _depth + 1, _path)
    raise InvalidValue("a value of type %s" % _qualified_name(kind))


def _plain_numbers(items):
    """True for a flat sequence of floats, bools, None and small ints: no per-item recursion needed.

    ``set(map(type, ...))`` runs in C, which keeps converting a long list of
    floats cheap; the result is charged to the candidate's CPU time.
    """
    kinds = set(map(_type, items))
    if not kinds <= _PLAIN:
        return False
    return int not in kinds or all(x.bit_length() <= MAX_INT_BITS for x in items if _type(x) is int)


def _qualified_name(kind):
    module = getattr(kind, "__module__", None)
    name = getattr(kind, "__qualname__", None) or getattr(kind, "__name__", "?")
    if module in (None, "builtins"):
        return str(name)
    return "%s.%s" % (module, name)
