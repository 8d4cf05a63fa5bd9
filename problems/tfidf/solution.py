"""Reference solution for tfidf."""

import math
from collections import Counter

import numpy as np


def tfidf(documents, normalize=True):
    """Return (vocabulary, matrix): the TF-IDF vectors of tokenised documents.

    vocabulary is every distinct token, sorted; matrix[i, j] is the weight of
    vocabulary[j] in documents[i]:

        tf  = count of the term in the document / len(document)
        idf = ln((1 + N) / (1 + df)) + 1     (df: documents containing the term)

    and, when normalize is true, each row divided by its L2 norm. An empty
    document has an all-zero row (never divided by its length or its norm).

    One Counter per document counts every token once; the document frequency
    counts each document's distinct terms once; a dict maps a term to its
    column. Sorting the vocabulary, O(V log V), is the only superlinear step:
    O(n log n) time for n tokens in all, plus the N x V matrix.
    """
    counts = [Counter(doc) for doc in documents]
    df = Counter()
    for doc_counts in counts:
        df.update(doc_counts.keys())
    vocabulary = sorted(df)
    column = {term: j for j, term in enumerate(vocabulary)}
    n_docs = len(documents)
    idf = [math.log((1 + n_docs) / (1 + df[term])) + 1 for term in vocabulary]
    matrix = np.zeros((n_docs, len(vocabulary)))
    for i, (doc, doc_counts) in enumerate(zip(documents, counts)):
        row = matrix[i]
        for term, count in doc_counts.items():
            j = column[term]
            row[j] = count / len(doc) * idf[j]
    if normalize:
        norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
        nonzero = norms > 0
        matrix[nonzero] /= norms[nonzero, np.newaxis]
    return vocabulary, matrix
