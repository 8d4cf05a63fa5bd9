"""Loading a problem package from disk, strictly (docs/problem-format.md).

Every problem found is collected before failing, each naming its file and
line, in the manner of Kattis' problemtools: an author fixes the package in
one pass, not one error per run.
"""

import ast
import builtins
import dataclasses
import json
import re
import tomllib
from pathlib import Path

import pydantic

from sandbox.typed_values import TypedValueError, holds_pandas, validate
from server.errors import Issue, ProblemFormatError
from server.judge.verdicts import Verdict
from server.problems import locate
from server.problems.schema import Case, ProblemSpec
from server.problems.statement import render_markdown, render_statement
from server.problems.tree import hash_entries

REQUIRED_FILES = ("problem.toml", "statement.md", "starter.py", "solution.py", "generator.py",
                  "tests/public.json", "tests/hidden.json")
OPTIONAL_ENTRIES = ("submissions", "tests", "README.md")
SLOW = "slow"
SUBMISSION_FOLDERS = tuple(
    v.label for v in Verdict if v not in (Verdict.POLICY_VIOLATION, Verdict.SYSTEM_ERROR)) + (SLOW,)
COMPLEXITY_PHRASE = re.compile(r"^(o\(|linear time$|constant time|n log n$)")
INPUT_KEYS = {"function": ("args", "kwargs"), "class": ("init", "calls"), "stdio": ("stdin",)}
TOO_DEEP = "nested too deeply to be read"  # parsers recurse per level: a deeper file exhausts the stack


@dataclasses.dataclass(frozen=True)
class KnownSubmission:
    """A file under ``submissions/<folder>/``; ``folder`` is the verdict it must get."""

    folder: str
    path: Path

    @property
    def name(self) -> str:
        return f"{self.folder}/{self.path.name}"


@dataclasses.dataclass(frozen=True)
class ProblemPackage:
    """A validated problem package; ``content_hash`` pins its exact version."""

    path: Path
    spec: ProblemSpec
    statement: str
    starter: str
    solution: str
    generator: str
    cases: tuple[Case, ...]
    submissions: tuple[KnownSubmission, ...]
    content_hash: str
    warnings: tuple[Issue, ...] = ()

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def public_cases(self) -> tuple[Case, ...]:
        return tuple(case for case in self.cases if not case.hidden)

    @property
    def hidden_cases(self) -> tuple[Case, ...]:
        return tuple(case for case in self.cases if case.hidden)

    def statement_html(self) -> str:
        return render_statement(self.statement, self.spec.imports.allowed)


class _Collector:
    def __init__(self):
        self.issues: list[Issue] = []

    def error(self, file: str, line: int | None, message: str) -> None:
        self.issues.append(Issue(file, line, message))

    def warn(self, file: str, line: int | None, message: str) -> None:
        self.issues.append(Issue(file, line, message, "warning"))

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]


def load_package(path: Path | str) -> ProblemPackage:
    """Load and validate the package at ``path``.

    Raises:
        ProblemFormatError: With every error found (warnings are kept on the package).
    """
    root = Path(path)
    found = _Collector()
    if not root.is_dir():
        raise ProblemFormatError(str(root), [Issue(str(root), None, "not a directory")])
    texts = _read_files(root, found)
    spec = _load_spec(root, texts.get("problem.toml"), found)
    for name in ("starter.py", "solution.py", "generator.py"):
        _check_python(name, texts.get(name), found)
    if spec and texts.get("solution.py") is not None:
        _check_defines(texts["solution.py"], "solution.py", spec.entry_point, found)
    if texts.get("generator.py") is not None:
        _check_defines(texts["generator.py"], "generator.py", "generate", found)
    if texts.get("statement.md") is not None and not render_markdown(texts["statement.md"]).strip():
        found.error("statement.md", None, "the statement renders to nothing")
    cases = []
    if spec:
        families = generator_families(texts.get("generator.py") or "")
        for name, hidden in (("tests/public.json", False), ("tests/hidden.json", True)):
            if texts.get(name) is not None:
                cases += _load_cases(name, texts[name], hidden, spec, families, found)
        _check_names_unique(cases, found)
    submissions = _find_submissions(root, found)
    if found.errors:
        raise ProblemFormatError(str(root), found.errors)
    return ProblemPackage(
        path=root, spec=spec, statement=texts["statement.md"], starter=texts["starter.py"],
        solution=texts["solution.py"], generator=texts["generator.py"], cases=tuple(cases),
        submissions=tuple(submissions), content_hash=content_hash(root),
        warnings=tuple(found.issues))


