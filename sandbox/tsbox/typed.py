"""Typed values: numpy arrays written as JSON (docs/problem-format.md, "Typed values").

An array travels as ``{"$ndarray": {"dtype": "float64", "shape": [2, 3], "data": [[...], [...]]}}``, its
data nested as its shape says; a numpy scalar as an array of shape ``[]``. A float that is not finite may
be written ``{"$float": "NaN"}`` (or ``"Infinity"``, ``"-Infinity"``), as the server writes them.

Inside the sandbox, ``build`` makes real arrays of a test's input before the candidate's code is called,
and ``encode`` writes arrays back. The host imports the names below (tags, dtypes) to validate what comes
out. Standard library only at import time: numpy is imported when an array is met.
"""

import math
import sys

ARRAY_TAG = "$ndarray"
FLOAT_TAG = "$float"
FLOAT_NAMES = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64")
MAX_NDIM = 32  # numpy's own limit is 64; a deeper array is no test value

_type = type


def is_array(value) -> bool:
    """True for the typed form of an array (the tag as the only key)."""
    return _type(value) is dict and len(value) == 1 and ARRAY_TAG in value


def build(value):
    """``value`` (decoded JSON) with every typed array made a numpy array, every shape-``[]`` one a numpy
    scalar; anything else as it is."""
    kind = _type(value)
    if kind is dict:
        if is_array(value):
            return _array(value[ARRAY_TAG])
        return {key: build(item) for key, item in value.items()}
    if kind is list:
        if not any(_type(item) in (list, dict) for item in value):
            return value
        return [build(item) for item in value]
    return value


def _array(spec):
    import numpy

    if _type(spec) is not dict or spec.get("dtype") not in DTYPES:
        raise ValueError("a typed array needs a dtype among %s" % ", ".join(DTYPES))
    array = numpy.array(untagged(spec.get("data")), dtype=spec["dtype"]).reshape(spec.get("shape"))
    return array[()] if array.ndim == 0 else array


def untagged(data):
    """An array's data with ``{"$float": name}`` objects made floats (the host reads arrays with this too)."""
    kind = _type(data)
    if kind is dict and _type(data.get(FLOAT_TAG)) is str and data[FLOAT_TAG] in FLOAT_NAMES:
        return FLOAT_NAMES[data[FLOAT_TAG]]
    if kind is list and any(_type(item) in (list, dict) for item in data):
        return [untagged(item) for item in data]
    return data


def encode(value, tag_non_finite=False):
    """The typed form of a numpy array or scalar of an allowed dtype; its plain ``tolist()`` for any other
    dtype (strings, objects: as before typed values existed); None for a value that is not numpy's.

    ``tag_non_finite`` writes NaN and infinities as ``$float`` objects, for JSON written without them.
    """
    numpy = sys.modules.get("numpy")
    if numpy is None or not isinstance(value, (numpy.ndarray, numpy.generic)):
        return None
    data = value.tolist()
    if value.dtype.name not in DTYPES:
        return data
    if tag_non_finite and value.dtype.kind == "f" and not numpy.isfinite(value).all():
        data = _tagged(data)
    return {ARRAY_TAG: {"dtype": value.dtype.name, "shape": list(value.shape), "data": data}}


def _tagged(data):
    if _type(data) is list:
        return [_tagged(item) for item in data]
    if math.isfinite(data):
        return data
    return {FLOAT_TAG: "NaN" if math.isnan(data) else "Infinity" if data > 0 else "-Infinity"}
