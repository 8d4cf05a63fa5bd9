"""Row ids from URLs, query strings and forms: whole numbers within the schema's integer range.

Id columns are INTEGER: signed 32-bit on PostgreSQL (64-bit on SQLite, but
its ids count up from 1 as PostgreSQL's do). A larger number cannot name a
row, and handing one to the database fails the query (PostgreSQL: "integer
out of range"; the driver's ``OverflowError`` past 64 bits), so such ids are
refused before any query: a route does not match (404), a parameter is
reported as not an id.
"""

import re

from werkzeug.routing import IntegerConverter

MAX_ID = 2 ** 31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: a number beyond ``MAX_ID`` does not match, so the answer is 404."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def parse_id(text: str) -> int | None:
    """``text`` as a row id (ASCII digits, at most ``MAX_ID``), or None when it is not one."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_ID else None
