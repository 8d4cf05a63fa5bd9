"""Reference solution for macro-f1."""

from collections import Counter


def _ratio(num, den):
    return num / den if den else 0.0


def classification_report(y_true, y_pred):
    """Per-class precision, recall, F1 and support, macro F1 and accuracy.

    One pass counts, per label, how often it is true (support), how often it
    is predicted, and how often both (true positives). The labels are the
    union of both lists, so a label that is only predicted gets support 0
    and F1 0 and still counts in the macro average. Zero denominators give
    0.0, as scikit-learn's zero_division=0.

    O(n + k) time and O(k) memory for n samples and k labels.

    Raises ValueError if the lengths differ or the input is empty.
    """
    if len(y_true) != len(y_pred):
        raise ValueError(f"length mismatch: {len(y_true)} != {len(y_pred)}")
    if not y_true:
        raise ValueError("empty input")

    true_count = Counter(y_true)
    pred_count = Counter(y_pred)
    tp = Counter(t for t, p in zip(y_true, y_pred) if t == p)

    per_class = {}
    for label in true_count.keys() | pred_count.keys():
        hits = tp[label]
        precision = _ratio(hits, pred_count[label])
        recall = _ratio(hits, true_count[label])
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_class[label] = {"precision": precision, "recall": recall,
                            "f1": f1, "support": true_count[label]}

    macro_f1 = sum(c["f1"] for c in per_class.values()) / len(per_class)
    accuracy = sum(tp.values()) / len(y_true)
    return {"per_class": per_class, "macro_f1": macro_f1, "accuracy": accuracy}
