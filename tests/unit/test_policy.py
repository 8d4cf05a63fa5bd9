from pathlib import Path

import pytest
from RestrictedPython import compile_restricted_exec

from server.policy import check_policy
from server.problems.schema import DEFAULT_ALLOWED_IMPORTS

CORPUS = sorted((Path(__file__).parents[1] / "policy_corpus").glob("*.py"))
ALLOWED = DEFAULT_ALLOWED_IMPORTS + ("numpy",)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_ordinary_solutions_pass(path):
    assert check_policy(path.read_text(), ALLOWED) == []


@pytest.mark.parametrize("snippet", [
    "class A:\n    def f(self):\n        self._total = 0",
    "class A:\n    def f(self):\n        self.x += 1",
    "a = [0]\ni = 0\na[i] += 1",
    "def f():\n    x = 0\n    def g():\n        nonlocal x",
    "match 1:\n    case _:\n        pass",
    "class A:\n    def __repr__(self):\n        return 'A'",
    "class A(B):\n    def __init__(self):\n        super().__init__()",
    "class A:\n    _cache = {}",
    "from dataclasses import dataclass\n@dataclass\nclass A:\n    x: int = 0",
])
def test_restrictedpython_default_refuses_what_ours_accepts(snippet):
    assert compile_restricted_exec(snippet).errors, "RestrictedPython's default policy accepted it"
    assert check_policy(snippet, ALLOWED) == []


@pytest.mark.parametrize("code, line, column, fragment", [
    ("import os", 1, 1, "`import os` is not allowed"),
    ("from subprocess import run", 1, 1, "`import subprocess` is not allowed"),
    ("x = 1\nimport numpy.linalg as la\nimport ctypes", 3, 1, "`import ctypes`"),
    ("from . import x", 1, 1, "relative imports"),
    ("eval('1')", 1, 1, "`eval` runs text as code"),
    ("y = exec", 1, 5, "`exec` runs text as code"),
    ("open('/etc/passwd')", 1, 1, "files cannot be opened"),
    ("__import__('os')", 1, 1, "`__import__` is not allowed"),
    ("compile('1', 'f', 'eval')", 1, 1, "`compile` builds code objects"),
    ("x = ().__class__", 1, 5, "`.__class__` is not allowed"),
    ("f = lambda: 0\ng = f.__globals__", 2, 5, "`.__globals__`"),
    ("def g():\n    yield 1\nh = g().gi_frame", 3, 5, "`.gi_frame`"),
    ("import sys\n", 1, 1, "`import sys`"),
    ("def f(frame):\n    return frame.f_back", 2, 12, "`.f_back`"),
    ("getattr(object, '__subclasses__')", 1, 1, "reaches Python's internals"),
    ("name = 'x'\ngetattr(object, name)", 2, 1, "literal string"),
    ("x = __builtins__", 1, 5, "`__builtins__` is not allowed"),
    ("def f(:\n    pass", 1, 7, "syntax error"),
])
def test_violations_carry_line_column_and_a_clear_message(code, line, column, fragment):
    violations = check_policy(code, ALLOWED)
    assert violations, f"{code!r} passed the policy"
    first = violations[0]
    assert (first.line, first.column) == (line, column)
    assert fragment in first.message


def test_imports_follow_the_problems_allow_list():
    assert check_policy("import numpy as np", ALLOWED) == []
    assert "allowed modules: math" in check_policy("import numpy", ("math",))[0].message
    assert check_policy("from __future__ import annotations", ("math",)) == []


@pytest.mark.parametrize("code, line", [
    ("x = " + "+".join(["1"] * 20_000), 1),  # ast.parse itself runs out of recursion
    ("x = 1\ny = " + "+".join(["1"] * 400), 2),  # parses, but walking the tree would
    ("x = " + "-" * 5_000 + "1", 1),
    ("x = " + "[" * 150 + "]" * 150, 1),
])
def test_code_nested_too_deeply_is_a_violation_not_a_crash(code, line):
    violations = check_policy(code, ALLOWED)
    assert len(violations) == 1 and violations[0].line == line
    assert "expression too deeply nested" in violations[0].message


def test_ordinary_long_expressions_are_not_too_deep():
    assert check_policy("total = " + " + ".join(f"a{i}" for i in range(60)), ALLOWED) == []
