"""Question items: multiple-choice and short written questions placed in screens beside coding problems.

A question item is a package of one file, ``question.toml`` (docs/authoring.md),
versioned, validated and published as problems are (``ProblemVersion`` rows of
kind ``question``); ``server.scoring.questions`` scores the answers.
"""
