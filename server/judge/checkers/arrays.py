"""The ``array`` checker: numpy arrays (typed values) of the same shape, dtype kind and values within tolerance,
and pandas DataFrames and Series of the same labels, dtype kinds and values (``frames``).

Values are compared as ``numpy.isclose`` does, ``|actual - expected| <= abs_tol + rel_tol * |expected|``,
with NaN matching only NaN (the same positions) and an infinity only the same infinity. Arrays may sit
inside lists and objects; everything around them is compared as the ``float`` checker does. A plain list
of numbers stands for the array ``numpy.array`` would make of it (int64, float64 or bool); one with no
elements has no dtype to check, only a shape.
"""

import math
from itertools import chain

from sandbox.tsbox.typed import ARRAY_TAG, is_array
from sandbox.typed_values import untagged
from server.judge.checkers import frames
from server.judge.checkers.base import PASSED, Check, as_floats, described, show
from server.judge.checkers.exact import first_difference

_KINDS = ({"bool": "boolean", "object": "string"}
          | {f"{sign}int{bits}": "integer" for sign in ("", "u") for bits in (8, 16, 32, 64)})


def check(expected, actual, spec) -> Check:
    """Arrays and tables match in shape or labels, dtype (``spec.dtype``: ``kind`` by default, ``exact`` or
    ``any``) and values."""
    def close(want, got) -> bool:
        return _same(want, got, spec)

    def arrays(want, got, path):
        if frames.is_table(want) and frames.is_table(got):
            return frames.difference(want, got, path, close, lambda a, b: _same_dtype(a, b, spec))
        if frames.is_table(want) or frames.is_table(got):
            return f"expected {_described(want)}{f' at {path}' if path else ''}, got {_described(got)}"
        if not (is_array(want) or is_array(got)):
            return NotImplemented
        return _array_difference(want, got, path, spec)

    difference = first_difference(expected, actual, "", same_scalar=close, special=arrays)
    return PASSED if difference is None else Check(False, difference)


def _same_dtype(want: str, got: str, spec) -> bool:
    if spec.dtype == "exact":
        return want == got
    return spec.dtype == "any" or _KINDS.get(want, "float") == _KINDS.get(got, "float")


def _described(value) -> str:
    if frames.is_table(value):
        return str(frames.Table(value))
    return str(_Array.of(value)) if is_array(value) else described(value)


def _same(want, got, spec) -> bool:
    if type(want) is int and type(got) is int:  # exactly, however large (a float holds 53 bits)
        return abs(got - want) <= spec.abs_tol + spec.rel_tol * abs(want)
    pair = as_floats(want, got)
    return want == got if pair is None else _close(*pair, spec)


def _close(want: float, got: float, spec) -> bool:
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if math.isinf(want) or math.isinf(got):
        return want == got
    return abs(got - want) <= spec.abs_tol + spec.rel_tol * abs(want)


class _Array:
    """An array's dtype, shape and elements in C order, from a typed value or a plain list of numbers."""

    def __init__(self, dtype: str, shape: tuple, elements: list, dtype_known: bool = True):
        self.dtype, self.shape, self.elements, self.dtype_known = dtype, shape, elements, dtype_known

    @classmethod
    def of(cls, value):
        if is_array(value):
            spec = value[ARRAY_TAG]
            return cls(spec["dtype"], tuple(spec["shape"]), _flat(untagged(spec["data"]), len(spec["shape"])))
        return cls.inferred(value)

    @classmethod
    def inferred(cls, value):
        """The array numpy would make of nested lists of numbers; None for anything else."""
        shape, level = [], [value]
        while level and all(type(item) is list for item in level):
            size = len(level[0])
            if any(len(item) != size for item in level):
                return None
            shape.append(size)
            level = list(chain.from_iterable(level))
        kinds = set(map(type, level))
        if not kinds <= {bool, int, float}:
            return None
        dtype = "bool" if kinds == {bool} else "int64" if kinds == {int} else "float64"  # empty: float64
        return cls(dtype, tuple(shape), level, dtype_known=bool(level))  # no element, no dtype to read

    def __str__(self) -> str:
        return f"{self.dtype} array of shape {self.shape}"


def _flat(data, ndim: int) -> list:
    level = [data]
    for _ in range(ndim):
        level = list(chain.from_iterable(level))
    return level


def _array_difference(expected, actual, path: str, spec) -> str | None:
    where = f" at {path}" if path else ""
    want, got = _Array.of(expected), _Array.of(actual)
    if want is None or got is None:
        shown = (described(expected) if want is None else str(want), described(actual) if got is None else str(got))
        return f"expected {shown[0]}{where}, got {shown[1]}"
    if want.shape != got.shape:
        return f"expected shape {want.shape}{where}, got shape {got.shape} (expected {want}, got {got})"
    # dtype_known is False for a plain list with no elements: only its shape says anything
    if want.dtype_known and got.dtype_known and not _same_dtype(want.dtype, got.dtype, spec):
        return f"expected dtype {want.dtype}{where}, got {got.dtype} (expected {want}, got {got})"
    differing = [index for index, (a, b) in enumerate(zip(want.elements, got.elements, strict=True))
                 if not _same(a, b, spec)]
    if not differing:
        return None
    first = differing[0]
    return (f"{len(differing)} of {len(want.elements)} elements differ{where}; first at index "
            f"{_index(first, want.shape)}: expected {show(want.elements[first])}, got {show(got.elements[first])} "
            f"(expected shape {want.shape}, got shape {got.shape})")


def _index(flat: int, shape: tuple) -> tuple:
    index = []
    for size in reversed(shape):
        flat, position = divmod(flat, size)
        index.append(position)
    return tuple(reversed(index))
