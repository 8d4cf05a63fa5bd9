def classification_report(y_true, y_pred):
    """Correct, but for every sample it rescans all samples to count how
    often that (true, predicted) pair occurs: O(n^2) even with few labels."""
    if len(y_true) != len(y_pred):
        raise ValueError("length mismatch")
    if not y_true:
        raise ValueError("empty input")
    pairs = list(zip(y_true, y_pred))
    confusion = {}
    for t, p in pairs:
        confusion[(t, p)] = sum(1 for a, b in pairs if a == t and b == p)
    labels = set(y_true) | set(y_pred)
    per_class = {}
    for label in labels:
        tp = confusion.get((label, label), 0)
        fp = sum(c for (t, p), c in confusion.items() if p == label and t != label)
        fn = sum(c for (t, p), c in confusion.items() if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    correct = sum(c for (t, p), c in confusion.items() if t == p)
    macro = sum(v["f1"] for v in per_class.values()) / len(labels)
    return {"per_class": per_class, "macro_f1": macro, "accuracy": correct / len(y_true)}
