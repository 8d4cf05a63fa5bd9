def roc_auc(labels, scores):
    """Walks the samples in descending score order one at a time, adding a
    column of area for each negative. Without grouping equal scores, a tie
    counts 1 or 0 depending on which sample the sort happens to put first."""
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("labels must be 0 or 1")
    p = sum(labels)
    q = len(labels) - p
    if p == 0 or q == 0:
        raise ValueError("need both classes")
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    tp = 0
    area = 0
    for i in order:
        if labels[i] == 1:
            tp += 1          # step up: TPR grows
        else:
            area += tp       # step right: a column of height tp
    return area / (p * q)
