"""Reference solution for roc-auc."""

from itertools import groupby
from operator import itemgetter


def roc_auc(labels, scores):
    """Return the area under the ROC curve of scores for binary labels.

    Equals the probability that a random positive scores higher than a random
    negative, ties counting one half: the Mann-Whitney U statistic divided by
    (positives * negatives).

    Raises ValueError if the lengths differ, a label is not 0 or 1, or one of
    the classes is missing.

    Sort the (score, label) pairs once and walk the groups of equal scores:
    every positive in a group beats all negatives seen in lower groups and
    ties with the negatives of its own group. The count is kept doubled so it
    stays an exact integer; one division at the end. O(n log n) time.
    """
    if len(labels) != len(scores):
        raise ValueError(f"length mismatch: {len(labels)} labels, {len(scores)} scores")
    for y in labels:
        if y != 0 and y != 1:
            raise ValueError(f"label {y!r} is not 0 or 1")
    positives = sum(1 for y in labels if y == 1)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        raise ValueError("need at least one positive and one negative")

    twice_u = 0          # 2 * U: pairs won count 2, tied pairs count 1
    negatives_below = 0  # negatives with a strictly lower score
    for _, group in groupby(sorted(zip(scores, labels)), key=itemgetter(0)):
        group_pos = group_neg = 0
        for _, y in group:
            if y == 1:
                group_pos += 1
            else:
                group_neg += 1
        twice_u += group_pos * (2 * negatives_below + group_neg)
        negatives_below += group_neg
    return twice_u / (2 * positives * negatives)
