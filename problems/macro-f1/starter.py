def classification_report(y_true: list[str], y_pred: list[str]) -> dict:
    """Return {"per_class": {label: {"precision", "recall", "f1", "support"}},
    "macro_f1": ..., "accuracy": ...} over the union of the labels in y_true
    and y_pred; undefined ratios (zero denominator) are 0.0.

    Raise ValueError if the lengths differ or the input is empty.
    """
    raise NotImplementedError
