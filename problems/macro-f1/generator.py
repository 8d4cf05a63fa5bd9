"""Input generator for macro-f1: generate(n, rng, family) -> [y_true, y_pred].

n is the number of samples; there are about 10 labels (CIFAR-10 names).

Families:
  random      uniform true labels; the prediction is right with probability
              0.7, otherwise a uniformly random label
  imbalanced  Zipf-like class frequencies (the head class is hundreds of
              times more common than the tail); the classifier leans towards
              the head class, never predicts the two rarest classes, and
              sometimes predicts an extra label "unknown" that is never true
  noisy       predictions independent of the truth, drawn from a label set
              that only partly overlaps the true labels
"""

FAMILIES = ("random", "imbalanced", "noisy")

LABELS = ("airplane", "automobile", "bird", "cat", "deer",
          "dog", "frog", "horse", "ship", "truck")


def generate(n, rng, family="random"):
    """Build [y_true, y_pred] with n samples each from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    random = rng.random
    labels = list(LABELS)
    rng.shuffle(labels)
    k = len(labels)
    if family == "random":
        y_true = [labels[int(random() * k)] for _ in range(n)]
        y_pred = [t if random() < 0.7 else labels[int(random() * k)] for t in y_true]
        return [y_true, y_pred]
    if family == "imbalanced":
        weights = [1.0 / (i + 1) ** 2.5 for i in range(k)]
        cumulative = []
        total = 0.0
        for w in weights:
            total += w
            cumulative.append(total)
        head = labels[0]
        predictable = labels[:k - 2]          # the two rarest are never predicted

        def draw():
            x = random() * total
            for label, c in zip(labels, cumulative):
                if x < c:
                    return label
            return labels[-1]

        y_true = [draw() for _ in range(n)]
        y_pred = []
        for t in y_true:
            r = random()
            if r < 0.03:
                y_pred.append("unknown")
            elif r < 0.25:
                y_pred.append(head)
            elif r < 0.35:
                y_pred.append(predictable[int(random() * len(predictable))])
            else:
                y_pred.append(t if t in predictable else head)
        return [y_true, y_pred]
    # noisy
    true_labels = labels[:7]
    pred_labels = labels[3:]
    y_true = [true_labels[int(random() * 7)] for _ in range(n)]
    y_pred = [pred_labels[int(random() * 7)] for _ in range(n)]
    return [y_true, y_pred]
