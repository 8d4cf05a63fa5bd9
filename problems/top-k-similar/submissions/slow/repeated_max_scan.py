import math


def top_k_similar(query, documents, k):
    """Correct, but picks the best remaining document k times by a full scan:
    O(n * k), quadratic when k grows with n."""
    if k < 0:
        raise ValueError("k must be non-negative")
    for doc in documents:
        if len(doc) != len(query):
            raise ValueError("dimension mismatch")
    qn = math.sqrt(sum(x * x for x in query))
    sims = []
    for doc in documents:
        dn = math.sqrt(sum(x * x for x in doc))
        if qn == 0 or dn == 0:
            sims.append(0.0)
        else:
            sims.append(sum(a * b for a, b in zip(query, doc)) / (qn * dn))
    taken = [False] * len(documents)
    result = []
    for _ in range(min(k, len(documents))):
        best = -1
        for i in range(len(documents)):
            if not taken[i] and (best < 0 or sims[i] > sims[best]):
                best = i
        taken[best] = True
        result.append(best)
    return result
