import numpy as np


def classification_report(y_true, y_pred):
    if len(y_true) != len(y_pred):
        raise ValueError("length mismatch")
    if len(y_true) == 0:
        raise ValueError("empty input")
    t = np.array(y_true, dtype=object)
    p = np.array(y_pred, dtype=object)
    per_class = {}
    for label in set(y_true) | set(y_pred):
        is_true = t == label
        is_pred = p == label
        tp = int(np.sum(is_true & is_pred))
        fp = int(np.sum(~is_true & is_pred))
        fn = int(np.sum(is_true & ~is_pred))
        precision = tp / (tp + fp) if tp + fp > 0 else 0.0
        recall = tp / (tp + fn) if tp + fn > 0 else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    macro_f1 = float(np.mean([v["f1"] for v in per_class.values()]))
    accuracy = float(np.mean(t == p))
    return {"per_class": per_class, "macro_f1": macro_f1, "accuracy": accuracy}
