"""Authoring problems in the browser: working copies, their states, publishing them as versions.

A working copy (``AuthoredProblem.files``) may be broken while the author
works; saving always keeps it and reports every format error. Publishing
records the working copy as the next ``ProblemVersion`` only when a Validate
passed on exactly these files (``checked_hash``); earlier versions stay, with
the submissions judged against them.
"""

import contextlib
import dataclasses
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlmodel import Session, func, select

from server.errors import Issue, ProblemFormatError, TechscreenError
from server.models import (
    AuthoredProblem,
    ProblemFiles,
    ProblemState,
    ProblemVersion,
    ValidationRun,
    ValidationStatus,
    utcnow,
)
from server.problems import archive, bank
from server.problems.package import ProblemPackage, case_errors, load_package, parse_spec
from server.problems.scaffold import case_file, scaffold
from server.problems.tree import tree_hash, write_tree
from server.questions.item import QUESTION_FILE, parse_question, question_issues, scaffold_question
from server.services.problem_store import record_question, record_version

PROBLEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
MAX_FILES = archive.MAX_FILES
MAX_TOTAL_CHARS = archive.MAX_TOTAL_BYTES
FILE_PATH = re.compile(r"^(question\.toml|problem\.toml|statement\.md|starter\.py|solution\.py|generator\.py|"
                       r"README\.md|tests/(public|hidden)\.json|submissions/[a-z_]+/[A-Za-z0-9_.-]+\.py)$")


class AuthoringError(TechscreenError):
    """A request the working copy cannot take (unknown problem, taken id, publish before validate)."""


@dataclasses.dataclass(frozen=True)
class ProblemRow:
    """One line of the authoring list."""

    problem_id: str
    title: str
    authored: bool
    state: str  # draft, published, changed (published with unpublished changes)
    version: int | None  # the current version's number
    versions: int
    validation: str  # passed, failed, out of date, not validated, or "" for bank problems
    kind: str = "coding"  # or "question" (a question item)


def problem_rows(session: Session) -> list[ProblemRow]:
    """Every problem, bank and authored, by id."""
    current = {v.problem_id: v for v in session.exec(select(ProblemVersion).where(ProblemVersion.current))}
    counts = {problem_id: count for problem_id, count in session.exec(
        select(ProblemVersion.problem_id, func.count()).group_by(ProblemVersion.problem_id))}
    authored = {p.problem_id: p for p in session.exec(select(AuthoredProblem))}
    rows = []
    for problem_id in sorted(set(current) | set(authored)):
        version, problem = current.get(problem_id), authored.get(problem_id)
        if problem is None:
            rows.append(ProblemRow(problem_id, version.title, False, "published", version.number,
                                   counts.get(problem_id, 0), "", version.kind))
            continue
        rows.append(ProblemRow(problem_id, working_title(problem) or (version.title if version else problem_id),
                               True, state_of(session, problem), version.number if version else None,
                               counts.get(problem_id, 0), validation_of(problem),
                               "question" if is_question(problem) else "coding"))
    return rows


def is_question(problem: AuthoredProblem) -> bool:
    """A question item's working copy is its ``question.toml``; a problem's is a package."""
    return QUESTION_FILE in problem.files


def working_title(problem: AuthoredProblem) -> str | None:
    """The title in the working copy's problem.toml (or question.toml), if it parses."""
    try:
        if is_question(problem):
            return parse_question(problem.files[QUESTION_FILE]).title
        return parse_spec(problem.files.get("problem.toml", "")).title
    except ProblemFormatError:
        return None


def state_of(session: Session, problem: AuthoredProblem) -> str:
    """``draft``, ``published``, or ``changed`` when the working copy differs from the current version."""
    if problem.state == ProblemState.DRAFT:
        return "draft"
    version = current_version(session, problem.problem_id)
    return "published" if version and version.content_hash == tree_hash(problem.files) else "changed"


def validation_of(problem: AuthoredProblem) -> str:
    """What the last Validate says about the working copy as it is now."""
    if problem.check_report is None:
        return "not validated"
    if problem.checked_hash != tree_hash(problem.files):
        return "out of date"
    return "passed" if problem.check_report.get("ok") else "failed"


def current_version(session: Session, problem_id: str) -> ProblemVersion | None:
    return session.exec(select(ProblemVersion).where(ProblemVersion.problem_id == problem_id,
                                                     ProblemVersion.current)).first()


def versions(session: Session, problem_id: str) -> list[ProblemVersion]:
    """Every recorded version of the problem, newest first."""
    return list(session.exec(select(ProblemVersion).where(ProblemVersion.problem_id == problem_id)
                             .order_by(ProblemVersion.number.desc())))


