def top_k_similar(query: list[float], documents: list[list[float]], k: int) -> list[int]:
    """Return the indices of the k documents most similar to query, best first.

    Similarity is cosine similarity; a zero-norm document (or query) has
    similarity 0.0. Ties go to the smaller index. If k > len(documents),
    return all indices.

    Raise ValueError if k < 0 or any document's length differs from len(query).
    """
    raise NotImplementedError
