import numpy as np


def tfidf(documents, normalize=True):
    """Divides every row by its length and its norm without a guard: NumPy
    turns the empty document's 0 / 0 into NaN (with only a RuntimeWarning)."""
    vocabulary = sorted({t for doc in documents for t in doc})
    col = {t: j for j, t in enumerate(vocabulary)}
    n = len(documents)
    counts = np.zeros((n, len(vocabulary)))
    for i, doc in enumerate(documents):
        for t in doc:
            counts[i, col[t]] += 1
    tf = counts / np.array([len(doc) for doc in documents], dtype=float)[:, None]
    df = (counts > 0).sum(axis=0)
    X = tf * (np.log((1 + n) / (1 + df)) + 1)
    if normalize:
        X = X / np.linalg.norm(X, axis=1, keepdims=True)
    return vocabulary, X
