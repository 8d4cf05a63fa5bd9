"""The structured form over the common fields of ``problem.toml`` and its narration rubric.

Reading is lenient (any TOML that parses fills the form); writing changes only
the fields given, in place, and the package validation then checks the result.
The rubric is a list of points, each with the phrases that show a candidate's
notes cover it; it is written back as the ``[[narration.points]]`` tables.
"""

import dataclasses
import math
import re
import tomllib

from server.problems.schema import COMPLEXITY_CLASSES
from server.problems.toml_edit import set_table_array, set_values
from server.services.authoring import AuthoringError


@dataclasses.dataclass(frozen=True)
class Field:
    """One form field: where it lives in problem.toml, how to read what was typed, its choices."""

    table: str | None
    key: str
    kind: str  # text, int, number, list, choice
    label: str
    choices: tuple[str, ...] = ()
    optional: bool = False  # empty removes the key
    placeholder: str = "(default)"  # what an empty optional field means

    @property
    def name(self) -> str:
        return f"{self.table}.{self.key}" if self.table else self.key


# The float checker needs a tolerance; when the form leaves both empty it gets this one of each.
DEFAULT_FLOAT_TOLERANCE = 1e-9

FIELDS = (
    Field(None, "title", "text", "Title"),
    Field(None, "difficulty", "choice", "Difficulty", ("easy", "medium", "hard")),
    Field(None, "entry_point", "text", "Entry point (the function or class the candidate writes)"),
    Field(None, "time_limit_minutes", "int", "Candidate time (minutes)"),
    Field("limits", "cpu_seconds", "number", "CPU seconds per test"),
    Field("limits", "memory_mb", "int", "Memory (MB)"),
    Field("limits", "output_kb", "int", "Output (KB)"),
    Field("checker", "type", "choice", "Checker", ("exact", "float", "unordered", "array")),
    Field("checker", "rel_tol", "number", "Relative tolerance (float and array checkers)", optional=True,
          placeholder=f"(default: {DEFAULT_FLOAT_TOLERANCE:g} for the float checker, else 0)"),
    Field("checker", "abs_tol", "number", "Absolute tolerance (float and array checkers)", optional=True,
          placeholder=f"(default: {DEFAULT_FLOAT_TOLERANCE:g} for the float checker, else 0)"),
    Field("checker", "dtype", "choice", "Dtype check (array checker: kind, exact or any)", ("kind", "exact", "any"),
          optional=True),
    Field("imports", "allowed", "list", "Allowed imports (comma-separated)"),
    Field("complexity", "target", "choice", "Complexity target", COMPLEXITY_CLASSES),
    Field("complexity", "size_parameter", "text", "Size parameter"),
    Field("complexity", "min_n", "int", "Smallest n measured", optional=True),
    Field("complexity", "max_n", "int", "Largest n measured (at least 64 × smallest)", optional=True),
    Field("scoring", "correctness", "number", "Weight: correctness", optional=True),
    Field("scoring", "efficiency", "number", "Weight: efficiency", optional=True),
    Field("scoring", "communication", "number", "Weight: communication", optional=True),
    Field("scoring", "code_quality", "number", "Weight: code quality", optional=True),
)


