"""Typed values on the host: strict validation of arrays, DataFrames and Series that came as JSON, and their
plain form.

A typed value (``sandbox.tsbox.typed``) comes from a candidate's return, a reference's, a generator or a
test file. The host trusts none of them. An array: the dtype must be an allowed numeric or boolean one, the
shape a short list of sizes, the data nested exactly as the shape says and of the dtype's kind (integers
within its range), and the element count bounded. A DataFrame or Series: labels (columns, index) integers
or strings, one allowed dtype per column (``object`` holding strings only), one row of data per index
label, each value of its column's dtype, the cell count bounded. Checkers other than ``array`` compare
plain values: an array's nested data, a DataFrame's rows, a Series' values, as results were before typed
values existed.
"""

import math
from itertools import chain

from sandbox.tsbox.typed import (
    ARRAY_TAG,
    COLUMN_DTYPES,
    DTYPES,
    FLOAT_NAMES,
    FLOAT_TAG,
    FRAME_TAG,
    MAX_NDIM,
    SERIES_TAG,
    tag_of,
    untagged,
)

MAX_ELEMENTS = 1 << 24
_CONTAINERS = (list, dict)
_INT_RANGES = {f"{sign}int{bits}": (0, (1 << bits) - 1) if sign else (-(1 << bits - 1), (1 << bits - 1) - 1)
               for sign in ("", "u") for bits in (8, 16, 32, 64)}


class TypedValueError(ValueError):
    """A typed value is malformed; the message says where and what."""


def validate(value, where: str = "the value") -> None:
    """Check every typed value in ``value`` (decoded JSON), level by level: a result of 100,000 plain rows
    takes milliseconds.

    Raises:
        TypedValueError: A typed value is malformed, named by its path in ``value``.
    """
    for item in _typed_values(value):
        problem = typed_problem(item)
        if problem:
            path = _path_to(value, item)
            raise TypedValueError(f"{where}{' at ' + path if path else ''}: {problem}")


def typed_problem(item) -> str | None:
    """What is wrong with a typed value (an object with a tag as its only key), as ``a typed array ...``."""
    tag = tag_of(item)
    noun, problem_of = _PROBLEMS[tag]
    problem = problem_of(item[tag])
    return f"{noun} {problem}" if problem else None


def holds_pandas(value) -> bool:
    """True when ``value`` holds a typed DataFrame or Series (which only the ml image can build)."""
    return any(tag_of(item) != ARRAY_TAG for item in _typed_values(value))


def _typed_values(value):
    """Each typed value in ``value``, level by level, without looking inside them."""
    level = [value] if type(value) in _CONTAINERS else []
    while level:
        below = []
        for item in level:
            if tag_of(item) is not None:
                yield item
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


def frame_problem(spec) -> str | None:
    """What is wrong with a typed DataFrame's ``{"columns", "dtypes", "index", "data"}``, or None."""
    if type(spec) is not dict or set(spec) != {"columns", "dtypes", "index", "data"}:
        return ('must be {"$dataframe": {"columns": [...], "dtypes": [...], "index": [...], "data": [[...], ...]}} '
                "and nothing else")
    columns, dtypes, index, rows = spec["columns"], spec["dtypes"], spec["index"], spec["data"]
    problem = _labels_problem(columns, "columns") or _labels_problem(index, "index")
    if problem:
        return problem
    if type(dtypes) is not list or len(dtypes) != len(columns):
        return f"needs a list of {len(columns)} dtypes, one per column"
    problem = _dtype_problem(dtypes)
    if problem:
        return problem
    if len(index) * len(columns) > MAX_ELEMENTS:
        return f"of {len(index)} rows x {len(columns)} columns has more than {MAX_ELEMENTS:,} values"
    if type(rows) is not list or len(rows) != len(index):
        return f"with {len(index)} index labels needs its data as a list of {len(index)} rows"
    if any(type(row) is not list or len(row) != len(columns) for row in rows):
        return f"of {len(columns)} columns: its data is not all rows (lists) of {len(columns)} values"
    for position, (label, dtype) in enumerate(zip(columns, dtypes, strict=True)):
        problem = _elements_problem([row[position] for row in rows], dtype)
        if problem:
            return f"whose column {label!r} {problem}"
    return None


def series_problem(spec) -> str | None:
    """What is wrong with a typed Series' ``{"name", "dtype", "index", "data"}``, or None."""
    if type(spec) is not dict or set(spec) != {"name", "dtype", "index", "data"}:
        return 'must be {"$series": {"name": ..., "dtype": ..., "index": [...], "data": [...]}} and nothing else'
    if spec["name"] is not None and type(spec["name"]) not in (int, str):
        return "needs a name that is a string, an integer or null"
    problem = _labels_problem(spec["index"], "index") or _dtype_problem([spec["dtype"]])
    if problem:
        return problem
    data, size = spec["data"], len(spec["index"])
    if type(data) is not list or len(data) != size:
        return f"with {size} index labels needs its data as a list of {size} values"
    return _elements_problem(data, spec["dtype"])


def _labels_problem(labels, what: str) -> str | None:
    if type(labels) is not list:
        return f"needs its {what} as a list of labels"
    if len(labels) > MAX_ELEMENTS:
        return f"has more than {MAX_ELEMENTS:,} {what}"
    kinds = set(map(type, labels))
    if not kinds <= {int, str}:
        return f"has labels in its {what} that are {_names(kinds - {int, str})}, not only integers and strings"
    low, high = _INT_RANGES["int64"]
    if int in kinds and any(type(label) is int and not low <= label <= high for label in labels):
        return f"has an integer label in its {what} outside [{low}, {high}]"
    return None


def _dtype_problem(dtypes: list) -> str | None:
    unknown = [dtype for dtype in dtypes if dtype not in COLUMN_DTYPES]
    if unknown:
        return f"has dtype {str(unknown[0])[:40]!r}, not one of {', '.join(COLUMN_DTYPES)}"
    return None


def _elements_problem(elements: list, dtype: str) -> str | None:
    kinds = set(map(type, elements))
    if dtype == "object":
        return None if kinds <= {str} else f"of dtype object holds {_names(kinds - {str})}, not only strings"
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
    """``value`` with each typed array replaced by its data, each DataFrame by its rows, each Series by its
    values, non-finite floats as floats (what checkers other than ``array`` compare). Returns ``value`` itself
    when it holds no typed value, found level by level."""
    return value if next(_typed_values(value), None) is None else _plain(value)


def _plain(value):
    tag = tag_of(value)
    if tag is not None:
        return untagged(value[tag]["data"])
    if type(value) is dict:
        return {key: _plain(child) for key, child in value.items()}
    if type(value) is list and any(type(child) in _CONTAINERS for child in value):
        return [_plain(child) for child in value]
    return value



_PROBLEMS = {ARRAY_TAG: ("a typed array", array_problem), FRAME_TAG: ("a typed DataFrame", frame_problem),
             SERIES_TAG: ("a typed Series", series_problem)}
