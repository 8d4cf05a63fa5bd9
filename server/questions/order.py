"""The order a candidate sees a question's options in: shuffled per attempt, the same on every reload."""

import hashlib
import random


def option_order(attempt_id: int, version_id: int, count: int) -> list[int]:
    """The authored indexes ``0..count-1`` in this attempt's order for this question version.

    Seeded from the attempt and the version (not Python's salted ``hash``), so a reload, a restart or
    another server process shows the same order, and two candidates usually see different ones.
    """
    seed = hashlib.sha256(f"{attempt_id}:{version_id}".encode()).digest()
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order
