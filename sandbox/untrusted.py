"""Parsing JSON that came out of a container: bounded, strict, builtins only."""

import json
import math

_CONSTANTS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class UntrustedDataError(ValueError):
    """The bytes are not acceptable JSON within the limits."""


def _constant(name: str) -> float:
    return _CONSTANTS[name]


def parse_json(data: bytes, *, max_bytes: int, max_depth: int = 64):
    """Parse ``data`` as UTF-8 JSON of at most ``max_bytes`` and ``max_depth`` levels.

    The explicit tokens ``NaN``, ``Infinity`` and ``-Infinity`` decode to
    floats; the result holds only dict, list, str, int, float, bool and None.

    Raises:
        UntrustedDataError: Too large, too deep, not UTF-8 or not JSON.
    """
    if len(data) > max_bytes:
        raise UntrustedDataError(f"{len(data)} bytes, more than the {max_bytes} allowed")
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_constant)
    except RecursionError:
        raise UntrustedDataError("nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise UntrustedDataError(f"not valid JSON: {str(error)[:200]}") from None
    if _depth(value) > max_depth:
        raise UntrustedDataError(f"nested more than {max_depth} levels deep")
    return value


def _depth(value) -> int:
    """Nesting depth, computed without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return deepest
