def classification_report(y_true, y_pred):
    if len(y_true) != len(y_pred) or len(y_true) == 0:
        raise ValueError("inputs must be non-empty and of equal length")
    tp = {}
    fp = {}
    fn = {}
    correct = 0
    for t, p in zip(y_true, y_pred):
        for label in (t, p):
            if label not in tp:
                tp[label] = 0
                fp[label] = 0
                fn[label] = 0
        if t == p:
            tp[t] += 1
            correct += 1
        else:
            fp[p] += 1
            fn[t] += 1

    report = {}
    total_f1 = 0.0
    for label in tp:
        if tp[label] + fp[label] == 0:
            precision = 0.0
        else:
            precision = tp[label] / (tp[label] + fp[label])
        if tp[label] + fn[label] == 0:
            recall = 0.0
        else:
            recall = tp[label] / (tp[label] + fn[label])
        if precision + recall == 0:
            f1 = 0.0
        else:
            f1 = 2 * precision * recall / (precision + recall)
        report[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp[label] + fn[label]}
        total_f1 += f1
    return {"per_class": report, "macro_f1": total_f1 / len(report), "accuracy": correct / len(y_true)}
