"""Values written for people (reviewers and candidates): typed arrays as dtype, shape and the data, long axes cut
as numpy prints them."""

import json
import re

from sandbox.tsbox.typed import ARRAY_TAG, is_array
from sandbox.typed_values import array_problem, untagged

EDGE_ITEMS = 3  # shown at each end of an axis longer than twice this
_CUT = object()
_MARKER = re.compile(r'"\\u0000(\d+)\\u0000"')


def dumps_readable(value, indent: int | None = None) -> str:
    """JSON of ``value`` in which each typed array is ``array(float64, shape (2, 3)) [[...], [...]]``, so a
    reviewer reads its dtype and shape first and a large one stays short."""
    texts = []

    def swapped(item):
        if is_array(item) and array_problem(item[ARRAY_TAG]) is None:  # a malformed one is shown as it is
            texts.append(array_text(item[ARRAY_TAG]))
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
    items = data if len(data) <= 2 * EDGE_ITEMS else [*data[:EDGE_ITEMS], _CUT, *data[-EDGE_ITEMS:]]
    return "[" + ", ".join("..." if item is _CUT else _summary(item, ndim - 1) for item in items) + "]"
