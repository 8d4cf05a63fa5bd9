import numpy as np


def tfidf(documents: list[list[str]], normalize: bool = True) -> tuple[list[str], np.ndarray]:
    """Return (vocabulary, matrix), the TF-IDF vectors of the documents.

    vocabulary: every distinct token, sorted. matrix: float64, shape
    (len(documents), len(vocabulary)); matrix[i, j] = tf * idf of
    vocabulary[j] in documents[i], where
        tf  = (occurrences of the term in the document) / len(document)
        idf = ln((1 + N) / (1 + df)) + 1, N = len(documents),
              df = number of documents that contain the term.
    If normalize, divide each row by its L2 norm. An empty document's row is
    all zeros.
    """
    raise NotImplementedError
