from collections import Counter


def classification_report(y_true, y_pred):
    """Reports the support-weighted average of the F1 scores (scikit-learn's
    "weighted avg") as macro_f1."""
    if len(y_true) != len(y_pred) or not y_true:
        raise ValueError("bad input")
    true_counts = Counter(y_true)
    pred_counts = Counter(y_pred)
    tp = Counter(t for t, p in zip(y_true, y_pred) if t == p)
    per_class = {}
    for label in set(true_counts) | set(pred_counts):
        precision = tp[label] / pred_counts[label] if pred_counts[label] else 0.0
        recall = tp[label] / true_counts[label] if true_counts[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": true_counts[label]}
    macro_f1 = sum(c["f1"] * c["support"] for c in per_class.values()) / len(y_true)
    return {"per_class": per_class, "macro_f1": macro_f1, "accuracy": sum(tp.values()) / len(y_true)}
