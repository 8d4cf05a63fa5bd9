import math
from collections import Counter


def tfidf(documents, normalize=True):
    """Pure Python, no guard for the empty document: its term frequencies
    divide by len(doc) = 0 and raise ZeroDivisionError."""
    n = len(documents)
    df = Counter()
    for doc in documents:
        df.update(set(doc))
    vocabulary = sorted(df)
    rows = []
    for doc in documents:
        counts = Counter(doc)
        row = [counts[t] / len(doc) * (math.log((1 + n) / (1 + df[t])) + 1) for t in vocabulary]
        if normalize:
            norm = math.sqrt(sum(x * x for x in row))
            if norm > 0:
                row = [x / norm for x in row]
        rows.append(row)
    return vocabulary, rows
