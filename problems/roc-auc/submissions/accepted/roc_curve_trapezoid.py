def roc_auc(labels: list[int], scores: list[float]) -> float:
    """Walk the thresholds from the highest score down, one step per distinct
    score (ties move TPR and FPR together), and add up trapezoids."""
    if len(labels) != len(scores):
        raise ValueError("lengths differ")
    if any(label not in (0, 1) for label in labels):
        raise ValueError("labels must be 0 or 1")
    P = labels.count(1)
    N = labels.count(0)
    if P == 0 or N == 0:
        raise ValueError("AUC is undefined with one class")

    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    tp = fp = 0
    prev_tpr = prev_fpr = 0.0
    area = 0.0
    k = 0
    while k < len(order):
        score = scores[order[k]]
        while k < len(order) and scores[order[k]] == score:
            if labels[order[k]] == 1:
                tp += 1
            else:
                fp += 1
            k += 1
        tpr, fpr = tp / P, fp / N
        area += (fpr - prev_fpr) * (tpr + prev_tpr) / 2
        prev_tpr, prev_fpr = tpr, fpr
    return area
