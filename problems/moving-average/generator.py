"""Inputs for MovingAverage: window = max(1, n // 2) and n calls to next().

Values are multiples of 1/1024 with magnitude below 1e6, so every partial sum
of up to 200,000 of them is exact in a double: the expected means do not
depend on the order in which a solution adds and subtracts.
"""

FAMILIES = ("random", "constant", "trend")

_SCALE = 1024
_UNITS = 2 * 1_000_000 * _SCALE - 1   # offsets 0 .. _UNITS - 1 map to (-1e6, 1e6)
_LOW = -1_000_000 * _SCALE + 1


def _values(n, rng, family):
    random = rng.random
    if family == "random":
        return [(_LOW + int(random() * _UNITS)) / _SCALE for _ in range(n)]
    if family == "constant":
        value = (_LOW + int(random() * _UNITS)) / _SCALE
        return [value] * n
    if family == "trend":
        # A ramp from about -9e5 to +9e5 with noise of +-1000: the window
        # mean crosses zero, where only the absolute tolerance helps.
        start = -900_000 * _SCALE
        step = 1_800_000 * _SCALE // max(1, n - 1)
        noise = 2000 * _SCALE
        low = start - 1000 * _SCALE
        return [(low + i * step + int(random() * noise)) / _SCALE for i in range(n)]
    raise ValueError("unknown family: %r" % (family,))


def generate(n, rng, family="random"):
    """Build the constructor arguments and n next() calls from rng."""
    values = _values(n, rng, family)
    return {
        "init": [max(1, n // 2)],
        "calls": [["next", [v]] for v in values],
    }
