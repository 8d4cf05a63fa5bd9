import heapq


def top_k_similar(query, documents, k):
    """Ranks by the raw dot product, reasoning that normalising "doesn't change
    the order". True for the query's norm, false for each document's norm:
    long documents win."""
    if k < 0:
        raise ValueError("k must be non-negative")
    for doc in documents:
        if len(doc) != len(query):
            raise ValueError("dimension mismatch")
    scores = [sum(a * b for a, b in zip(query, doc)) for doc in documents]
    return heapq.nlargest(k, range(len(documents)), key=scores.__getitem__)
