"""Inputs for EmbeddingCache: capacity = max(1, n // 2) and n get/put calls.

Embeddings are 2 to 4 multiples of 1/16 in [-4, 4], so they print short and
compare exactly. Keys are short strings ("k17"); "u..." keys are never put.

Families:
  random - 60% puts of fresh keys, 12% updates and 25% gets of earlier keys
           (biased towards recent ones, so most are hits), 3% gets of unknown
           keys; evictions start once more than `capacity` keys were put
  scan   - cycles through capacity + 1 keys, so once the cache is full every
           put evicts (LRU's worst case); every third call is a get of the key
           just put (a hit) or of the key just evicted (a miss)
  hot    - a hot set of capacity // 4 keys, put first, then read (30%) and
           updated (10%) over and over while a stream of one-off cold keys
           (60%) pushes through the cache
"""

FAMILIES = ("random", "scan", "hot")


def _embedding(rng):
    random = rng.random
    return [(int(random() * 129) - 64) / 16 for _ in range(2 + int(random() * 3))]


def _recent(keys, rng):
    """A key put earlier, biased towards the most recent ones."""
    return keys[len(keys) - 1 - int(len(keys) * rng.random() ** 3)]


def _random(n, rng):
    keys, calls = [], []
    unknown = 0
    for _ in range(n):
        r = rng.random()
        if r < 0.60 or not keys:
            key = "k%d" % len(keys)
            keys.append(key)
            calls.append(["put", [key, _embedding(rng)]])
        elif r < 0.72:
            calls.append(["put", [_recent(keys, rng), _embedding(rng)]])
        elif r < 0.97:
            calls.append(["get", [_recent(keys, rng)]])
        else:
            unknown += 1
            calls.append(["get", ["u%d" % unknown]])
    return calls


def _scan(n, rng, capacity):
    cycle = capacity + 1
    calls = []
    puts = 0
    for i in range(n):
        if i % 3 == 2 and puts:
            if puts > capacity and rng.random() < 0.5:
                key = "k%d" % ((puts - 1 - capacity) % cycle)  # evicted by the last put
            else:
                key = "k%d" % ((puts - 1) % cycle)             # the key just put
            calls.append(["get", [key]])
        else:
            calls.append(["put", ["k%d" % (puts % cycle), _embedding(rng)]])
            puts += 1
    return calls


def _hot(n, rng, capacity):
    hot = max(1, capacity // 4)
    calls = [["put", ["h%d" % i, _embedding(rng)]] for i in range(min(hot, n))]
    cold = 0
    for _ in range(n - len(calls)):
        r = rng.random()
        if r < 0.30:
            calls.append(["get", ["h%d" % rng.randrange(hot)]])
        elif r < 0.40:
            calls.append(["put", ["h%d" % rng.randrange(hot), _embedding(rng)]])
        else:
            calls.append(["put", ["c%d" % cold, _embedding(rng)]])
            cold += 1
    return calls


def generate(n, rng, family="random"):
    """Build the constructor arguments and n get/put calls from rng."""
    capacity = max(1, n // 2)
    if family == "random":
        calls = _random(n, rng)
    elif family == "scan":
        calls = _scan(n, rng, capacity)
    elif family == "hot":
        calls = _hot(n, rng, capacity)
    else:
        raise ValueError("unknown family: %r" % (family,))
    return {"init": [capacity], "calls": calls}
