def roc_auc(labels, scores):
    """Forgets the one-class case: dividing by P * N = 0 raises
    ZeroDivisionError instead of ValueError."""
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("labels must be 0 or 1")
    pairs = sorted(zip(scores, labels))
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    total = 0.0
    neg_below = 0
    i = 0
    while i < len(pairs):
        j = i
        pos_here = neg_here = 0
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            pos_here += pairs[j][1]
            neg_here += 1 - pairs[j][1]
            j += 1
        total += pos_here * neg_below + 0.5 * pos_here * neg_here
        neg_below += neg_here
        i = j
    return total / (n_pos * n_neg)
