"""The problem bank: package folders under ``problems/`` found by id or path."""

import os
import threading
from pathlib import Path

from sandbox import image
from server.errors import ProblemFormatError, ProblemNotFound
from server.problems.package import ProblemPackage, load_package
from server.questions.item import QUESTION_FILE, QuestionItem, is_question_folder, parse_question

REPOSITORY_BANK = Path(__file__).resolve().parents[2] / "problems"

_loaded: dict[Path, tuple[tuple, ProblemPackage | ProblemFormatError]] = {}
_loaded_lock = threading.Lock()


def bank_dir() -> Path:
    """``TECHSCREEN_PROBLEMS`` if set, else the repository's ``problems/``."""
    return Path(os.environ.get("TECHSCREEN_PROBLEMS") or REPOSITORY_BANK)


def resolve(reference: str) -> Path:
    """The package folder for a bank id or a path.

    Raises:
        ProblemNotFound: Neither a package path nor an id in the bank.
    """
    as_path = Path(reference)
    if (as_path / "problem.toml").is_file() or (as_path.is_dir() and os.sep in reference):
        return as_path
    in_bank = bank_dir() / reference
    if in_bank.is_dir():
        return in_bank
    known = ", ".join(sorted(p.name for p in bank_dir().iterdir() if p.is_dir())) if bank_dir().is_dir() else ""
    raise ProblemNotFound(f"no problem {reference!r}: not a package folder and not in the bank "
                          f"({bank_dir()}){'; known: ' + known if known else ''}")


def load(reference: str) -> ProblemPackage:
    return load_package(resolve(reference))


def _folders() -> list[Path]:
    if not bank_dir().is_dir():
        return []
    return sorted(p for p in bank_dir().iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def list_packages() -> list[tuple[str, ProblemPackage | ProblemFormatError]]:
    """Every problem folder of the bank with its package, or the error that stops it loading (question items,
    the folders holding a ``question.toml``, are ``list_questions``')."""
    return [(folder.name, _load_unless_unchanged(folder)) for folder in _folders()
            if not is_question_folder(folder)]


def list_questions() -> list[tuple[str, tuple[QuestionItem, str] | ProblemFormatError]]:
    """Every question item of the bank with its item and ``question.toml`` text, or the error that stops it
    loading."""
    entries = []
    for folder in _folders():
        if not is_question_folder(folder):
            continue
        text = (folder / QUESTION_FILE).read_text(encoding="utf-8")
        try:
            entries.append((folder.name, (parse_question(text, folder.name), text)))
        except ProblemFormatError as error:
            entries.append((folder.name, error))
    return entries


def images_needed() -> list[str]:
    """The sandbox images the bank's problems run on: always the base one, and ``ml`` when a problem needs it
    (a package that does not load needs nothing)."""
    needed = {image.DEFAULT} | {package.spec.sandbox_image for _, package in list_packages()
                                if isinstance(package, ProblemPackage)}
    return [name for name in image.IMAGES if name in needed]


def _load_unless_unchanged(folder: Path) -> ProblemPackage | ProblemFormatError:
    """The folder's package, or the error that stops it loading, parsed again only when one of its files changed
    (name, size or modification time): every app start syncs the bank, and parsing it takes most of a second."""
    signature = _files_signature(folder)
    with _loaded_lock:
        known = _loaded.get(folder)
    if known is not None and known[0] == signature:
        return known[1]
    try:
        loaded = load_package(folder)
    except ProblemFormatError as error:
        loaded = error
    with _loaded_lock:
        _loaded[folder] = (signature, loaded)
    return loaded


def _files_signature(folder: Path) -> tuple:
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in names:
            stat = os.stat(os.path.join(parent, name))
            found.append((os.path.join(parent, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))
