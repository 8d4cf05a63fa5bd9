# Trap: max() over a window of n // 2 values at every step.
EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)], max(1, n // 2)]


def solve(values, window):
    peaks = []
    for end in range(window, len(values) + 1):
        peaks.append(max(values[end - window:end]))
    return len(peaks)
