def roc_auc(labels, scores):
    if len(labels) != len(scores):
        raise ValueError("labels and scores differ in length")
    for y in labels:
        if y not in (0, 1):
            raise ValueError("labels must be 0 or 1")
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need at least one positive and one negative")

    pairs = sorted(zip(scores, labels))
    total = 0.0
    neg_below = 0
    i = 0
    while i < len(pairs):
        j = i
        pos_here = neg_here = 0
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            if pairs[j][1] == 1:
                pos_here += 1
            else:
                neg_here += 1
            j += 1
        total += pos_here * neg_below + 0.5 * pos_here * neg_here
        neg_below += neg_here
        i = j
    return total / (n_pos * n_neg)
