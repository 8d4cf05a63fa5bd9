import math
import re

TOKEN = re.compile(r"latency_ms=(\S+)")


def parse(line):
    match TOKEN.search(line):
        case None:
            return None
        case found:
            try:
                value = float(found.group(1))
            except ValueError:
                return None
            return value if math.isfinite(value) and value >= 0 else None


def classify(item):
    match item:
        case {"kind": "point", "x": x, "y": y}:
            return ("point", x, y)
        case [first, *others]:
            return ("list", first, len(others))
        case int() | float() as number if number < 0:
            return ("negative", number)
        case _:
            return ("other", item)


def walk(grid):
    total = 0
    for row in grid:
        for i, cell in enumerate(row):
            row[i] += 1
            total += cell
        else:
            continue
    while total > 100:
        total //= 2
    assert total >= 0, "never negative"
    del grid[:]
    with open_none() as handle:
        total += handle
    return total, (lambda x: x + 1)(total), __name__


class open_none:
    def __enter__(self):
        return 0

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    print(walk([[1, 2], [3]]))
