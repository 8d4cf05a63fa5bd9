def roc_auc(labels, scores):
    """Mann-Whitney via rank sums: ranks 1..n in ascending score order, tied
    scores share their average rank; U = (sum of positive ranks) - P(P+1)/2.
    Ranks are kept doubled so everything stays an integer."""
    n = len(labels)
    if n != len(scores):
        raise ValueError("labels and scores differ in length")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("labels must be 0 or 1")
    p = sum(labels)
    q = n - p
    if p == 0 or q == 0:
        raise ValueError("both classes are required")
    order = sorted(range(n), key=lambda i: scores[i])
    twice_rank_sum = 0
    i = 0
    while i < n:
        j = i
        while j + 1 < n and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        twice_avg = (i + 1) + (j + 1)  # 2 * average of ranks i+1 .. j+1
        for t in range(i, j + 1):
            if labels[order[t]] == 1:
                twice_rank_sum += twice_avg
        i = j + 1
    twice_u = twice_rank_sum - p * (p + 1)
    return twice_u / (2 * p * q)
