"""Line numbers for error messages: where a key sits in TOML, where a case starts in JSON.

``tomllib`` and ``json`` return plain data without positions, so these find
the line of a validation error's location in the source text afterwards.
"""

import json
import re

_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\s\"]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def toml_line(text: str, location: tuple) -> int | None:
    """Line (1-based) of the key at ``location`` (e.g. ``("limits", "cpu_seconds")``).

    An integer in the location (``("narration", "points", 2, "weight")``)
    selects the n-th ``[[narration.points]]`` table. When the key itself is
    absent, the line of a table of that name, else None.
    """
    keys = [part for part in location if isinstance(part, str)]
    if not keys:
        return None
    occurrence = next((part for part in location if isinstance(part, int)), 0)
    table, key, full = ".".join(keys[:-1]), keys[-1], ".".join(keys)
    current, seen, header_line = "", {"": 0}, None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            current = header.group(1).replace(" ", "").replace('"', "")
            seen[current] = seen.get(current, -1) + 1
            if current == full and header_line is None:
                header_line = number
            continue
        entry = _KEY.match(line)
        if entry and entry.group(1) == key and current == table and seen.get(table) == occurrence:
            return number
    return header_line


def json_array_lines(text: str) -> list[int]:
    """The line on which each element of a top-level JSON array starts.

    Assumes ``text`` already parsed as an array.
    """
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    lines = []
    while True:
        position = _skip(text, position, " \t\r\n,")
        if position >= len(text) or text[position] == "]":
            return lines
        lines.append(text.count("\n", 0, position) + 1)
        _, position = decoder.raw_decode(text, position)


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position


def key_line(text: str, start_line: int, key: str) -> int:
    """The line of ``"key"`` at or after ``start_line`` (the case's first line), else that line."""
    lines = text.splitlines()
    needle = json.dumps(key) + ":"
    for number in range(start_line, min(len(lines), start_line + 10_000) + 1):
        if needle in lines[number - 1].replace(" ", "").replace("\t", ""):
            return number
    return start_line