def content_hash(root: Path) -> str:
    """SHA-256 over every file's relative path and bytes (caches excluded)."""
    return hash_entries({file.relative_to(root).as_posix(): file.read_bytes() for file in root.rglob("*")
                         if file.is_file() and "__pycache__" not in file.parts})


def _read_files(root: Path, found: _Collector) -> dict[str, str]:
    texts = {}
    for name in REQUIRED_FILES:
        file = root / name
        if not file.is_file():
            found.error(name, None, "missing file")
            continue
        try:
            texts[name] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            found.error(name, None, f"not UTF-8 text ({error.reason} at byte {error.start})")
    known = {name.split("/")[0] for name in REQUIRED_FILES} | set(OPTIONAL_ENTRIES)
    for entry in sorted(root.iterdir()):
        if entry.name not in known and entry.name != "__pycache__":
            found.warn(entry.name, None, "unknown file in the package (ignored)")
    return texts


def _load_spec(root: Path | None, text: str | None, found: _Collector) -> ProblemSpec | None:
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found.error("problem.toml", None, f"not valid TOML: {error}")
        return None
    except RecursionError:
        found.error("problem.toml", None, f"not valid TOML: {TOO_DEEP}")
        return None
    try:
        spec = ProblemSpec.model_validate(data)
    except pydantic.ValidationError as error:
        for detail in error.errors():
            location = tuple(detail["loc"])
            where = ".".join(str(part) for part in location)
            found.error("problem.toml", locate.toml_line(text, location), f"{where}: {_message(detail)}")
        return None
    if root is not None and spec.id != root.name:
        found.error("problem.toml", locate.toml_line(text, ("id",)),
                    f"id {spec.id!r} differs from the folder name {root.name!r}")
    for index, point in enumerate(spec.narration.points):
        for phrase in filter(COMPLEXITY_PHRASE.match, point.phrases):
            found.warn("problem.toml", locate.toml_line(text, ("narration", "points", index, "phrases")),
                       f"narration point {point.id!r}: {phrase!r} is a complexity claim; the time-complexity "
                       "item checks claims against the measurement, so use phrases that show the idea")
    return spec


def _message(detail: dict) -> str:
    if detail["type"] == "extra_forbidden":
        return "unknown key"
    if detail["type"] == "missing":
        return "required key is missing"
    if detail["type"] == "string_pattern_mismatch" and detail["loc"] == ("name",):
        return "use 1 to 64 letters, digits, '_', '.' or '-' (no spaces)"
    return detail["msg"]


def _check_python(name: str, text: str | None, found: _Collector) -> None:
    if text is None:
        return
    try:
        ast.parse(text, filename=name)
    except SyntaxError as error:
        found.error(name, error.lineno, f"syntax error: {error.msg}")
    except (RecursionError, MemoryError):
        found.error(name, None, f"Python cannot parse it: {TOO_DEEP} (e.g. a chain like 1+1+1+...)")


def _check_defines(text: str, file: str, name: str, found: _Collector) -> None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, RecursionError, MemoryError):  # reported by _check_python
        return
    defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    if name not in defined:
        found.error(file, None, f"does not define `{name}` at the top level")


