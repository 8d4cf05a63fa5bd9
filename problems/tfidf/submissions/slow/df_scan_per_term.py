import math

import numpy as np


def tfidf(documents, normalize=True):
    """Counts each term's document frequency by scanning every document for it:
    O(V * n), quadratic when the vocabulary grows with the text."""
    vocabulary = sorted({token for doc in documents for token in doc})
    n_docs = len(documents)
    idf = {}
    for term in vocabulary:
        df = sum(1 for doc in documents if term in doc)
        idf[term] = math.log((1 + n_docs) / (1 + df)) + 1
    column = {term: j for j, term in enumerate(vocabulary)}
    matrix = np.zeros((n_docs, len(vocabulary)))
    for i, doc in enumerate(documents):
        for token in doc:
            matrix[i, column[token]] += 1
        if doc:
            matrix[i] /= len(doc)
    matrix *= np.array([idf[term] for term in vocabulary])
    if normalize:
        for i in range(n_docs):
            norm = np.linalg.norm(matrix[i])
            if norm > 0:
                matrix[i] /= norm
    return vocabulary, matrix
