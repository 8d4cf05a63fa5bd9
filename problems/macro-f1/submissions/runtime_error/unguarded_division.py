from collections import Counter


def classification_report(y_true, y_pred):
    """Divides without checking the denominators: a label that is never
    predicted (precision 0/0), never true (recall 0/0), or has p = r = 0
    raises ZeroDivisionError."""
    if len(y_true) != len(y_pred) or not y_true:
        raise ValueError("bad input")
    support = Counter(y_true)
    predicted = Counter(y_pred)
    tp = Counter(t for t, p in zip(y_true, y_pred) if t == p)
    per_class = {}
    for label in set(support) | set(predicted):
        a = tp[label]
        p = a / predicted[label]
        r = a / support[label]
        f = 2 * p * r / (p + r)
        per_class[label] = {"precision": p, "recall": r, "f1": f, "support": support[label]}
    macro = sum(v["f1"] for v in per_class.values()) / len(per_class)
    return {"per_class": per_class, "macro_f1": macro, "accuracy": sum(tp.values()) / len(y_true)}
