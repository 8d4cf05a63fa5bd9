import math
from collections import Counter

import numpy as np


def tfidf(documents, normalize=True):
    """Smooths the idf but forgets the final + 1: idf = ln((1 + N) / (1 + df)),
    so a term in every document gets weight 0."""
    counts = [Counter(doc) for doc in documents]
    df = Counter(term for c in counts for term in c)
    vocabulary = sorted(df)
    col = {t: j for j, t in enumerate(vocabulary)}
    n = len(documents)
    X = np.zeros((n, len(vocabulary)))
    for i, (doc, c) in enumerate(zip(documents, counts)):
        for term, k in c.items():
            X[i, col[term]] = k / len(doc) * math.log((1 + n) / (1 + df[term]))
    if normalize:
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        X = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
    return vocabulary, X
