class Node:
    def __init__(self, key=None, value=None):
        self.key = key
        self.value = value
        self.prev = None
        self.next = None


class EmbeddingCache:
    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.nodes = {}
        self.head = Node()  # head.next is the least recently used
        self.tail = Node()  # tail.prev is the most recently used
        self.head.next = self.tail
        self.tail.prev = self.head

    def _unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev

    def _append(self, node):
        node.prev = self.tail.prev
        node.next = self.tail
        self.tail.prev.next = node
        self.tail.prev = node

    def get(self, key):
        node = self.nodes.get(key)
        if node is None:
            return None
        self._unlink(node)
        self._append(node)
        return node.value

    def put(self, key, embedding):
        node = self.nodes.get(key)
        if node is not None:
            node.value = embedding
            self._unlink(node)
            self._append(node)
            return None
        evicted = None
        if len(self.nodes) == self.capacity:
            lru = self.head.next
            self._unlink(lru)
            del self.nodes[lru.key]
            evicted = lru.key
        node = Node(key, embedding)
        self.nodes[key] = node
        self._append(node)
        return evicted
