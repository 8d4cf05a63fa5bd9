"""Similarity: renamed and reformatted copies match, independent solutions and given code do not."""

from server.problems.bank import load
from server.review.similarity import compare

ORIGINAL = '''
def moving_stats(values, window):
    """Mean of each full window."""
    total = 0.0
    means = []
    for index, value in enumerate(values):
        total += value
        if index >= window:
            total -= values[index - window]
        if index + 1 >= window:
            means.append(total / window)
    return means
'''
RENAMED_AND_REFORMATTED = '''
def f(xs, w):
    # renamed everything, new layout, new comments
    s = 0.0; out = []
    for i, x in enumerate(xs):
        s += x
        if i >= w: s -= xs[i - w]
        if i + 1 >= w:
            out.append(s / w)
    return out
'''
INDEPENDENT = '''
from collections import deque

def moving_stats(values, window):
    queue = deque()
    result = []
    for value in values:
        queue.append(value)
        if len(queue) > window:
            queue.popleft()
        if len(queue) == window:
            result.append(sum(queue) / window)
    return result
'''


def test_a_renamed_reformatted_copy_is_flagged():
    match = compare(ORIGINAL, RENAMED_AND_REFORMATTED)
    assert match.similarity >= 0.8 and match.regions


def test_independent_solutions_are_not_alike():
    assert compare(ORIGINAL, INDEPENDENT).similarity < 0.3


def test_given_code_does_not_count_as_a_match():
    package = load("moving-average")
    assert compare(package.solution, package.solution).similarity == 1.0
    assert compare(package.solution, package.solution, given=(package.solution,)).similarity == 0.0


def test_unreadable_code_is_not_an_error():
    assert compare("def broken(:\n  (((", ORIGINAL).similarity == 0.0
