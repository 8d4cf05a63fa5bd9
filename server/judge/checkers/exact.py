"""The ``exact`` checker: equal JSON values, types included."""

from server.judge.checkers.base import PASSED, Check, described, kind_of, show


def check(expected, actual, spec=None) -> Check:
    """Equal values of equal JSON types, recursively; ``1``, ``1.0`` and ``true`` all differ."""
    difference = first_difference(expected, actual, "")
    return PASSED if difference is None else Check(False, difference)


def first_difference(expected, actual, path: str, same_scalar=None, special=None) -> str | None:
    """Describe the first place where ``actual`` differs, or return None.

    ``same_scalar(expected, actual)`` may loosen the comparison of two numbers; ``special(expected, actual,
    path)`` may take a pair over (the ``array`` checker's arrays): it returns a difference, None for equal,
    or ``NotImplemented`` to let the comparison go on here.
    """
    if special is not None:
        difference = special(expected, actual, path)
        if difference is not NotImplemented:
            return difference
    where = f" at {path}" if path else ""
    if kind_of(expected) != kind_of(actual) and not (
            same_scalar and kind_of(expected) in ("integer", "float")
            and kind_of(actual) in ("integer", "float")):
        return f"expected {described(expected)}{where}, got {described(actual)}"
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return f"expected a list of {len(expected)} items{where}, got {len(actual)} items"
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            difference = first_difference(want, got, f"{path}[{index}]", same_scalar, special)
            if difference:
                return difference
        return None
    if isinstance(expected, dict):
        if set(expected) != set(actual):
            missing = sorted(set(expected) - set(actual))
            extra = sorted(set(actual) - set(expected))
            return f"keys differ{where}: missing {show(missing)}, unexpected {show(extra)}"
        for key in expected:
            difference = first_difference(expected[key], actual[key], f"{path}[{key!r}]", same_scalar, special)
            if difference:
                return difference
        return None
    if same_scalar and kind_of(expected) in ("integer", "float"):
        equal = same_scalar(expected, actual)
    else:
        equal = expected == actual
    return None if equal else f"expected {show(expected)}{where}, got {show(actual)}"
