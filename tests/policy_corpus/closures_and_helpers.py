import heapq
from functools import lru_cache
from itertools import accumulate


def _helper(values):
    return [v * 2 for v in values if v is not None]


def make_counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


@lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def top_k(pairs, k):
    heap = []
    for score, name in pairs:
        heapq.heappush(heap, (score, name))
        if len(heap) > k:
            heapq.heappop(heap)
    return sorted(heap, reverse=True)


def stats(values, *args, **kwargs):
    prefix = list(accumulate(values))
    squares = {v: v * v for v in values}
    unique = {v % 3 for v in values}
    lazy = (v for v in values if v > 0)
    first, *rest = values or [0]
    label = f"{len(values)} values, first={first!r:>5}, mean={sum(values) / max(1, len(values)):.3f}"
    if (n := len(rest)) > 10:
        label += f" and {n} more"
    return prefix, squares, unique, list(lazy), label, args, kwargs
