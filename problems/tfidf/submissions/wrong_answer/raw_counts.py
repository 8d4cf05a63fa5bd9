from collections import Counter

import numpy as np


def tfidf(documents, normalize=True):
    """Uses the raw count as tf, forgetting to divide by the document's length
    (invisible once rows are L2-normalised, wrong when normalize is false)."""
    counts = [Counter(doc) for doc in documents]
    df = Counter(term for c in counts for term in c)
    vocabulary = sorted(df)
    col = {t: j for j, t in enumerate(vocabulary)}
    n = len(documents)
    X = np.zeros((n, len(vocabulary)))
    for i, c in enumerate(counts):
        for term, k in c.items():
            X[i, col[term]] = k
    X *= np.log((1 + n) / (1 + np.array([df[t] for t in vocabulary]))) + 1
    if normalize:
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        X = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
    return vocabulary, X