def get_problem(session: Session, problem_id: str) -> AuthoredProblem:
    """The working copy of ``problem_id``.

    Raises:
        AuthoringError: The problem is not authored in the browser.
    """
    problem = session.get(AuthoredProblem, problem_id)
    if problem is None:
        raise AuthoringError(f"no authored problem {problem_id!r}")
    return problem


def create_problem(session: Session, problem_id: str, title: str, user_id: int | None,
                   kind: str = "coding") -> AuthoredProblem:
    """A new draft from the scaffold (a problem package, or with ``kind`` "question" a question item), with this
    id and title.

    Raises:
        AuthoringError: The id is malformed or taken, or the title is empty or too long.
    """
    problem_id, title = problem_id.strip(), title.strip()
    if not PROBLEM_ID.match(problem_id):
        raise AuthoringError(f"id {problem_id!r} is not allowed: use 2 to 63 lowercase letters, digits and "
                             "hyphens, starting with a letter or digit (for example 'moving-median')")
    if not 1 <= len(title) <= 120:
        raise AuthoringError("the title needs 1 to 120 characters")
    if _id_taken(session, problem_id):
        raise AuthoringError(f"a problem with id {problem_id!r} already exists; choose another id")
    files = scaffold_question(problem_id, title) if kind == "question" else scaffold(problem_id, title)
    problem = AuthoredProblem(problem_id=problem_id, files=files, created_by=user_id, updated_by=user_id)
    session.add(problem)
    session.commit()
    return problem


def _id_taken(session: Session, problem_id: str) -> bool:
    return (session.get(AuthoredProblem, problem_id) is not None
            or session.exec(select(ProblemVersion.id).where(ProblemVersion.problem_id == problem_id)).first()
            is not None or (bank.bank_dir() / problem_id).exists())


def adopt_bank_problem(session: Session, problem_id: str, user_id: int | None) -> AuthoredProblem:
    """Copy the current version of a bank problem into a working copy; from now on the bank sync leaves it alone.

    Raises:
        AuthoringError: No such bank problem, or it is authored here already.
    """
    if session.get(AuthoredProblem, problem_id) is not None:
        raise AuthoringError(f"{problem_id!r} is already edited in the browser")
    version = current_version(session, problem_id)
    if version is None:
        raise AuthoringError(f"no problem {problem_id!r} in the bank")
    problem = AuthoredProblem(problem_id=problem_id, files=dict(session.get(ProblemFiles, version.id).files),
                              state=ProblemState.PUBLISHED, created_by=user_id, updated_by=user_id)
    session.add(problem)
    session.commit()
    return problem


def import_archive(session: Session, data: bytes, filename: str, user_id: int | None,
                   replace: bool = False) -> AuthoredProblem:
    """The package in a zip as a working copy (nothing is stored unless the whole archive is good).

    Raises:
        ArchiveError: Every problem found in the archive.
        AuthoringError: The problem exists and ``replace`` is not set.
    """
    unpacked = archive.unpack(data, filename)
    problem = session.get(AuthoredProblem, unpacked.problem_id)
    if not replace and _id_taken(session, unpacked.problem_id):
        raise AuthoringError(f"a problem with id {unpacked.problem_id!r} already exists; tick 'replace' to "
                             "make the archive its working copy (published versions stay)")
    if problem is None:
        has_versions = current_version(session, unpacked.problem_id) is not None
        problem = AuthoredProblem(problem_id=unpacked.problem_id, files={}, created_by=user_id,
                                  state=ProblemState.PUBLISHED if has_versions else ProblemState.DRAFT)
    _store(session, problem, unpacked.files, user_id)
    return problem


def save_files(session: Session, problem: AuthoredProblem, files: dict, user_id: int | None) -> list[Issue]:
    """Store the working copy as given, however broken, and return every format error and warning.

    Raises:
        AuthoringError: ``files`` is not a mapping of allowed package paths to text, or too large.
    """
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise AuthoringError("files must map package paths to text")
    bad = sorted(path for path in files if not FILE_PATH.match(path))
    if bad:
        raise AuthoringError(f"not a package file: {', '.join(bad)}")
    if len(files) > MAX_FILES or sum(len(text) for text in files.values()) > MAX_TOTAL_CHARS:
        raise AuthoringError(f"the package is too large (at most {MAX_FILES} files, {MAX_TOTAL_CHARS} characters)")
    if is_question(problem) != (QUESTION_FILE in files) or (QUESTION_FILE in files and len(files) > 1):
        raise AuthoringError("a question item's working copy is question.toml alone, and a problem's has none")
    _store(session, problem, files, user_id)
    return format_issues(problem.problem_id, files)


def _store(session: Session, problem: AuthoredProblem, files: dict[str, str], user_id: int | None) -> None:
    problem.files, problem.updated_by, problem.updated_at = dict(files), user_id, utcnow()
    session.add(problem)
    session.commit()


