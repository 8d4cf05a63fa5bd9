EXPECTED = "O(n log n)"


def generate(n, rng, family="random"):
    return [[[rng.random() for _ in range(8)] for _ in range(max(1, n // 8))]]


def solve(chunks):
    flat = []
    for chunk in chunks:
        flat.extend(chunk)  # the items added, not the list's whole length
    return sorted(flat)[len(flat) // 2]
