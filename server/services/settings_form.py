"""The structured form over the common fields of ``problem.toml`` (the narration rubric stays in the raw file).

Reading is lenient (any TOML that parses fills the form); writing changes only
the fields given, in place, and the package validation then checks the result.
"""

import dataclasses
import math
import tomllib

from server.problems.schema import COMPLEXITY_CLASSES
from server.problems.toml_edit import set_values
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

    @property
    def name(self) -> str:
        return f"{self.table}.{self.key}" if self.table else self.key


FIELDS = (
    Field(None, "title", "text", "Title"),
    Field(None, "difficulty", "choice", "Difficulty", ("easy", "medium", "hard")),
    Field(None, "time_limit_minutes", "int", "Candidate time (minutes)"),
    Field("limits", "cpu_seconds", "number", "CPU seconds per test"),
    Field("limits", "memory_mb", "int", "Memory (MB)"),
    Field("limits", "output_kb", "int", "Output (KB)"),
    Field("checker", "type", "choice", "Checker", ("exact", "float", "unordered")),
    Field("checker", "rel_tol", "number", "Relative tolerance (float checker)", optional=True),
    Field("checker", "abs_tol", "number", "Absolute tolerance (float checker)", optional=True),
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


def read_settings(text: str) -> dict[str, str] | None:
    """The form's values from ``text`` (as strings), or None when it is not TOML."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
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
    return set_values(text, updates)


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
