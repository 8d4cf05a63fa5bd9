"""A complete, small, valid package to start authoring from: the author edits it into their problem.

It passes ``problem check`` as it stands (reference, the three natural
accepted solutions the check requires and one wrong known submission, a
generator and a linear complexity target), so the author always starts from a
package that validates and changes one thing at a time.
"""

import json

PROBLEM_TOML = '''\
id = {id}
title = {title}
difficulty = "easy"
tags = []
kind = "function"
entry_point = "count_positive"
time_limit_minutes = 20

[limits]
cpu_seconds = 1
memory_mb = 256
output_kb = 64

[imports]
allowed = ["math", "collections", "itertools", "functools", "heapq", "bisect"]

[checker]
type = "exact"

[complexity]
target = "O(n)"
size_parameter = "n"
size_meaning = "the number of values"
min_n = 16
max_n = 1024

[scoring]
correctness = 50
efficiency = 20
communication = 20
code_quality = 10

[[narration.points]]
id = "single-pass"
description = "Counts in one pass over the values"
weight = 1
phrases = ["one pass", "single pass", "each value once"]
'''

STATEMENT = '''\
# {title}

Write `count_positive(values: list[int]) -> int` returning how many of `values` are greater than zero.

## Example

`count_positive([3, -1, 0, 5])` returns `2`.
'''

STARTER = '''\
def count_positive(values: list[int]) -> int:
    """Return how many values are greater than zero."""
    raise NotImplementedError
'''

SOLUTION = '''\
def count_positive(values: list[int]) -> int:
    """Return how many values are greater than zero."""
    return sum(1 for value in values if value > 0)
'''

GENERATOR = '''\
def generate(n, rng):
    """The arguments for an input of size n: n values between -100 and 100."""
    return [[rng.randint(-100, 100) for _ in range(n)]]
'''

LOOP = '''\
def count_positive(values):
    count = 0
    for value in values:
        if value > 0:
            count += 1
    return count
'''

COMPREHENSION = '''\
def count_positive(values):
    return len([value for value in values if value > 0])
'''

WRONG = '''\
def count_positive(values: list[int]) -> int:
    """Counts zero as positive: wrong."""
    return sum(1 for value in values if value >= 0)
'''

PUBLIC = [{"name": "example", "args": [[3, -1, 0, 5]], "expected": 2}]
HIDDEN = [
    {"name": "empty", "args": [[]], "expected": 0, "group": "correctness"},
    {"name": "zeros", "args": [[0, 0, 1]], "expected": 1, "group": "correctness"},
    {"name": "large", "generate": {"n": 2000, "seed": 7}, "group": "performance"},
]


def case_file(cases: list[dict]) -> str:
    """A test file with one case per line (the layout the browser's table editor writes)."""
    return "[\n" + ",\n".join("  " + json.dumps(case) for case in cases) + "\n]\n"


def scaffold(problem_id: str, title: str) -> dict[str, str]:
    """The files of a new package with this id and title."""
    return {
        "problem.toml": PROBLEM_TOML.format(id=json.dumps(problem_id), title=json.dumps(title)),
        "statement.md": STATEMENT.format(title=title),
        "starter.py": STARTER,
        "solution.py": SOLUTION,
        "generator.py": GENERATOR,
        "tests/public.json": case_file(PUBLIC),
        "tests/hidden.json": case_file(HIDDEN),
        "submissions/accepted/plain.py": SOLUTION,
        "submissions/accepted/loop.py": LOOP,
        "submissions/accepted/comprehension.py": COMPREHENSION,
        "submissions/wrong_answer/zero_is_positive.py": WRONG,
    }
