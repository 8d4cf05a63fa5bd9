"""Input generator for kway-merge: generate(n, rng, family) -> [streams].

n records in total, spread over k = max(1, n // 8) streams. Records are
[timestamp, source, message] with integer timestamps (epoch milliseconds).
Each stream is sorted by timestamp; the source names of the streams are
shuffled, so ordering ties by source instead of by stream index is wrong.

Families:
  random       - every record goes to a random stream (lengths vary, some
                 streams are empty); timestamps drawn from about 4n values, so
                 some ties occur across and within streams
  interleaved  - round robin: record g goes to stream g % k with timestamp
                 base + g // 2, so the next record always comes from another
                 stream and neighbouring streams tie pairwise
  ties         - only 4 distinct timestamps: huge tie groups across and
                 within streams, decided by stream index and position
"""

FAMILIES = ("random", "interleaved", "ties")

_BASE = 1_716_200_000_000
_SERVICES = ("api", "auth", "billing", "cache", "db", "embed", "gateway", "ingest",
             "ranker", "scheduler", "search", "worker")
_MESSAGES = ("GET /v1/predict 200", "POST /v1/embed 201", "cache miss", "cache hit",
             "retry 1/3", "timeout after 250ms", "queue depth 17", "model loaded",
             "checkpoint saved", "GC pause 12ms", "connection reset", "batch of 64 done")


def generate(n, rng, family="random"):
    """Build [streams] holding n records in max(1, n // 8) streams from rng."""
    if family not in FAMILIES:
        raise ValueError("unknown family: %r" % (family,))
    k = max(1, n // 8)
    random = rng.random
    sources = ["%s-%d" % (_SERVICES[int(random() * len(_SERVICES))], int(random() * 100))
               for _ in range(k)]
    nmsg = len(_MESSAGES)
    if family == "interleaved":
        stamps = [[] for _ in range(k)]
        for g in range(n):
            stamps[g % k].append(_BASE + g // 2)
    else:
        spread = 4 * n if family == "random" else 4
        stamps = [[] for _ in range(k)]
        for _ in range(n):
            stamps[int(random() * k)].append(_BASE + int(random() * spread))
        for s in stamps:
            s.sort()
    streams = []
    for i, ts_list in enumerate(stamps):
        src = sources[i]
        streams.append([[t, src, _MESSAGES[int(random() * nmsg)]] for t in ts_list])
    return [streams]
