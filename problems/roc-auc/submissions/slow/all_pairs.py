def roc_auc(labels, scores):
    """Correct, but compares every positive with every negative: O(P * N),
    quadratic for balanced classes."""
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    pos, neg = [], []
    for y, s in zip(labels, scores):
        if y == 1:
            pos.append(s)
        elif y == 0:
            neg.append(s)
        else:
            raise ValueError("bad label")
    if not pos or not neg:
        raise ValueError("need both classes")
    wins = 0.0
    for p in pos:
        for q in neg:
            if p > q:
                wins += 1.0
            elif p == q:
                wins += 0.5
    return wins / (len(pos) * len(neg))
