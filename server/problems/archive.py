"""The zip format of a problem package or question item: one folder ``<id>/`` holding it (docs/authoring.md).

``unpack`` trusts nothing in the archive: it refuses every path that is not
plain names joined by ``/`` (``tree.path_problem``), two names for one file
(differing only in case or Unicode form), links, too many or too large files
(counted uncompressed, as read, so a zip bomb stops at the limit), text that is
not UTF-8 and archives with other than one package folder, and it loads the
package (in a scratch folder) to gather every format error. It either returns
the whole package or raises with every problem found.
"""

import dataclasses
import io
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from server.errors import ArchiveError, Issue, ProblemFormatError
from server.problems.package import load_package
from server.problems.tree import TEXT_SUFFIXES, path_problem, require_paths_inside, same_name_key, write_tree
from server.questions.item import QUESTION_FILE, question_issues

MAX_ARCHIVE_BYTES = 4 * 1024 * 1024
MAX_FILES = 200
MAX_FILE_BYTES = 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024
IGNORED_NAMES = ("__MACOSX", ".DS_Store", "__pycache__")
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclasses.dataclass(frozen=True)
class Unpacked:
    """A package read from an archive and loaded without error."""

    problem_id: str
    files: dict[str, str]


def pack(problem_id: str, files: dict[str, str]) -> bytes:
    """The zip of a package: ``<problem_id>/<path>`` per file, byte-identical for identical files.

    Raises:
        ProblemFormatError: A key is not a path inside the package (nothing is packed).
    """
    require_paths_inside(problem_id, files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in sorted(files):
            info = zipfile.ZipInfo(f"{problem_id}/{relative}", date_time=_EPOCH)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[relative].encode("utf-8"))
    return buffer.getvalue()


def unpack(data: bytes, name: str = "archive.zip") -> Unpacked:
    """The package in ``data``, checked in full.

    Raises:
        ArchiveError: With every problem found, each naming the file in the archive.
    """
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ArchiveError(name, [Issue(name, None, f"the archive is {len(data)} bytes; the limit is "
                                                    f"{MAX_ARCHIVE_BYTES}")])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ArchiveError(name, [Issue(name, None, f"not a zip archive ({error})")]) from None
    with archive:
        issues, texts = _read_entries(archive)
    loose = sorted(path for path in texts if "/" not in path)
    if loose:
        issues.append(Issue(", ".join(loose), None, "outside the package folder: the archive must hold one "
                                                    "folder <id>/ with the package inside"))
    folders = sorted({path.split("/")[0] for path in texts if "/" in path})
    if len(folders) != 1:
        found = f"found {len(folders)}: {', '.join(folders)}" if folders else "found none"
        issues.append(Issue(name, None, f"the archive must hold exactly one package folder; {found}"))
        raise ArchiveError(name, issues)
    problem_id = folders[0]
    files = {path.split("/", 1)[1]: text for path, text in texts.items() if path.startswith(problem_id + "/")}
    issues += _package_issues(problem_id, files)
    if issues:
        raise ArchiveError(name, issues)
    return Unpacked(problem_id, files)


def _read_entries(archive: zipfile.ZipFile) -> tuple[list[Issue], dict[str, str]]:
    """The text of every acceptable member, and an issue for every other one."""
    issues, texts, total, seen = [], {}, 0, {}
    members = [info for info in archive.infolist() if not _ignored(info.filename)]
    if len(members) > MAX_FILES:
        issues.append(Issue("archive", None, f"{len(members)} entries; the limit is {MAX_FILES}"))
        members = members[:MAX_FILES]
    for info in members:
        path = info.filename
        problem = _path_problem(info)
        if problem:
            issues.append(Issue(_shown(info.orig_filename), None, problem))
            continue
        if info.is_dir():
            continue
        twin = seen.setdefault(same_name_key(path), path)
        if twin != path or path in texts:
            issues.append(Issue(path, None, "appears twice in the archive" if twin == path else
                                f"the same file as {twin} (the names differ only in letter case or Unicode form)"))
            continue
        budget = min(MAX_FILE_BYTES, MAX_TOTAL_BYTES - total)
        try:
            with archive.open(info) as member:
                raw = member.read(budget + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
            issues.append(Issue(path, None, f"cannot be read: {error}"))
            continue
        if len(raw) > budget:
            if budget < MAX_FILE_BYTES:
                issues.append(Issue(path, None, f"the files add up to more than {MAX_TOTAL_BYTES} bytes "
                                                "uncompressed (the limit in all)"))
                break
            issues.append(Issue(path, None, f"larger than {MAX_FILE_BYTES} bytes uncompressed (the limit per file)"))
            continue
        total += len(raw)
        try:
            texts[path] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            issues.append(Issue(path, None, f"not UTF-8 text ({error.reason} at byte {error.start})"))
    return issues, texts


def _ignored(path: str) -> bool:
    return any(part in IGNORED_NAMES for part in path.split("/")) or path.endswith(".pyc")


def _path_problem(info: zipfile.ZipInfo) -> str | None:
    """Why this member cannot be part of a package, or None."""
    path = info.orig_filename  # zipfile cuts ``filename`` at a NUL; the name as stored is what is checked
    unsafe = path_problem(path.removesuffix("/") if info.is_dir() else path)
    if unsafe:
        return unsafe
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link; a package holds only plain files"
    if info.flag_bits & 0x1:
        return "encrypted; a package archive is not encrypted"
    if not info.is_dir() and PurePosixPath(path).suffix not in TEXT_SUFFIXES:
        return f"not a package file (allowed: {', '.join(TEXT_SUFFIXES)})"
    return None


def _shown(name: str) -> str:
    """The name with control and invisible characters escaped, fit to print."""
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in name)


def _package_issues(problem_id: str, files: dict[str, str]) -> list[Issue]:
    """Every format error of the package (a question item: of its ``question.toml``) once written out, named by
    its path in the archive."""
    if QUESTION_FILE in files:
        return [dataclasses.replace(issue, file=f"{problem_id}/{issue.file}")
                for issue in question_issues(problem_id, files)]
    with tempfile.TemporaryDirectory(prefix="techscreen-import-") as scratch:
        root = Path(scratch) / problem_id
        try:
            write_tree(root, files)
            load_package(root)
        except ProblemFormatError as error:
            return [dataclasses.replace(issue, file=f"{problem_id}/{issue.file}") for issue in error.issues]
        except (OSError, ValueError) as error:
            return [Issue(problem_id, None, f"cannot be written out: {error}")]
    return []
