import heapq
import math


def top_k_similar(query, documents, k):
    """Forgets the zero-norm rule: ZeroDivisionError on a zero vector."""
    if k < 0:
        raise ValueError("k must be non-negative")
    for doc in documents:
        if len(doc) != len(query):
            raise ValueError("dimension mismatch")
    qn = math.sqrt(sum(x * x for x in query))
    sims = [sum(a * b for a, b in zip(query, doc)) / (qn * math.sqrt(sum(x * x for x in doc)))
            for doc in documents]
    return heapq.nlargest(k, range(len(documents)), key=sims.__getitem__)
