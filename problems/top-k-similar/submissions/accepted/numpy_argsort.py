import numpy as np


def top_k_similar(query, documents, k):
    if k < 0:
        raise ValueError("negative k")
    if any(len(doc) != len(query) for doc in documents):
        raise ValueError("every document must have the query's dimension")
    if not documents or k == 0:
        return []
    q = np.asarray(query, dtype=float)
    docs = np.asarray(documents, dtype=float).reshape(len(documents), len(query))
    norms = np.linalg.norm(docs, axis=1)
    q_norm = np.linalg.norm(q)
    denom = norms * q_norm
    dots = docs @ q
    sims = np.zeros(len(documents))
    nonzero = denom > 0
    sims[nonzero] = dots[nonzero] / denom[nonzero]
    order = np.argsort(-sims, kind="stable")
    return order[:k].tolist()
