import numpy as np


def classification_report(y_true, y_pred):
    """NumPy: encode both lists over their joint label set, then bincount."""
    if len(y_true) != len(y_pred):
        raise ValueError("length mismatch")
    if len(y_true) == 0:
        raise ValueError("empty input")
    n = len(y_true)
    labels, codes = np.unique(np.array(list(y_true) + list(y_pred), dtype=object).astype(str),
                              return_inverse=True)
    t, p = codes[:n], codes[n:]
    k = len(labels)
    support = np.bincount(t, minlength=k)
    predicted = np.bincount(p, minlength=k)
    tp = np.bincount(t[t == p], minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / np.maximum(predicted, 1), 0.0)
        recall = np.where(support > 0, tp / np.maximum(support, 1), 0.0)
        denom = precision + recall
        f1 = np.where(denom > 0, 2 * precision * recall / np.where(denom > 0, denom, 1.0), 0.0)
    per_class = {
        str(labels[i]): {"precision": float(precision[i]), "recall": float(recall[i]),
                         "f1": float(f1[i]), "support": int(support[i])}
        for i in range(k)
    }
    return {"per_class": per_class, "macro_f1": float(f1.mean()),
            "accuracy": float(tp.sum() / n)}
