"""Line diffs (difflib) for the reviewer's pages: playback snapshots and failed tests' expected vs actual."""

import difflib


def line_diff(before: str, after: str) -> list[dict]:
    """Every line of both texts with what happened to it: ``same``, ``removed`` or ``added``.

    Each row carries its line number in ``before`` (``a``) and in ``after`` (``b``), None where it has none.
    """
    old, new = before.splitlines(), after.splitlines()
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [{"kind": "same", "a": i + 1, "b": j + 1, "text": old[i]}
                     for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        rows += [{"kind": "removed", "a": i + 1, "b": None, "text": old[i]} for i in range(i1, i2)]
        rows += [{"kind": "added", "a": None, "b": j + 1, "text": new[j]} for j in range(j1, j2)]
    return rows
