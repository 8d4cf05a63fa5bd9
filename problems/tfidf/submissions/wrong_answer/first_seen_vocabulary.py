import math


def tfidf(documents, normalize=True):
    """Orders the vocabulary by first appearance (dict insertion order)
    instead of sorting it."""
    index = {}
    for doc in documents:
        for token in doc:
            if token not in index:
                index[token] = len(index)
    vocabulary = list(index)
    n = len(documents)
    df = [0] * len(vocabulary)
    for doc in documents:
        for token in set(doc):
            df[index[token]] += 1
    idf = [math.log((1 + n) / (1 + d)) + 1 for d in df]
    rows = []
    for doc in documents:
        row = [0.0] * len(vocabulary)
        for token in doc:
            row[index[token]] += 1
        row = [c / len(doc) * idf[j] if c else 0.0 for j, c in enumerate(row)]
        if normalize:
            norm = math.sqrt(sum(x * x for x in row))
            if norm:
                row = [x / norm for x in row]
        rows.append(row)
    return vocabulary, rows
