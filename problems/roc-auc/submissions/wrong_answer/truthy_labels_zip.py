def roc_auc(labels, scores):
    """Correct tie handling, but no input validation: zip() silently drops the
    extra items of the longer list, and any truthy label (2, -1) counts as a
    positive."""
    pairs = sorted(zip(scores, labels))
    p = sum(1 for _, y in pairs if y)
    q = len(pairs) - p
    if p == 0 or q == 0:
        raise ValueError("need both classes")
    twice_u = 0
    neg_below = 0
    i = 0
    while i < len(pairs):
        j = i
        gp = gq = 0
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            if pairs[j][1]:
                gp += 1
            else:
                gq += 1
            j += 1
        twice_u += gp * (2 * neg_below + gq)
        neg_below += gq
        i = j
    return twice_u / (2 * p * q)
