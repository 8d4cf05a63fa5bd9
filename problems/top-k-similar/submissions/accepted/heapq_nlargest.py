import heapq
import math


def cosine(u, v):
    nu = math.sqrt(sum(x * x for x in u))
    nv = math.sqrt(sum(x * x for x in v))
    if nu == 0 or nv == 0:
        return 0.0
    return sum(x * y for x, y in zip(u, v)) / (nu * nv)


def top_k_similar(query: list[float], documents: list[list[float]], k: int) -> list[int]:
    if k < 0:
        raise ValueError("k < 0")
    for i, doc in enumerate(documents):
        if len(doc) != len(query):
            raise ValueError(f"document {i} has dimension {len(doc)}, expected {len(query)}")
    sims = [cosine(query, doc) for doc in documents]
    return heapq.nlargest(k, range(len(documents)), key=lambda i: (sims[i], -i))
