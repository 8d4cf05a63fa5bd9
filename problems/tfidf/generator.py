"""Input generator for tfidf: generate(n, rng, family) -> [documents, normalize].

n is the total number of tokens. Tokens are drawn from a small pool of common
words (a few are Zipf-frequent, like "the") and, in the "long" family, from a
pool of rare words that grows with n, as a real corpus's vocabulary does.
Documents may be empty. normalize is drawn at random.

Families:
  long   8 long documents (n / 8 tokens each on average, cut at random
         points, so some may be empty); about 30% of the tokens are rare
         words from a pool of n / 4, so the vocabulary grows with n (about
         n / 6 terms): the matrix is 8 x V. Scanning every document for every
         term, or looking terms up in a list, is quadratic here.
  short  many short documents (0 to 32 tokens, 16 on average) over a fixed
         vocabulary of 32 common words: about n / 16 documents x 32 terms.
"""

FAMILIES = ("long", "short")

COMMON = ("the", "of", "and", "a", "to", "in", "is", "model", "data", "training", "loss", "The",
          "learning", "gradient", "layer", "network", "vector", "token", "embedding", "batch",
          "attention", "weights", "feature", "label", "score", "test", "error", "rate", "mean",
          "Data", "value", "input")
LONG_DOCUMENTS = 8
RARE_SHARE = 0.3


def _common(rng):
    """A common word, the first ones far more often (index log-uniform: Zipf-like)."""
    return COMMON[int(len(COMMON) ** rng.random()) - 1]


def _rare_pool(size):
    return ["w%x" % (i * 2654435761 % (1 << 32)) for i in range(size)]


def _long(n, rng):
    pool = _rare_pool(max(1, n // 4))
    cuts = sorted(rng.randrange(n + 1) for _ in range(LONG_DOCUMENTS - 1))
    bounds = [0] + cuts + [n]
    tokens = [rng.choice(pool) if rng.random() < RARE_SHARE else _common(rng) for _ in range(n)]
    return [tokens[bounds[i]:bounds[i + 1]] for i in range(LONG_DOCUMENTS)]


def _short(n, rng):
    documents = []
    left = n
    while left > 0:
        length = min(left, rng.randint(0, 32))
        documents.append([_common(rng) for _ in range(length)])
        left -= length
    return documents or [[]]


def generate(n, rng, family="long"):
    """Build [documents, normalize] with n tokens in all from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError("unknown family: %r" % (family,))
    documents = _long(n, rng) if family == "long" else _short(n, rng)
    return [documents, rng.random() < 0.5]
