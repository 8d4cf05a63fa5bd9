import math


def top_k_similar(query, documents, k):
    if k < 0:
        raise ValueError("k must be non-negative")
    d = len(query)
    for doc in documents:
        if len(doc) != d:
            raise ValueError("dimension mismatch")
    q_norm = math.sqrt(sum(x * x for x in query))
    scored = []
    for i, doc in enumerate(documents):
        doc_norm = math.sqrt(sum(x * x for x in doc))
        if q_norm == 0 or doc_norm == 0:
            sim = 0.0
        else:
            dot = 0.0
            for a, b in zip(query, doc):
                dot += a * b
            sim = dot / (q_norm * doc_norm)
        scored.append((-sim, i))
    scored.sort()
    return [i for _, i in scored[:k]]
