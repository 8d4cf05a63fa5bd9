"""Values written for people (reviewers and candidates): typed arrays as dtype, shape and the data, DataFrames
and Series as their size, column dtypes, index and rows, long axes cut as numpy and pandas print them."""

import json
import re

from sandbox.tsbox.typed import ARRAY_TAG, FRAME_TAG, SERIES_TAG, tag_of
from sandbox.typed_values import typed_problem, untagged

EDGE_ITEMS = 3  # shown at each end of an axis longer than twice this
_CUT = object()
_MARKER = re.compile(r'"\\u0000(\d+)\\u0000"')


def dumps_readable(value, indent: int | None = None) -> str:
    """JSON of ``value`` in which each typed array is ``array(float64, shape (2, 3)) [[...], [...]]`` and each
    DataFrame ``DataFrame(2 rows x 2 columns: "a" int64, "b" float64) index [0, 1] rows [[...], [...]]``, so a
    reviewer reads its dtype and shape first and a large one stays short."""
    texts = []

    def swapped(item):
        tag = tag_of(item)
        if tag is not None and typed_problem(item) is None:  # a malformed one is shown as it is
            texts.append(_TEXTS[tag](item[tag]))
            return f"\x00{len(texts) - 1}\x00"
        if type(item) is dict:
            return {key: swapped(child) for key, child in item.items()}
        if type(item) is list and any(type(child) in (list, dict) for child in item):
            return [swapped(child) for child in item]
        return item

    text = json.dumps(swapped(value), indent=indent, allow_nan=True, default=repr)
    return _MARKER.sub(lambda match: texts[int(match.group(1))], text) if texts else text


def array_text(spec: dict) -> str:
    shape = spec["shape"]
    return f"array({spec['dtype']}, shape {tuple(shape)}) {_summary(untagged(spec['data']), len(shape))}"


def _summary(data, ndim: int) -> str:
    if ndim == 0:
        return json.dumps(data, allow_nan=True)
    return "[" + ", ".join("..." if item is _CUT else _summary(item, ndim - 1) for item in _cut(data)) + "]"


def frame_text(spec: dict) -> str:
    columns = ", ".join("..." if column is _CUT else f"{json.dumps(column[0])} {column[1]}"
                        for column in _cut(list(zip(spec["columns"], spec["dtypes"], strict=True))))
    size = f"{_count(len(spec['index']), 'row')} x {_count(len(spec['columns']), 'column')}"
    return (f"DataFrame({size}{': ' + columns if columns else ''}) index {_labels(spec['index'])} "
            f"rows [{', '.join(_row(row) for row in _cut(untagged(spec['data'])))}]")


def series_text(spec: dict) -> str:
    name = "" if spec["name"] is None else f"{json.dumps(spec['name'])}, "
    return (f"Series({name}{spec['dtype']}, {_count(len(spec['index']), 'row')}) index {_labels(spec['index'])} "
            f"{_summary(untagged(spec['data']), 1)}")


def _row(row) -> str:
    return "..." if row is _CUT else "[" + ", ".join(_item(value) for value in _cut(row)) + "]"


def _labels(labels) -> str:
    return "[" + ", ".join(_item(label) for label in _cut(labels)) + "]"


def _item(value) -> str:
    return "..." if value is _CUT else json.dumps(value, allow_nan=True)


def _cut(items: list) -> list:
    return items if len(items) <= 2 * EDGE_ITEMS else [*items[:EDGE_ITEMS], _CUT, *items[-EDGE_ITEMS:]]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


_TEXTS = {ARRAY_TAG: array_text, FRAME_TAG: frame_text, SERIES_TAG: series_text}
