"""Input generator for top-k-similar: generate(n, rng, family) -> [query, documents, k].

n documents of dimension d = 8 and k = n // 10. Every entry is a whole number
(stored as a float). The documents are built from a pool of base vectors whose
cosine similarities with the query are pairwise distinct (checked exactly) and
never 0; each document is a base vector times 1, 2 or 4 or, rarely, the zero
vector. So two documents have equal similarity only when they are power-of-two
multiples of the same base (their floating-point similarities are then
bit-for-bit equal in any reasonable computation) or both have zero norm, and
unequal similarities differ by far more than rounding error (base entries are
in [-9, 9]).

Families:
  random     - a pool of up to 4096 bases, documents drawn at random, ~1% zero
  ties       - only 8 bases: every similarity is shared by ~n/8 documents, so
               the top k is decided by the smaller-index tie-break
  ascending  - documents in increasing order of similarity: the best come
               last (defeats early exits and incremental insertion)
"""
from fractions import Fraction

FAMILIES = ("random", "ties", "ascending")

DIM = 8
_SCALES = (1.0, 2.0, 4.0)


def _query(rng):
    while True:
        q = [rng.randint(-9, 9) for _ in range(DIM)]
        if any(q):
            return q


def _pool(rng, query, m):
    """m (key, base) pairs with pairwise distinct, nonzero similarity keys.

    key = sign(dot) * dot^2 / |base|^2 orders the bases as their cosine
    similarity with the query does (|query| is a common positive factor).
    """
    seen = set()
    pool = []
    randint = rng.randint
    while len(pool) < m:
        b = [randint(-9, 9) for _ in range(DIM)]
        dot = sum(x * y for x, y in zip(query, b))
        if dot == 0:
            continue
        key = Fraction(dot * abs(dot), sum(x * x for x in b))
        if key in seen:
            continue
        seen.add(key)
        pool.append((key, b))
    return pool


def generate(n, rng, family="random"):
    """Build [query, documents, k] with n documents from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError("unknown family: %r" % (family,))
    query = _query(rng)
    m = {"random": min(n, 4096), "ties": min(n, 8), "ascending": min(n, 4096)}[family]
    pool = _pool(rng, query, m)
    if family == "ascending":
        pool.sort(key=lambda kb: kb[0])
    # every base in each of its three scalings, as floats
    variants = [[[float(x) * s for x in b] for s in _SCALES] for _, b in pool]
    zero = [0.0] * DIM
    random = rng.random
    docs = []
    append = docs.append
    if family == "ascending":
        for i in range(n):
            append(list(variants[i * m // n][int(random() * 3)]))
    else:
        zero_rate = 0.01 if family == "random" else 0.02
        for _ in range(n):
            if random() < zero_rate:
                append(list(zero))
            else:
                append(list(variants[int(random() * m)][int(random() * 3)]))
    return [[float(x) for x in query], docs, n // 10]
