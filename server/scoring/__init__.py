"""The technical-screen score and its inputs: narration, code quality, and the formula.

Pure functions, no I/O (the code-quality linter runs as a subprocess on text,
never executing candidate code). Every point awarded or withheld comes with a
reason a reviewer can read.
"""
