import numpy

FAMILIES = ("random", "short")
T, D, E = 8, 16, 4


def generate(n, rng, family="random"):
    """A head (E x D weight, bias) and one forward call on a batch of n sequences of T tokens.

    ``random``: each sequence has 0 to T real tokens, padding at the end; ``short``: 0 to 2 real tokens,
    so many sequences are empty or nearly so.
    """
    numbers = numpy.random.default_rng(rng.getrandbits(64))
    weight = (numbers.standard_normal((E, D)) / 4).astype(numpy.float32)
    bias = (numbers.standard_normal(E) / 10).astype(numpy.float32)
    hidden = numbers.standard_normal((n, T, D)).astype(numpy.float32)
    longest = T if family == "random" else 2
    lengths = numbers.integers(0, longest + 1, size=n)
    mask = (numpy.arange(T)[None, :] < lengths[:, None]).astype(numpy.int64)
    return {"init": [weight, bias], "calls": [["forward", [hidden, mask]]]}
