def roc_auc(labels: list[int], scores: list[float]) -> float:
    """Return the ROC AUC of scores for binary labels (0 = negative, 1 = positive).

    AUC = (number of (positive, negative) pairs where the positive scores
    higher + 0.5 * number of pairs with equal scores) / (positives * negatives).

    Raise ValueError if len(labels) != len(scores), a label is not 0 or 1,
    or there is no positive or no negative.
    """
    raise NotImplementedError