@contextlib.contextmanager
def materialised(problem_id: str, files: dict[str, str]) -> Iterator[Path]:
    """The files written out as a package folder that lives for the ``with`` block."""
    with tempfile.TemporaryDirectory(prefix="techscreen-authoring-") as scratch:
        root = Path(scratch) / problem_id
        write_tree(root, files)
        yield root


def format_issues(problem_id: str, files: dict[str, str]) -> list[Issue]:
    """Every format error (and warning) of the working copy, each with its file and line.

    A path that is not inside the package (stored before paths were checked) is
    an error here, and nothing is written. A question item's working copy is checked as one.
    """
    if QUESTION_FILE in files:
        return question_issues(problem_id, files)
    try:
        with materialised(problem_id, files) as root:
            return list(load_package(root).warnings)
    except ProblemFormatError as error:
        return list(error.issues)


def case_row_errors(files: dict[str, str], file: str, cases: list) -> tuple[dict[int, list[str]], list[str]]:
    """Errors of a test file edited as a table: by row index, and those of no one row.

    The cases are laid out one per line (``case_file``), so each error's line names its row.
    """
    if file not in ("tests/public.json", "tests/hidden.json") or not isinstance(cases, list):
        raise AuthoringError("cases must be a list for tests/public.json or tests/hidden.json")
    try:
        spec = parse_spec(files.get("problem.toml", ""))
    except ProblemFormatError as error:
        return {}, [f"fix problem.toml first: {issue}" for issue in error.issues]
    rows: dict[int, list[str]] = {}
    general = []
    for issue in case_errors(file, case_file(cases), spec, files.get("generator.py", "")):
        index = (issue.line or 0) - 2
        if 0 <= index < len(cases):  # the row is the case: its "case 'name': " would only repeat it
            name = cases[index].get("name") if isinstance(cases[index], dict) else None
            rows.setdefault(index, []).append(issue.message.removeprefix(f"case {name!r}: "))
        else:
            general.append(issue.message)
    names = [case.get("name") for case in cases if isinstance(case, dict)]
    for index, case in enumerate(cases):
        if isinstance(case, dict) and names.count(case.get("name")) > 1:
            rows.setdefault(index, []).append(f"case name {case.get('name')!r} is used twice")
    return rows, general


def publish(session: Session, problem: AuthoredProblem, user_id: int | None) -> ProblemVersion:
    """Record the working copy as the problem's current version (numbered next).

    Raises:
        AuthoringError: No passing Validate of exactly these files.
    """
    files_hash = tree_hash(problem.files)
    if problem.checked_hash != files_hash:
        raise AuthoringError("validate the problem first: publishing needs a passing Validate of the files "
                             "as they are now")
    if not problem.check_report.get("ok"):
        raise AuthoringError("the last Validate failed: fix what it lists and validate again")
    if is_question(problem):
        text = problem.files[QUESTION_FILE]
        version = record_question(session, parse_question(text, problem.problem_id), text, source="authored",
                                  published_by=user_id)
    else:
        try:
            with materialised(problem.problem_id, problem.files) as root:
                package: ProblemPackage = load_package(root)
                version = record_version(session, package, source="authored", published_by=user_id)
        except ProblemFormatError as error:
            raise AuthoringError(f"the working copy cannot be published: {error}") from None
    problem.state = ProblemState.PUBLISHED
    session.add(problem)
    session.commit()
    return version


def validate_question(session: Session, problem: AuthoredProblem, user_id: int | None) -> ValidationRun:
    """Validate a question item's working copy now: a question runs no code, so its check is the format's,
    recorded as a finished ``ValidationRun`` with the report publishing reads, as a problem's Validate is."""
    files_hash = tree_hash(problem.files)
    issues = question_issues(problem.problem_id, problem.files)
    errors = [issue for issue in issues if issue.severity == "error"]
    problem.check_report = {"package": problem.problem_id, "ok": not errors,
                            "errors": [issue.as_json() for issue in errors],
                            "warnings": [issue.as_json() for issue in issues if issue.severity == "warning"],
                            "submissions": []}
    problem.checked_hash = files_hash
    now = utcnow()
    run = ValidationRun(problem_id=problem.problem_id, files_hash=files_hash, status=ValidationStatus.DONE,
                        phase="done", fraction=1.0, message="failed" if errors else "passed", requested_by=user_id,
                        started_at=now, finished_at=now)
    session.add(problem)
    session.add(run)
    session.commit()
    return run


def version_files(session: Session, problem_id: str, number: int) -> dict[str, str]:
    """The files of version ``number`` of the problem.

    Raises:
        AuthoringError: No such version.
    """
    version = session.exec(select(ProblemVersion).where(ProblemVersion.problem_id == problem_id,
                                                        ProblemVersion.number == number)).first()
    if version is None:
        raise AuthoringError(f"{problem_id!r} has no version {number}")
    return session.get(ProblemFiles, version.id).files

