import numpy as np


def tfidf(documents, normalize=True):
    """NumPy: np.unique gives the sorted vocabulary and every token's column at once."""
    n = len(documents)
    lengths = np.array([len(doc) for doc in documents], dtype=np.int64)
    tokens = [token for doc in documents for token in doc]
    if not tokens:
        return [], np.zeros((n, 0))
    vocab, cols = np.unique(np.array(tokens), return_inverse=True)
    rows = np.repeat(np.arange(n), lengths)
    counts = np.zeros((n, len(vocab)))
    np.add.at(counts, (rows, cols), 1.0)

    df = np.count_nonzero(counts, axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1
    safe_lengths = np.maximum(lengths, 1)[:, None]
    weights = counts / safe_lengths * idf
    if normalize:
        norms = np.linalg.norm(weights, axis=1, keepdims=True)
        weights = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    return vocab.tolist(), weights
