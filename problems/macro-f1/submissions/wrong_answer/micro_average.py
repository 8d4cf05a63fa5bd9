from collections import Counter


def classification_report(y_true, y_pred):
    """Per-class numbers are right, but "macro_f1" is the MICRO F1: pooled
    tp, fp and fn over all labels (which equals the accuracy here), so every
    sample counts equally instead of every class."""
    if len(y_true) != len(y_pred) or not y_true:
        raise ValueError("bad input")
    true_count = Counter(y_true)
    pred_count = Counter(y_pred)
    tp = Counter(t for t, p in zip(y_true, y_pred) if t == p)
    per_class = {}
    TP = FP = FN = 0
    for label in set(true_count) | set(pred_count):
        a = tp[label]
        b = pred_count[label] - a
        c = true_count[label] - a
        TP += a
        FP += b
        FN += c
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {"precision": p, "recall": r, "f1": f, "support": a + c}
    micro_f1 = 2 * TP / (2 * TP + FP + FN) if TP else 0.0
    return {"per_class": per_class, "macro_f1": micro_f1, "accuracy": TP / len(y_true)}
