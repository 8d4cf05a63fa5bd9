import math


def tfidf(documents, normalize=True):
    """Plain lists: the vocabulary is a list, and every token finds its column
    with list.index (and the vocabulary is built with `not in` on a list):
    O(n * V)."""
    vocabulary = []
    for doc in documents:
        for token in doc:
            if token not in vocabulary:
                vocabulary.append(token)
    vocabulary.sort()
    n_docs = len(documents)
    df = [0] * len(vocabulary)
    rows = []
    for doc in documents:
        row = [0.0] * len(vocabulary)
        for token in doc:
            row[vocabulary.index(token)] += 1
        for j, count in enumerate(row):
            if count > 0:
                df[j] += 1
        rows.append(row)
    idf = [math.log((1 + n_docs) / (1 + d)) + 1 for d in df]
    for doc, row in zip(documents, rows):
        for j in range(len(row)):
            if row[j]:
                row[j] = row[j] / len(doc) * idf[j]
        if normalize:
            norm = math.sqrt(sum(x * x for x in row))
            if norm > 0:
                for j in range(len(row)):
                    row[j] /= norm
    return vocabulary, rows
