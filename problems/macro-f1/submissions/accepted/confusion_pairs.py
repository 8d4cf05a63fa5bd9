from collections import Counter


def classification_report(y_true, y_pred):
    """Sparse confusion table of (true, predicted) pairs; F1 computed as
    2 tp / (2 tp + fp + fn), which equals 2 p r / (p + r)."""
    if len(y_true) != len(y_pred):
        raise ValueError("length mismatch")
    if len(y_true) == 0:
        raise ValueError("empty input")
    pairs = Counter(zip(y_true, y_pred))
    tp, fp, fn = Counter(), Counter(), Counter()
    labels = set()
    for (t, p), c in pairs.items():
        labels.add(t)
        labels.add(p)
        if t == p:
            tp[t] += c
        else:
            fp[p] += c
            fn[t] += c
    per_class = {}
    for label in labels:
        a, b, c = tp[label], fp[label], fn[label]
        per_class[label] = {
            "precision": a / (a + b) if a + b else 0.0,
            "recall": a / (a + c) if a + c else 0.0,
            "f1": 2 * a / (2 * a + b + c) if a else 0.0,
            "support": a + c,
        }
    macro = sum(v["f1"] for v in per_class.values()) / len(labels)
    return {"per_class": per_class, "macro_f1": macro,
            "accuracy": sum(tp.values()) / len(y_true)}
