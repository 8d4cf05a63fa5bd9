import heapq
import math


def top_k_similar(query, documents, k):
    """Gives a zero-norm document similarity -inf ("it can't be similar to
    anything") instead of 0.0, so it ranks below documents with negative
    similarity."""
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
            sims.append(float("-inf"))
        else:
            sims.append(sum(a * b for a, b in zip(query, doc)) / (qn * dn))
    return heapq.nlargest(k, range(len(documents)), key=sims.__getitem__)
