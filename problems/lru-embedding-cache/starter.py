class EmbeddingCache:
    """Least-recently-used cache of embedding vectors keyed by string."""

    def __init__(self, capacity: int):
        """Create an empty cache holding at most `capacity` entries; raise ValueError if capacity < 1."""
        pass

    def get(self, key: str) -> list[float] | None:
        """Return the embedding cached under `key` and mark it most recently used; None if absent."""
        raise NotImplementedError

    def put(self, key: str, embedding: list[float]) -> str | None:
        """Insert or replace `key` and mark it most recently used.

        When a new key is inserted into a full cache, evict the least recently
        used entry first and return its key; otherwise return None.
        """
        raise NotImplementedError
