import math


def top_k_similar(query, documents, k):
    """Returns [] for k = 0 (or no documents) before checking the documents'
    dimensions, so a bad document does not raise then."""
    if k < 0:
        raise ValueError("k must be non-negative")
    if k == 0 or not documents:
        return []
    for doc in documents:
        if len(doc) != len(query):
            raise ValueError("dimension mismatch")
    q_norm = math.sqrt(sum(x * x for x in query))
    scored = []
    for i, doc in enumerate(documents):
        doc_norm = math.sqrt(sum(x * x for x in doc))
        dot = sum(a * b for a, b in zip(query, doc))
        sim = dot / (q_norm * doc_norm) if q_norm and doc_norm else 0.0
        scored.append((-sim, i))
    scored.sort()
    return [i for _, i in scored[:k]]
