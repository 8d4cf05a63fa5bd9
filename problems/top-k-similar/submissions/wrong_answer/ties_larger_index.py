import math


def top_k_similar(query, documents, k):
    """Sorts (similarity, index) pairs with reverse=True: equal similarities
    come out with the LARGER index first."""
    if k < 0:
        raise ValueError("k must be non-negative")
    for doc in documents:
        if len(doc) != len(query):
            raise ValueError("dimension mismatch")
    qn = math.sqrt(sum(x * x for x in query))
    pairs = []
    for i, doc in enumerate(documents):
        dn = math.sqrt(sum(x * x for x in doc))
        s = 0.0 if qn == 0 or dn == 0 else sum(a * b for a, b in zip(query, doc)) / (qn * dn)
        pairs.append((s, i))
    pairs.sort(reverse=True)
    return [i for _, i in pairs[:k]]