def generator_families(text: str) -> tuple[str, ...] | None:
    """The literal ``FAMILIES`` tuple of generator.py, or None when it has none."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, RecursionError, MemoryError):
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "FAMILIES" for t in node.targets):
            try:
                return tuple(ast.literal_eval(node.value))
            except ValueError:
                return None
    return None


def _load_cases(file: str, text: str, hidden: bool, spec: ProblemSpec, families, found: _Collector):
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        found.error(file, error.lineno, f"not valid JSON: {error.msg} (column {error.colno})")
        return []
    except RecursionError:
        found.error(file, None, f"not valid JSON: {TOO_DEEP}")
        return []
    if not isinstance(raw, list):
        found.error(file, 1, "must be a JSON array of test cases")
        return []
    if not raw:
        found.error(file, 1, "has no test cases")
    cases = []
    for line, item in zip(locate.json_array_lines(text), raw, strict=True):
        case = _load_case(file, text, line, item, hidden, spec, families, found)
        if case is not None:
            cases.append(case)
    return cases


def _load_case(file, text, line, item, hidden, spec, families, found):
    if not isinstance(item, dict):
        found.error(file, line, "a test case must be a JSON object")
        return None
    label = f"case {item.get('name')!r}" if isinstance(item.get("name"), str) else "case"
    if "hidden" in item:
        found.error(file, locate.key_line(text, line, "hidden"), f"{label}: unknown key 'hidden'")
        return None
    try:
        case = Case.model_validate(item)
    except pydantic.ValidationError as error:
        for detail in error.errors():
            key = str(detail["loc"][0]) if detail["loc"] else ""
            where = ".".join(str(part) for part in detail["loc"])
            found.error(file, locate.key_line(text, line, key) if key else line,
                        f"{label}: {where}: {_message(detail)}")
        return None
    problems = _case_problems(case, hidden, spec, families)
    for key, message in problems:
        found.error(file, locate.key_line(text, line, key) if key else line, f"{label}: {message}")
    return None if problems else case.model_copy(update={"hidden": hidden})


def _case_problems(case: Case, hidden: bool, spec: ProblemSpec, families) -> list[tuple[str, str]]:
    """(key, message) pairs for what the schema alone cannot see."""
    problems = []
    kind = spec.kind
    given = [key for keys in INPUT_KEYS.values() for key in keys if getattr(case, key) is not None]
    wrong_kind = [key for key in given if key not in INPUT_KEYS[kind]]
    if wrong_kind:
        problems.append((wrong_kind[0], f"'{wrong_kind[0]}' does not apply to a {kind} problem"))
    if case.generate is not None:
        if given:
            problems.append(("generate", "give either 'generate' or literal input, not both"))
        if families is not None and case.generate.family is not None and case.generate.family not in families:
            problems.append(("generate", f"family {case.generate.family!r} is not in generator.py's FAMILIES"))
    else:
        required = {"function": ("args",), "class": ("init", "calls"), "stdio": ("stdin",)}[kind]
        missing = [key for key in required if getattr(case, key) is None]
        if missing and not (kind == "class" and missing == ["calls"] and case.raises):
            problems.append(("", f"missing input: {', '.join(repr(k) for k in missing)}"))
        if not case.has_expected and not case.raises:
            problems.append(("", "needs 'expected' or 'raises'"))
    if case.raises:
        exception = getattr(builtins, case.raises, None)
        if not (isinstance(exception, type) and issubclass(exception, BaseException)):
            problems.append(("raises", f"{case.raises!r} is not a builtin exception"))
        if case.has_expected and kind != "class":
            problems.append(("expected", "'expected' and 'raises' exclude each other here"))
    if case.group is not None and (case.group == "example") == hidden:
        allowed = "'correctness' or 'performance'" if hidden else "'example' (or none)"
        problems.append(("group", f"group {case.group!r} does not fit this file; use {allowed}"))
    if kind == "class" and case.has_expected and not case.raises and case.calls is not None:
        if not isinstance(case.expected, list) or len(case.expected) != len(case.calls):
            problems.append(("expected", "a class case expects a list with one return value per call"))
    for key in ("args", "kwargs", "init", "calls", "expected"):
        try:
            validate(getattr(case, key), repr(key))
        except TypedValueError as error:
            problems.append((key, str(error)))
        else:
            if spec.sandbox_image != "ml" and holds_pandas(getattr(case, key)):
                problems.append((key, f"{key!r} holds a DataFrame or Series, which needs pandas: only the ml "
                                      'image has it (image = "ml" in problem.toml)'))
    return problems


def _check_names_unique(cases: list[Case], found: _Collector) -> None:
    seen = set()
    for case in cases:
        if case.name in seen:
            found.error("tests/hidden.json" if case.hidden else "tests/public.json", None,
                        f"case name {case.name!r} is used twice")
        seen.add(case.name)


def _find_submissions(root: Path, found: _Collector) -> list[KnownSubmission]:
    folder = root / "submissions"
    if not folder.is_dir():
        return []
    submissions = []
    for verdict_dir in sorted(folder.iterdir()):
        if verdict_dir.name == "__pycache__":
            continue
        if not verdict_dir.is_dir() or verdict_dir.name not in SUBMISSION_FOLDERS:
            found.error(f"submissions/{verdict_dir.name}", None,
                        f"unknown folder; use one of {', '.join(SUBMISSION_FOLDERS)}")
            continue
        for file in sorted(verdict_dir.glob("*.py")):
            submissions.append(KnownSubmission(verdict_dir.name, file))
    return submissions


def case_errors(file: str, text: str, spec: ProblemSpec, generator: str) -> list[Issue]:
    """Every error of the test file ``file`` (its JSON ``text``) in a package of ``spec``, with lines."""
    found = _Collector()
    _load_cases(file, text, file == "tests/hidden.json", spec, generator_families(generator), found)
    return found.errors


def parse_spec(text: str) -> ProblemSpec:
    """``problem.toml``'s ``text`` as a spec.

    Raises:
        ProblemFormatError: With every error found in it.
    """
    found = _Collector()
    spec = _load_spec(None, text, found)
    if found.errors:
        raise ProblemFormatError("problem.toml", found.errors)
    return spec
