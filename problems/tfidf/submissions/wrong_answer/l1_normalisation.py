from collections import Counter

import numpy as np


def tfidf(documents, normalize=True):
    """Normalises each row to sum 1 (L1) instead of to length 1 (L2)."""
    counts = [Counter(doc) for doc in documents]
    df = Counter(term for c in counts for term in c)
    vocabulary = sorted(df)
    col = {t: j for j, t in enumerate(vocabulary)}
    n = len(documents)
    X = np.zeros((n, len(vocabulary)))
    for i, (doc, c) in enumerate(zip(documents, counts)):
        for term, k in c.items():
            X[i, col[term]] = k / len(doc)
    X *= np.log((1 + n) / (1 + np.array([df[t] for t in vocabulary]))) + 1
    if normalize:
        sums = X.sum(axis=1, keepdims=True)
        X = np.divide(X, sums, out=np.zeros_like(X), where=sums > 0)
    return vocabulary, X
