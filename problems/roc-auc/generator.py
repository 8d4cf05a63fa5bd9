"""Input generator for roc-auc: generate(n, rng, family) -> [labels, scores].

n = len(labels) = len(scores) (at least 2: for n = 1 two samples are built,
since a valid input needs a positive and a negative). Both classes are always
present. Scores are finite floats.

Families:
  random      - balanced classes; scores are gaussians (positives shifted up)
                rounded to 3 decimals, so ties across classes are common
  ties        - only 6 distinct scores: huge tie groups that mix the classes
  imbalanced  - about 2% positives; scores with 6 decimals (few ties)
"""

FAMILIES = ("random", "ties", "imbalanced")

_LEVELS = (0.05, 0.2, 0.35, 0.5, 0.65, 0.8)


def generate(n, rng, family="random"):
    """Build [labels, scores] of length max(2, n) from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError("unknown family: %r" % (family,))
    n = max(2, n)
    random = rng.random
    gauss = rng.gauss
    if family == "random":
        labels = [1 if random() < 0.5 else 0 for _ in range(n)]
        scores = [round(gauss(0.8 * y, 1.0), 3) for y in labels]
    elif family == "ties":
        labels = [1 if random() < 0.5 else 0 for _ in range(n)]
        scores = []
        for y in labels:
            # positives lean to the higher levels, negatives to the lower ones
            u = random() * random() if y == 0 else 1.0 - random() * random()
            scores.append(_LEVELS[min(5, int(u * 6))])
    else:
        labels = [1 if random() < 0.02 else 0 for _ in range(n)]
        scores = [round(gauss(1.5 * y, 1.0), 6) for y in labels]
    # both classes must be present
    if not any(labels):
        labels[int(random() * n)] = 1
    elif all(labels):
        labels[int(random() * n)] = 0
    return [labels, scores]
