from collections import Counter

import numpy as np


def tfidf(documents: list[list[str]], normalize: bool = True) -> tuple[list[str], np.ndarray]:
    tfs = [Counter(doc) for doc in documents]
    df = Counter(term for tf in tfs for term in tf)
    vocabulary = sorted(df)
    col = {t: j for j, t in enumerate(vocabulary)}
    N = len(documents)

    tf_matrix = np.zeros((N, len(vocabulary)), dtype=np.float64)
    for i, (doc, tf) in enumerate(zip(documents, tfs)):
        for term, c in tf.items():
            tf_matrix[i, col[term]] = c / len(doc)

    idf = np.log((1 + N) / (1 + np.array([df[t] for t in vocabulary], dtype=np.float64))) + 1
    X = tf_matrix * idf
    if normalize:
        norms = np.linalg.norm(X, axis=1)
        norms[norms == 0] = 1.0
        X = X / norms[:, np.newaxis]
    return vocabulary, X
