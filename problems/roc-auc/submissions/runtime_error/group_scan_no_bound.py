def roc_auc(labels, scores):
    """The tie-group scan lacks its bounds check (while j < n and ...): the
    last group runs off the end of the list with an IndexError."""
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("labels must be 0 or 1")
    p = sum(labels)
    q = len(labels) - p
    if p == 0 or q == 0:
        raise ValueError("need both classes")
    pairs = sorted(zip(scores, labels))
    twice_u = 0
    neg_below = 0
    i = 0
    while i < len(pairs):
        j = i
        gp = gq = 0
        while pairs[j][0] == pairs[i][0]:
            if pairs[j][1] == 1:
                gp += 1
            else:
                gq += 1
            j += 1
        twice_u += gp * (2 * neg_below + gq)
        neg_below += gq
        i = j
    return twice_u / (2 * p * q)
