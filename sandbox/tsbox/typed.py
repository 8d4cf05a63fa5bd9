"""Typed values: numpy arrays and pandas DataFrames and Series written as JSON (docs/problem-format.md,
"Typed values").

An array travels as ``{"$ndarray": {"dtype": "float64", "shape": [2, 3], "data": [[...], [...]]}}``, its
data nested as its shape says; a numpy scalar as an array of shape ``[]``. A DataFrame travels as
``{"$dataframe": {"columns": [...], "dtypes": [...], "index": [...], "data": [[...], ...]}}``, one list of
values per row (pandas' "split" orientation); a Series as ``{"$series": {"name": ..., "dtype": ...,
"index": [...], "data": [...]}}``. A float that is not finite may be written ``{"$float": "NaN"}`` (or
``"Infinity"``, ``"-Infinity"``), as the server writes them.

Inside the sandbox, ``build`` makes real arrays, DataFrames and Series of a test's input before the
candidate's code is called, and ``encode`` writes them back. The host imports the names below (tags,
dtypes) to validate what comes out. Standard library only at import time: numpy is imported when an array
is met, pandas when a DataFrame or Series is (only the ml image has it).
"""

import math
import sys

ARRAY_TAG = "$ndarray"
FRAME_TAG = "$dataframe"
SERIES_TAG = "$series"
TAGS = (ARRAY_TAG, FRAME_TAG, SERIES_TAG)
FLOAT_TAG = "$float"
FLOAT_NAMES = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64")
COLUMN_DTYPES = DTYPES + ("object",)  # a DataFrame's columns and a Series: object holds strings only
MAX_NDIM = 32  # numpy's own limit is 64; a deeper array is no test value
_TAG_BYTES = tuple(tag.encode() for tag in TAGS)

_type = type


class Unrepresentable(ValueError):
    """A DataFrame or Series that has no typed form (a dtype, label or index kind outside the allowed ones)."""


def is_array(value) -> bool:
    """True for the typed form of an array (the tag as the only key)."""
    return _type(value) is dict and len(value) == 1 and ARRAY_TAG in value


def tag_of(value):
    """The tag of a typed value (an array, DataFrame or Series: the tag as the only key), else None."""
    if _type(value) is dict and len(value) == 1:
        for tag in TAGS:
            if tag in value:
                return tag
    return None


def has_tags(data: bytes) -> bool:
    """True when JSON text may hold a typed value (escaped spellings of a tag aside)."""
    return any(tag in data for tag in _TAG_BYTES)


def build(value):
    """``value`` (decoded JSON) with every typed array made a numpy array, every shape-``[]`` one a numpy
    scalar, every typed DataFrame and Series a pandas one; anything else as it is."""
    kind = _type(value)
    if kind is dict:
        tag = tag_of(value)
        if tag is not None:
            return _BUILDERS[tag](value[tag])
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


def _pandas(tag):
    try:
        import pandas
    except ImportError:
        raise ValueError('a %s value needs pandas, which only the ml sandbox image has (image = "ml" in '
                         'problem.toml)' % tag) from None
    return pandas


def _frame(spec):
    pandas = _pandas(FRAME_TAG)
    import numpy

    rows, labels = untagged(spec["data"]), spec["columns"]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(labels)
    frame = pandas.DataFrame({position: numpy.array(values, dtype=dtype) for position, (values, dtype)
                              in enumerate(zip(columns, spec["dtypes"], strict=True))},
                             index=pandas.Index(spec["index"]))
    frame.columns = pandas.Index(labels)
    return frame


def _series(spec):
    pandas = _pandas(SERIES_TAG)
    import numpy

    return pandas.Series(numpy.array(untagged(spec["data"]), dtype=spec["dtype"]),
                         index=pandas.Index(spec["index"]), name=spec["name"])


_BUILDERS = {ARRAY_TAG: _array, FRAME_TAG: _frame, SERIES_TAG: _series}


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
    dtype (strings, objects: as before typed values existed); the typed form of a pandas DataFrame or Series;
    None for a value that is neither numpy's nor pandas'.

    ``tag_non_finite`` writes NaN and infinities as ``$float`` objects, for JSON written without them.

    Raises:
        Unrepresentable: A DataFrame or Series with a column dtype, labels or an index typed values lack.
    """
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(value, pandas.DataFrame):
        return _encoded_frame(value, tag_non_finite)
    if pandas is not None and isinstance(value, pandas.Series):
        return _encoded_series(value, tag_non_finite)
    numpy = sys.modules.get("numpy")
    if numpy is None or not isinstance(value, (numpy.ndarray, numpy.generic)):
        return None
    data = value.tolist()
    if value.dtype.name not in DTYPES:
        return data
    if tag_non_finite and value.dtype.kind == "f" and not numpy.isfinite(value).all():
        data = _tagged(data)
    return {ARRAY_TAG: {"dtype": value.dtype.name, "shape": list(value.shape), "data": data}}


def plain_key(key):
    """A dict key as the host takes it: numpy's ``str_`` (what ``np.unique`` of strings gives) as the ``str`` it
    holds; any other key as it is."""
    numpy = sys.modules.get("numpy")
    return str(key) if numpy is not None and _type(key) is numpy.str_ else key


def _tagged(data):
    if _type(data) is list:
        return [_tagged(item) for item in data]
    if math.isfinite(data):
        return data
    return {FLOAT_TAG: "NaN" if math.isnan(data) else "Infinity" if data > 0 else "-Infinity"}


def _encoded_frame(frame, tag_non_finite):
    labels = _labels(frame.columns, "column labels")
    columns = [_values(frame.iloc[:, position], "column %r" % (label,), tag_non_finite)
               for position, label in enumerate(labels)]
    rows = [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in range(len(frame))]
    return {FRAME_TAG: {"columns": labels, "dtypes": [dtype.name for dtype in frame.dtypes],
                        "index": _labels(frame.index, "index"), "data": rows}}


def _encoded_series(series, tag_non_finite):
    name = series.name
    if name is not None and _type(name) not in (int, str):
        raise Unrepresentable("a Series named %.40r: a typed Series' name is a string, an integer or None"
                              % (name,))
    return {SERIES_TAG: {"name": name, "dtype": series.dtype.name, "index": _labels(series.index, "index"),
                         "data": _values(series, "the Series", tag_non_finite)}}


def _labels(index, what):
    """An index's labels as a list of ints and strings (a RangeIndex's too)."""
    if index.nlevels != 1:
        raise Unrepresentable("a DataFrame or Series whose %s has %d levels (a MultiIndex): typed values take "
                              "one level; reset_index() first" % (what, index.nlevels))
    labels = index.tolist()
    odd = [label for label in labels if _type(label) not in (int, str)]
    if odd:
        raise Unrepresentable("a DataFrame or Series whose %s holds %s %.40r: typed values take integer or "
                              "string labels" % (what, _type(odd[0]).__name__, odd[0]))
    return labels


def _values(series, what, tag_non_finite):
    dtype = series.dtype
    if dtype.name not in COLUMN_DTYPES:
        raise Unrepresentable("%s has dtype %s: typed values take %s" % (what, dtype, ", ".join(COLUMN_DTYPES)))
    values = series.tolist()
    if dtype.name == "object":
        odd = [value for value in values if _type(value) is not str]
        if odd:
            raise Unrepresentable("%s of dtype object holds %s %.40r: an object column holds strings only"
                                  % (what, _type(odd[0]).__name__, odd[0]))
    elif tag_non_finite and dtype.kind == "f":
        values = _tagged(values)
    return values
