from collections import Counter


def classification_report(y_true, y_pred):
    """Per-class numbers are right, but "macro_f1" is the harmonic mean of
    the macro precision and the macro recall, not the mean of the per-class
    F1 scores."""
    if len(y_true) != len(y_pred) or not y_true:
        raise ValueError("bad input")
    support = Counter(y_true)
    predicted = Counter(y_pred)
    tp = Counter(t for t, p in zip(y_true, y_pred) if t == p)
    per_class = {}
    for label in set(support) | set(predicted):
        a = tp[label]
        p = a / predicted[label] if predicted[label] else 0.0
        r = a / support[label] if support[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {"precision": p, "recall": r, "f1": f, "support": support[label]}
    k = len(per_class)
    mp = sum(v["precision"] for v in per_class.values()) / k
    mr = sum(v["recall"] for v in per_class.values()) / k
    macro = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return {"per_class": per_class, "macro_f1": macro, "accuracy": sum(tp.values()) / len(y_true)}
