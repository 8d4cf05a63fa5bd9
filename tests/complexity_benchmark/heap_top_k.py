import heapq

EXPECTED = "O(n log n)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)], max(1, n // 4)]


def solve(values, k):
    heap = []
    for value in values:
        heapq.heappush(heap, value)
        if len(heap) > k:
            heapq.heappop(heap)
    return sorted(heap)
