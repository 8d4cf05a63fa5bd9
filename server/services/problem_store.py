"""Problem versions in the database: synced from the bank, pinned by content hash.

A version keeps every file of its package, so it can be materialised again
(under the instance folder) and judged exactly as it was, whatever the bank
holds now.
"""

import contextlib
import functools
import threading
from pathlib import Path

from sqlmodel import Session, func, select

from server.errors import ProblemFormatError
from server.models import AuthoredProblem, ProblemFiles, ProblemVersion
from server.problems import bank
from server.problems.package import ProblemPackage, load_package
from server.problems.tree import read_tree as package_files
from server.problems.tree import tree_hash, write_tree
from server.questions.item import QUESTION_FILE, QuestionItem, parse_question

_LOADED: dict[tuple[str, str, str], ProblemPackage] = {}
_LOADED_LOCK = threading.Lock()


def sync_bank(session: Session) -> list[str]:
    """Record the bank's current version of every valid package; returns the problems that failed to load.

    Problems authored in the browser are the browser's: the bank neither replaces nor retires them.
    """
    failed = []
    current_ids = set()
    authored = set(session.exec(select(AuthoredProblem.problem_id)))
    for name, loaded in bank.list_packages():
        if isinstance(loaded, ProblemFormatError):
            failed.append(f"{name}: {loaded}")
            continue
        if loaded.id not in authored:
            current_ids.add(record_version(session, loaded).id)
    for name, loaded in bank.list_questions():
        if isinstance(loaded, ProblemFormatError):
            failed.append(f"{name}: {loaded}")
            continue
        item, text = loaded
        if item.id not in authored:
            current_ids.add(record_question(session, item, text).id)
    for version in session.exec(select(ProblemVersion).where(ProblemVersion.current,
                                                             ProblemVersion.source == "bank")):
        if version.id not in current_ids and version.problem_id not in authored:
            version.current = False
            session.add(version)
    session.commit()
    return failed


def record_version(session: Session, package: ProblemPackage, source: str = "bank",
                   published_by: int | None = None) -> ProblemVersion:
    """Make ``package`` the current version of its problem, recording it (numbered next) if it is new.

    The caller commits.
    """
    return _record(session, ProblemVersion(
        problem_id=package.id, content_hash=package.content_hash, title=package.spec.title,
        difficulty=package.spec.difficulty, minutes=package.spec.time_limit_minutes, source=source,
        published_by=published_by), lambda: package_files(package.path))


def record_question(session: Session, item: QuestionItem, text: str, source: str = "bank",
                    published_by: int | None = None) -> ProblemVersion:
    """Make this ``question.toml`` the current version of its question item, as ``record_version`` does for a
    problem package. The caller commits."""
    files = {QUESTION_FILE: text}
    return _record(session, ProblemVersion(
        problem_id=item.id, content_hash=tree_hash(files), title=item.title, difficulty=item.difficulty,
        minutes=0, kind="question", source=source, published_by=published_by), lambda: files)


def _record(session: Session, candidate: ProblemVersion, files) -> ProblemVersion:
    """``candidate`` numbered next and stored with ``files()`` unless its content hash is recorded already;
    then current, and every other version of its problem not."""
    found = session.exec(select(ProblemVersion).where(ProblemVersion.problem_id == candidate.problem_id,
                                                      ProblemVersion.content_hash == candidate.content_hash)).first()
    if found is None:
        latest = session.exec(select(func.max(ProblemVersion.number))
                              .where(ProblemVersion.problem_id == candidate.problem_id)).one()
        candidate.number = (latest or 0) + 1
        found = candidate
        session.add(found)
        session.flush()
        session.add(ProblemFiles(version_id=found.id, files=files()))
    for older in session.exec(select(ProblemVersion).where(ProblemVersion.problem_id == candidate.problem_id,
                                                           ProblemVersion.current)):
        older.current = False
        session.add(older)
    found.current = True
    session.add(found)
    session.flush()
    return found


def current_versions(session: Session) -> list[ProblemVersion]:
    return list(session.exec(select(ProblemVersion).where(ProblemVersion.current).order_by(ProblemVersion.problem_id)))


def load_question(session: Session, version: ProblemVersion) -> QuestionItem:
    """The question item of exactly this version (a question version's files are its ``question.toml``)."""
    return _parsed_question(session.get(ProblemFiles, version.id).files[QUESTION_FILE])


@functools.lru_cache(maxsize=512)
def _parsed_question(text: str) -> QuestionItem:
    return parse_question(text)


def load_version(session: Session, version: ProblemVersion, instance: Path) -> ProblemPackage:
    """The package of exactly this version, materialised under ``instance/packages`` once and then cached.

    Keyed by the content hash, so the hot paths (lint as you type, every page) neither hash nor write
    the package's files again.
    """
    key = (str(instance), version.problem_id, version.content_hash)
    with _LOADED_LOCK:
        if key not in _LOADED:
            root = Path(instance) / "packages" / version.content_hash / version.problem_id
            if not (root / "problem.toml").is_file():
                with contextlib.suppress(FileExistsError):  # written meanwhile by another process: the same files
                    write_tree(root, session.get(ProblemFiles, version.id).files)
            _LOADED[key] = load_package(root)
        return _LOADED[key]
