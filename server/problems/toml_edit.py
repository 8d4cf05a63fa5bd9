"""Set simple values in a ``problem.toml`` in place, keeping its comments, order and everything else.

The structured settings form changes a few scalar keys and the import list;
rewriting the whole file from parsed data would lose the author's comments.
"""

import json
import re

from server.problems import locate

_VALUE = re.compile(r"^(?P<head>\s*[A-Za-z0-9_\-]+\s*=\s*)(?P<value>.*?)(?P<comment>\s+#[^\"']*)?$")
_HEADER = re.compile(r"^\s*\[")


def toml_value(value) -> str:
    """``value`` (str, bool, int, float or a list of them) written as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value)


def set_values(text: str, updates: dict[tuple[str, str | None], object]) -> str:
    """``text`` with each ``(table, key)`` set to its value (``table`` None: top level); None removes the key.

    A missing key is added at the start of its table, a missing table at the end.
    """
    lines = text.splitlines()
    for (table, key), value in updates.items():
        location = (table, key) if table else (key,)
        number = locate.toml_line("\n".join(lines), location)
        found = number is not None and _key_of(lines[number - 1]) == key
        if found and value is None:
            del lines[number - 1]
        elif found:
            match = _VALUE.match(lines[number - 1])
            lines[number - 1] = match.group("head") + toml_value(value) + (match.group("comment") or "")
        elif value is not None:
            _insert(lines, table, f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def _key_of(line: str) -> str | None:
    match = re.match(r"^\s*([A-Za-z0-9_\-]+)\s*=", line)
    return match.group(1) if match else None


def _insert(lines: list[str], table: str | None, entry: str) -> None:
    if table is None:
        first_table = next((index for index, line in enumerate(lines) if _HEADER.match(line)), len(lines))
        lines.insert(first_table, entry)
        return
    header = next((index for index, line in enumerate(lines)
                   if re.match(rf"^\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$", line)), None)
    if header is None:
        lines.extend(["", f"[{table}]", entry])
    else:
        lines.insert(header + 1, entry)