RUBRIC_POINT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_settings(text: str) -> dict[str, str] | None:
    """The form's values from ``text`` (as strings), or None when it is not TOML."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):  # RecursionError: nested too deeply
        return None
    values = {}
    for field in FIELDS:
        value = (data.get(field.table) if field.table else data)
        value = value.get(field.key) if isinstance(value, dict) else None
        if value is None:
            values[field.name] = ""
        elif isinstance(value, list):
            values[field.name] = ", ".join(str(item) for item in value)
        else:
            values[field.name] = str(value)
    return values


def apply_settings(text: str, typed: dict[str, str]) -> str:
    """``text`` with the fields in ``typed`` set as typed.

    Raises:
        AuthoringError: Naming every field whose value is not of its kind.
    """
    updates, problems = {}, []
    for field in FIELDS:
        if field.name not in typed:
            continue
        raw = str(typed[field.name]).strip()
        try:
            updates[(field.table, field.key)] = _convert(field, raw)
        except ValueError as error:
            problems.append(f"{field.label}: {error}")
    if problems:
        raise AuthoringError("; ".join(problems))
    return set_values(text, _float_tolerances(text, updates))


def _float_tolerances(text: str, updates: dict) -> dict:
    """``updates`` with both tolerances at their default when the float checker is chosen and the form left both
    empty (the checker needs one; empty reads as "the default", not as an error)."""
    tolerances = [("checker", "rel_tol"), ("checker", "abs_tol")]
    if not all(key in updates and updates[key] is None for key in tolerances):
        return updates
    checker = updates.get(("checker", "type"))
    if checker is None:
        try:
            checker = tomllib.loads(text).get("checker", {}).get("type")
        except (tomllib.TOMLDecodeError, RecursionError, AttributeError):
            checker = None
    if checker != "float":
        return updates
    return {**updates, **dict.fromkeys(tolerances, DEFAULT_FLOAT_TOLERANCE)}


def read_rubric(text: str) -> list[dict] | None:
    """The rubric points of ``text`` as the form shows them (phrases one per line), or None when not TOML."""
    try:
        narration = tomllib.loads(text).get("narration", {})
    except (tomllib.TOMLDecodeError, RecursionError):  # RecursionError: nested too deeply
        return None
    points = narration.get("points", []) if isinstance(narration, dict) else []
    return [{"id": str(point.get("id", "")), "description": str(point.get("description", "")),
             "weight": str(point.get("weight", "")),
             "phrases": "\n".join(str(p) for p in point.get("phrases", []) if isinstance(p, str))}
            for point in points if isinstance(point, dict)]


def apply_rubric(text: str, typed: list) -> str:
    """``text`` with its rubric replaced by the points in ``typed`` (an empty list removes the rubric).

    Raises:
        AuthoringError: Naming every point (by its row) and field that is not valid.
    """
    points, problems, seen = [], [], set()
    for number, row in enumerate(typed, start=1):
        if not isinstance(row, dict):
            problems.append(f"Rubric point {number}: not a point")
            continue
        point_id = str(row.get("id", "")).strip()
        description = str(row.get("description", "")).strip()
        phrases = [p.strip() for p in str(row.get("phrases", "")).splitlines() if p.strip()]
        found = []
        if not RUBRIC_POINT_ID.match(point_id):
            found.append("id must be lower-case letters, digits and dashes")
        elif point_id in seen:
            found.append(f"id {point_id!r} is used twice")
        seen.add(point_id)
        if not description:
            found.append("description is required")
        try:
            weight = _convert(Field("narration", "weight", "number", "weight"), str(row.get("weight", "")).strip())
            if weight <= 0:
                found.append("weight must be more than 0")
        except ValueError as error:
            found.append(f"weight: {error}")
        if not phrases:
            found.append("give at least one phrase")
        found += [f"phrase {p!r} is shorter than 2 characters" for p in phrases if len(p) < 2]
        if found:
            problems.append(f"Rubric point {number}: " + ", ".join(found))
        else:
            points.append({"id": point_id, "description": description, "weight": weight, "phrases": phrases})
    if problems:
        raise AuthoringError("; ".join(problems))
    return set_table_array(text, "narration.points", points)


def _convert(field: Field, raw: str):
    if raw == "":
        if field.optional:
            return None
        raise ValueError("required")
    if field.kind == "int":
        if not raw.lstrip("-").isdigit():
            raise ValueError(f"{raw!r} is not a whole number")
        return int(raw)
    if field.kind == "number":
        try:
            number = int(raw) if raw.lstrip("-").isdigit() else float(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"{raw!r} is not a finite number")
        return number
    if field.kind == "list":
        return [item.strip() for item in raw.split(",") if item.strip()]
    if field.kind == "choice" and raw not in field.choices:
        raise ValueError(f"{raw!r} is not one of {', '.join(field.choices)}")
    return raw
