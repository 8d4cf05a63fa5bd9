import math
from collections import Counter

import numpy as np


def tfidf(documents, normalize=True):
    """Counts the document frequency over all tokens: a term that occurs twice
    in one document gets df = 2 instead of 1."""
    df = Counter(token for doc in documents for token in doc)
    vocabulary = sorted(df)
    col = {t: j for j, t in enumerate(vocabulary)}
    n = len(documents)
    X = np.zeros((n, len(vocabulary)))
    for i, doc in enumerate(documents):
        for term, k in Counter(doc).items():
            X[i, col[term]] = k / len(doc) * (math.log((1 + n) / (1 + df[term])) + 1)
    if normalize:
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        X = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
    return vocabulary, X
