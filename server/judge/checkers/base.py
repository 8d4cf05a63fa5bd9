"""What every checker returns, and how values are shown in messages."""

import dataclasses
import json

SHOWN_CHARS = 120


@dataclasses.dataclass(frozen=True)
class Check:
    """A comparison's outcome; ``message`` says where and how the values differ."""

    ok: bool
    message: str = ""


PASSED = Check(True)


def show(value) -> str:
    """A short JSON rendering of a value for messages."""
    text = json.dumps(value, allow_nan=True)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 3] + "..."


def kind_of(value) -> str:
    """The JSON type name of a parsed value (bool before int: True is not 1 here)."""
    for python_type, name in ((bool, "boolean"), (int, "integer"), (float, "float"), (str, "string"),
                              (list, "list"), (dict, "object")):
        if type(value) is python_type:
            return name
    return "null" if value is None else type(value).__name__


def identical(expected, actual) -> bool:
    """Equal by ``==`` and with equal JSON texts, which they have only when every part has the same JSON type
    (``1``, ``1.0`` and ``true`` are written differently): what every checker accepts. Both run in C, so a
    large right answer is accepted in milliseconds. False says nothing: keys in another order, ``-0.0``,
    NaN, values within a tolerance and every real difference go to the checker, which decides and says
    where."""
    return expected == actual and json.dumps(expected, allow_nan=True) == json.dumps(actual, allow_nan=True)
