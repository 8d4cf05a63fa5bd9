import math


def top_k_similar(query, documents, k):
    """Sorts every index by (-similarity, index): O(n log n), explicit tie-break."""
    if k < 0:
        raise ValueError("negative k")
    if any(len(doc) != len(query) for doc in documents):
        raise ValueError("dimension mismatch")
    qn = math.hypot(*query)

    def sim(doc):
        dn = math.hypot(*doc)
        if qn == 0.0 or dn == 0.0:
            return 0.0
        return sum(a * b for a, b in zip(query, doc)) / (qn * dn)

    scored = [(-sim(doc), i) for i, doc in enumerate(documents)]
    scored.sort()
    return [i for _, i in scored[:k]]
