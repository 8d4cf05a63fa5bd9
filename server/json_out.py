"""Writing JSON strictly (RFC 8259), with each non-finite float spelled out as a tagged object.

Candidates' code returns NaN and infinities, and public tests take them as
inputs (stable-softmax's do). Python's ``json`` writes them as the bare words
``NaN``, ``Infinity`` and ``-Infinity``, which are not JSON: a browser's
``JSON.parse`` refuses the whole response. So everything the server sends as
JSON (responses, the JSON embedded in pages, progress events, the CLI's
``--json``) is written by ``dumps`` here, where each non-finite float becomes
``{"$float": "NaN"}``, ``{"$float": "Infinity"}`` or ``{"$float": "-Infinity"}``
(docs/api.md, "Numbers that are not finite"). Saved reports keep the floats as
they are: the encoding is only how they travel.
"""

import json
import math

FLOAT_TAG = "$float"
MAX_DEPTH = 1000  # deeper than json.dumps itself can write; where a value that contains itself stops


def dumps(value, *, dump=json.dumps, **options) -> str:
    """``dump(value, **options)`` refusing non-finite floats, and on such a float, of ``tagged(value)``.

    Values are almost always finite, so they are written once, without a copy.

    Raises:
        ValueError: As ``json.dumps`` does, or ``value`` nests deeper than ``MAX_DEPTH``.
    """
    try:
        return dump(value, allow_nan=False, **options)
    except ValueError:  # a non-finite float somewhere
        return dump(tagged(value), allow_nan=False, **options)


def tagged(value):
    """A copy of ``value`` whose non-finite floats are ``{"$float": name}`` objects, the name as JavaScript's
    ``String(number)`` writes it. Dicts, lists and tuples are copied (tuples as lists), anything else kept.
    Walks the value with a stack of its own, so any depth ``json.dumps`` accepts is fine.

    Raises:
        ValueError: ``value`` nests dicts or lists deeper than ``MAX_DEPTH`` (or contains itself).
    """
    holder = [value]
    pending = [(holder, 0, 0)]
    while pending:
        container, key, depth = pending.pop()
        item = container[key]
        if isinstance(item, float) and not math.isfinite(item):
            container[key] = {FLOAT_TAG: "NaN" if math.isnan(item) else "Infinity" if item > 0 else "-Infinity"}
        elif isinstance(item, dict | list | tuple):
            if depth >= MAX_DEPTH:
                raise ValueError(f"the value nests more than {MAX_DEPTH} levels deep, or contains itself")
            copy = dict(item) if isinstance(item, dict) else list(item)
            container[key] = copy
            pending.extend((copy, child, depth + 1) for child in (copy if isinstance(copy, dict) else range(len(copy))))
    return holder[0]
