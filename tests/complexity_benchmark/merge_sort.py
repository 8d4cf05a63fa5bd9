EXPECTED = "O(n log n)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    if len(values) <= 1:
        return values
    middle = len(values) // 2
    left, right = solve(values[:middle]), solve(values[middle:])
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged
