import math

import numpy as np


def tfidf(documents, normalize=True):
    """Builds the vocabulary first, then fills the matrix with raw counts and
    scales it: rows by 1/len(doc), columns by idf, rows by 1/norm."""
    vocabulary = sorted(set().union(*documents)) if documents else []
    position = {term: j for j, term in enumerate(vocabulary)}
    n_docs = len(documents)

    counts = np.zeros((n_docs, len(vocabulary)))
    df = np.zeros(len(vocabulary))
    for i, doc in enumerate(documents):
        for token in doc:
            counts[i, position[token]] += 1
        for term in set(doc):
            df[position[term]] += 1

    idf = np.array([math.log1p(n_docs) - math.log1p(d) + 1 for d in df])
    result = np.zeros_like(counts)
    for i, doc in enumerate(documents):
        if len(doc) == 0:
            continue
        row = counts[i] / len(doc) * idf
        if normalize:
            row = row / math.sqrt(float(row @ row))
        result[i] = row
    return vocabulary, result
