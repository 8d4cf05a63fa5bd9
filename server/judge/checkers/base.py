"""What every checker returns, and how values are shown in messages."""

import dataclasses
import json
from itertools import chain, compress, repeat
from operator import is_

SHOWN_CHARS = 120


@dataclasses.dataclass(frozen=True)
class Check:
    """A comparison's outcome; ``message`` says where and how the values differ."""

    ok: bool
    message: str = ""


PASSED = Check(True)


def as_floats(want, got) -> tuple[float, float] | None:
    """Two numbers as floats; None when one is an integer past a float's range (``10**400``), which is close
    to nothing but itself."""
    try:
        return float(want), float(got)
    except OverflowError:
        return None


def show(value) -> str:
    """A short JSON rendering of a value for messages."""
    text = json.dumps(value, allow_nan=True)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 3] + "..."


_KIND_NAMES = {bool: "boolean", int: "integer", float: "float", str: "string", list: "list", dict: "object",
               type(None): "null"}


def described(value) -> str:
    """A value's JSON type and a short rendering, for messages (``null`` alone: "null null" says nothing)."""
    return "null (None)" if value is None else f"{kind_of(value)} {show(value)}"


def kind_of(value) -> str:
    """The JSON type name of a parsed value (by exact type: True is not 1 here)."""
    return _KIND_NAMES.get(type(value)) or type(value).__name__


def identical(expected, actual) -> bool:
    """Equal by ``==`` with every part of the same type (``1``, ``1.0`` and ``true`` are equal by ``==``): what
    every checker accepts. The type comparison runs in C for lists of scalars, so a large right answer is
    accepted in milliseconds. False says nothing: NaN, values within a tolerance and every real difference go
    to the checker, which decides and says where."""
    return expected == actual and _same_types(expected, actual)


def _same_types(expected, actual) -> bool:
    """The same type everywhere in two values already equal by ``==``.

    Level by level: equal values have lists of equal lengths and dicts with the same keys, so the parts of
    one level line up, and each level's types are listed and compared in C (a class's 60,000 returns of
    short lists take milliseconds, not a Python step each).
    """
    wanted, got = [expected], [actual]
    while wanted:
        kinds = list(map(type, wanted))
        if kinds != list(map(type, got)):
            return False
        lists, dicts = list(map(is_, kinds, repeat(list))), list(map(is_, kinds, repeat(dict)))
        below_wanted = list(chain.from_iterable(compress(wanted, lists)))
        below_got = list(chain.from_iterable(compress(got, lists)))
        for want, have in zip(compress(wanted, dicts), compress(got, dicts), strict=True):
            below_wanted += want.values()
            below_got += map(have.__getitem__, want)
        wanted, got = below_wanted, below_got
    return True
