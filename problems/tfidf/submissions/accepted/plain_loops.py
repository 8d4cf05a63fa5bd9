import math


def tfidf(documents, normalize=True):
    """Plain Python: dictionaries for counts and columns, a list of rows."""
    n_docs = len(documents)
    doc_freq = {}
    for doc in documents:
        for term in set(doc):
            doc_freq[term] = doc_freq.get(term, 0) + 1
    vocabulary = sorted(doc_freq)
    index = {}
    for j, term in enumerate(vocabulary):
        index[term] = j
    idf = []
    for term in vocabulary:
        idf.append(math.log((1 + n_docs) / (1 + doc_freq[term])) + 1)

    matrix = []
    for doc in documents:
        row = [0.0] * len(vocabulary)
        counts = {}
        for token in doc:
            counts[token] = counts.get(token, 0) + 1
        for term, count in counts.items():
            j = index[term]
            row[j] = (count / len(doc)) * idf[j]
        if normalize:
            norm = math.sqrt(sum(x * x for x in row))
            if norm > 0:
                row = [x / norm for x in row]
        matrix.append(row)
    return vocabulary, matrix
