"""Typed values on the host: strict validation of arrays that came as JSON, and their plain form.

A typed array (``sandbox.tsbox.typed``) comes from a candidate's return, a reference's, a generator or a
test file. The host trusts none of them: the dtype must be an allowed numeric or boolean one, the shape a
short list of sizes, the data nested exactly as the shape says and of the dtype's kind (integers within
its range), and the element count bounded. Checkers other than ``array`` compare plain values: an array's
nested data, as results were before typed values existed.
"""

import math
from itertools import chain

from sandbox.tsbox.typed import ARRAY_TAG, DTYPES, FLOAT_NAMES, FLOAT_TAG, MAX_NDIM, is_array, untagged

MAX_ELEMENTS = 1 << 24
_CONTAINERS = (list, dict)
_INT_RANGES = {f"{sign}int{bits}": (0, (1 << bits) - 1) if sign else (-(1 << bits - 1), (1 << bits - 1) - 1)
               for sign in ("", "u") for bits in (8, 16, 32, 64)}


class TypedValueError(ValueError):
    """A typed value is malformed; the message says where and what."""


def validate(value, where: str = "the value") -> None:
    """Check every typed array in ``value`` (decoded JSON), level by level: a result of 100,000 plain rows
    takes milliseconds.

    Raises:
        TypedValueError: An array is malformed, named by its path in ``value``.
    """
    level = [value] if type(value) in _CONTAINERS else []
    while level:
        below = []
        for item in level:
            if is_array(item):
                problem = array_problem(item[ARRAY_TAG])
                if problem:
                    path = _path_to(value, item)
                    raise TypedValueError(f"{where}{' at ' + path if path else ''}: a typed array {problem}")
                continue
            below += [child for child in (item.values() if type(item) is dict else item)
                      if type(child) in _CONTAINERS]
        level = below


def _path_to(value, target) -> str:
    """Where ``target`` is inside ``value``, as ``[key][index]...`` (only when reporting an error)."""
    pending = [(value, "")]
    while pending:
        item, path = pending.pop()
        if item is target:
            return path
        children = item.items() if type(item) is dict else enumerate(item)
        pending += [(child, f"{path}[{key!r}]") for key, child in children if type(child) in _CONTAINERS]
    return ""


def array_problem(spec) -> str | None:
    """What is wrong with a typed array's ``{"dtype", "shape", "data"}``, or None."""
    if type(spec) is not dict or set(spec) != {"dtype", "shape", "data"}:
        return 'must be {"$ndarray": {"dtype": ..., "shape": [...], "data": ...}} and nothing else'
    dtype, shape = spec["dtype"], spec["shape"]
    if dtype not in DTYPES:
        return f"has dtype {str(dtype)[:40]!r}, not one of {', '.join(DTYPES)}"
    if type(shape) is not list or len(shape) > MAX_NDIM or any(type(size) is not int or size < 0 for size in shape):
        return f"needs a shape of at most {MAX_NDIM} sizes (integers >= 0)"
    if math.prod(shape) > MAX_ELEMENTS:
        return f"of shape {shape} has more than {MAX_ELEMENTS:,} elements"
    level = [spec["data"]]
    for depth, size in enumerate(shape):
        if any(type(item) is not list or len(item) != size for item in level):
            return f"of shape {shape}: its data at depth {depth} is not all lists of {size} items"
        level = list(chain.from_iterable(level))
    return _elements_problem(level, dtype)


def _elements_problem(elements: list, dtype: str) -> str | None:
    kinds = set(map(type, elements))
    if dtype == "bool":
        return None if kinds <= {bool} else f"of dtype bool holds {_names(kinds - {bool})}, not only booleans"
    if dtype in _INT_RANGES:
        if not kinds <= {int}:
            return f"of dtype {dtype} holds {_names(kinds - {int})}, not only integers"
        low, high = _INT_RANGES[dtype]
        if elements and (min(elements) < low or max(elements) > high):
            return f"of dtype {dtype} holds an integer outside [{low}, {high}]"
        return None
    if not kinds <= {int, float, dict}:
        return f"of dtype {dtype} holds {_names(kinds - {int, float, dict})}, not only numbers"
    if dict in kinds and any(type(item) is dict and (set(item) != {FLOAT_TAG} or item[FLOAT_TAG] not in FLOAT_NAMES)
                             for item in elements):
        return f'of dtype {dtype} holds an object other than {{"{FLOAT_TAG}": "NaN" | "Infinity" | "-Infinity"}}'
    return None


def _names(kinds) -> str:
    names = {bool: "booleans", int: "integers", float: "floats", str: "strings", list: "lists", dict: "objects"}
    return ", ".join(sorted(names.get(kind, "null") for kind in kinds))


def plain(value):
    """``value`` with each typed array replaced by its data, non-finite floats as floats (what checkers other
    than ``array`` compare). Returns ``value`` itself when it holds no array, found level by level."""
    level = [value]
    while level:
        if any(is_array(item) for item in level):
            return _plain(value)
        level = [child for item in level if type(item) in _CONTAINERS
                 for child in (item.values() if type(item) is dict else item) if type(child) in _CONTAINERS]
    return value


def _plain(value):
    if is_array(value):
        spec = value[ARRAY_TAG]
        return untagged(spec["data"]) if spec["dtype"].startswith("float") else spec["data"]
    if type(value) is dict:
        return {key: _plain(child) for key, child in value.items()}
    if type(value) is list and any(type(child) in _CONTAINERS for child in value):
        return [_plain(child) for child in value]
    return value

