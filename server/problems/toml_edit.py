"""Set simple values in a ``problem.toml`` in place, keeping its comments, order and everything else.

The structured settings form changes a few scalar keys, the import list and
the narration rubric (an array of tables); rewriting the whole file from parsed
data would lose the author's comments.
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


def set_table_array(text: str, name: str, entries: list[dict]) -> str:
    """``text`` with every ``[[name]]`` table replaced by ``entries``, written where the first one was.

    Lines inside the old tables (their comments too) go with them; everything else stays as it was.
    """
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]\s*(#.*)?$")
    kept, first, inside = [], None, False
    for line in lines:
        if header.match(line):
            inside, first = True, len(kept) if first is None else first
            continue
        if inside and _HEADER.match(line):
            inside = False
        if not inside:
            kept.append(line)
    written = []
    for entry in entries:
        written += [f"[[{name}]]", *(f"{key} = {toml_value(value)}" for key, value in entry.items()), ""]
    if first is None:
        while kept and not kept[-1].strip():
            kept.pop()
        first = len(kept)
        written = ([""] if kept and written else []) + written
    kept[first:first] = written
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept) + "\n"
