"""A package as a plain ``{relative path: text}`` mapping: read from a folder, written to one, hashed.

Versions in the database, authored working copies and zip archives all hold a
package this way; the hash equals ``content_hash`` of the folder it is written to.
A key names a file inside the package only if ``path_problem`` finds nothing
wrong with it, and ``write_tree`` writes nothing unless every key passes, so a
key from an archive or from the database can never reach outside the folder.
"""

import errno
import hashlib
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

from server.errors import Issue, ProblemFormatError

TEXT_SUFFIXES = (".py", ".md", ".toml", ".json", ".txt")
MAX_NAME_BYTES = 100  # one folder or file name, in UTF-8
MAX_PATH_BYTES = 240  # the whole relative path, in UTF-8


def path_problem(relative: str) -> str | None:
    """Why ``relative`` cannot name a file inside a package folder, or None.

    Accepted: plain names joined by single ``/``; no empty, ``.`` or ``..`` name,
    nothing absolute, no backslash or colon (Windows separators and drive
    letters), no control or invisible characters, nothing too long.
    """
    if not relative:
        return "empty path"
    if relative.startswith("/"):
        return "absolute path; paths must be relative to the package folder"
    if "\\" in relative or ":" in relative:
        return "backslash or colon (a Windows path or drive letter); paths use / between plain names"
    if any(unicodedata.category(char).startswith("C") for char in relative):
        return "control or invisible character in the path (NUL, tab, newline, ...)"
    names = relative.split("/")
    if "" in names:
        return "empty name in the path (// or a trailing /)"
    if "." in names or ".." in names:
        return "'.' or '..' in the path; paths must name files inside the package folder"
    if len(relative.encode()) > MAX_PATH_BYTES or any(len(name.encode()) > MAX_NAME_BYTES for name in names):
        return f"path too long (at most {MAX_NAME_BYTES} bytes a name, {MAX_PATH_BYTES} in all)"
    return None


def require_paths_inside(package: str, files: dict[str, str]) -> None:
    """Check every key of ``files`` before any is written out (to a folder or a zip).

    Raises:
        ProblemFormatError: Naming each key that is not a path inside the package.
    """
    unsafe = [Issue(relative, None, problem) for relative in files if (problem := path_problem(relative))]
    if unsafe:
        raise ProblemFormatError(package, unsafe)


def same_name_key(relative: str) -> str:
    """Paths with equal keys name the same file on a case-insensitive or Unicode-normalising file system."""
    return unicodedata.normalize("NFC", relative).casefold()


def read_tree(root: Path) -> dict[str, str]:
    """Every text file of the package, by its path relative to the package."""
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts}


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write the files beside ``root`` and rename into place, so a half-written package is never seen.

    ``root`` must not exist yet. Every file is created new inside a staging
    folder of this call's own, never through a link: processes writing the
    same package at once (web processes and workers sharing an instance
    folder) each write their own copy, and the first rename wins.

    Raises:
        ProblemFormatError: Some keys are not paths inside the package (nothing is written).
        FileExistsError: ``root`` exists (another writer renamed its copy into place first); nothing is left.
        OSError: A file could not be written inside the folder.
    """
    require_paths_inside(root.name, files)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.partial-", dir=root.parent))
    try:
        inside = staging.resolve(strict=True)
        for relative, text in files.items():
            write_file_inside(inside, relative, text.encode("utf-8"))
        try:
            staging.rename(root)
        except OSError as error:
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            raise FileExistsError(errno.EEXIST, "already written", str(root)) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_file_inside(folder: Path, relative: str, data: bytes) -> None:
    """Create ``folder/relative`` (and its folders) anew, refusing anything that resolves outside ``folder``."""
    target = folder.joinpath(*relative.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or not target.resolve().is_relative_to(folder):
        raise OSError(f"{relative}: resolves outside the package folder")
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def hash_entries(entries: dict[str, bytes]) -> str:
    """SHA-256 over every (relative path, bytes), in the order ``sorted`` gives the paths as ``Path``s."""
    hasher = hashlib.sha256()
    for relative in sorted(entries, key=lambda name: name.split("/")):
        name, data = relative.encode(), entries[relative]
        hasher.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def tree_hash(files: dict[str, str]) -> str:
    """The content hash the package gets once ``files`` are written out."""
    return hash_entries({relative: text.encode("utf-8") for relative, text in files.items()})
