"""DataFrames and Series (typed values) compared for the ``array`` checker.

Two tables match when they are the same kind (DataFrame or Series), a Series has the same name, the columns
carry the same labels in the same order, the index the same labels in the same order, each column's dtype
passes the checker's dtype rule, and each value is within its tolerance (NaN only where NaN is expected);
strings compare exactly. The first difference is named by column, row position and index label.
"""

from sandbox.tsbox.typed import FRAME_TAG, SERIES_TAG, tag_of, untagged
from server.judge.checkers.base import show


class Table:
    """A DataFrame or Series as labels, dtypes and one list of values per column (a Series: one column)."""

    def __init__(self, value):
        self.kind = "DataFrame" if FRAME_TAG in value else "Series"
        spec = value[FRAME_TAG] if FRAME_TAG in value else value[SERIES_TAG]
        self.index = spec["index"]
        if self.kind == "DataFrame":
            self.name, self.labels, self.dtypes = None, spec["columns"], spec["dtypes"]
            rows = untagged(spec["data"])
            self.columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in self.labels]
        else:
            self.name, self.labels, self.dtypes = spec["name"], [spec["name"]], [spec["dtype"]]
            self.columns = [untagged(spec["data"])]

    def __str__(self) -> str:
        if self.kind == "Series":
            return f"{self.dtypes[0]} Series of {len(self.index)} rows named {show(self.name)}"
        return f"DataFrame of {len(self.index)} rows x {len(self.labels)} columns"


def is_table(value) -> bool:
    """True for a typed DataFrame or Series."""
    return tag_of(value) in (FRAME_TAG, SERIES_TAG)


def difference(expected, actual, path: str, same_value, same_dtype) -> str | None:
    """The first difference between two typed tables, or None; ``same_value(want, got)`` compares two numbers
    within the tolerance, ``same_dtype(want, got)`` two dtypes by the checker's rule."""
    where = f" at {path}" if path else ""
    want, got = Table(expected), Table(actual)
    if want.kind != got.kind:
        return f"expected {want}{where}, got {got}"
    if want.kind == "Series" and want.name != got.name:
        return f"expected a Series named {show(want.name)}{where}, got one named {show(got.name)}"
    if want.kind == "DataFrame" and want.labels != got.labels:
        return f"expected columns {show(want.labels)}{where}, got columns {show(got.labels)}"
    if len(want.index) != len(got.index):
        return (f"expected {len(want.index)} rows{where}, got {len(got.index)} "
                f"(expected index {show(want.index)}, got index {show(got.index)})")
    if want.index != got.index:
        row = next(row for row, (a, b) in enumerate(zip(want.index, got.index, strict=True))
                   if type(a) is not type(b) or a != b)
        return f"expected index label {show(want.index[row])} at row {row}{where}, got {show(got.index[row])}"
    for label, dtypes, values in zip(want.labels, zip(want.dtypes, got.dtypes, strict=True),
                                     zip(want.columns, got.columns, strict=True), strict=True):
        column = f"column {show(label)}{where}: " if want.kind == "DataFrame" else f"Series{where}: "
        if not same_dtype(*dtypes):
            return f"{column}expected dtype {dtypes[0]}, got {dtypes[1]}"
        differing = [row for row, (a, b) in enumerate(zip(*values, strict=True)) if not _same(a, b, same_value)]
        if differing:
            row = differing[0]
            return (f"{column}{len(differing)} of {len(want.index)} values differ; first at row {row} "
                    f"(index {show(want.index[row])}): expected {show(values[0][row])}, got {show(values[1][row])}")
    return None


def _same(want, got, same_value) -> bool:
    if type(want) is str or type(got) is str:
        return type(want) is type(got) and want == got
    return same_value(want, got)
