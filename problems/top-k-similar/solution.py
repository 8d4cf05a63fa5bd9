"""Reference solution for top-k-similar."""

import heapq
import math
import operator


def top_k_similar(query, documents, k):
    """Return the indices of the k documents most similar to query, best first.

    Similarity is the cosine similarity dot(q, d) / (|q| * |d|); a document
    (or a query) of zero norm has similarity 0.0. Equal similarities are
    ordered by the smaller index. If k exceeds the number of documents, all
    indices are returned.

    Raises ValueError if k < 0 or a document's dimension differs from the
    query's (checked for every document before anything else is returned).

    One pass computes every similarity in O(n * d); heapq.nlargest then keeps
    the best k in O(n log k) and is documented to be equivalent to a stable
    sorted(..., reverse=True)[:k], which gives the smaller-index tie-break.
    O(n * d + n log k) time, O(n) extra memory.
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    dim = len(query)
    for i, doc in enumerate(documents):
        if len(doc) != dim:
            raise ValueError(f"document {i} has dimension {len(doc)}, expected {dim}")
    n = len(documents)
    query_norm = math.sqrt(sum(x * x for x in query))
    if query_norm == 0.0:
        return list(range(min(k, n)))  # every similarity is 0.0
    mul = operator.mul
    sims = []
    for doc in documents:
        doc_norm = math.sqrt(sum(x * x for x in doc))
        if doc_norm == 0.0:
            sims.append(0.0)
        else:
            sims.append(sum(map(mul, query, doc)) / (query_norm * doc_norm))
    return heapq.nlargest(k, range(n), key=sims.__getitem__)
