import math


def top_k_similar(query, documents, k):
    """Never rejects a negative k: the slice [:k] quietly drops the last |k| documents."""
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
