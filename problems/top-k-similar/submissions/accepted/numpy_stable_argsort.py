import numpy as np


def top_k_similar(query, documents, k):
    """NumPy: one matrix-vector product, then a stable argsort of -similarity."""
    if k < 0:
        raise ValueError("k must be >= 0")
    q = np.asarray(query, dtype=np.float64)
    d = q.shape[0]
    if any(len(doc) != d for doc in documents):
        raise ValueError("dimension mismatch")
    n = len(documents)
    if n == 0 or k == 0:
        return []
    docs = np.asarray(documents, dtype=np.float64).reshape(n, d)
    qn = np.sqrt(np.dot(q, q))
    if qn == 0.0:
        return list(range(min(k, n)))
    dn = np.sqrt(np.einsum("ij,ij->i", docs, docs))
    dots = docs @ q
    sims = np.zeros(n)
    nz = dn > 0
    sims[nz] = dots[nz] / (qn * dn[nz])
    order = np.argsort(-sims, kind="stable")
    return [int(i) for i in order[:k]]
