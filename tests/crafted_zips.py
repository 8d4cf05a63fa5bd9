"""Zip archives of a package with one crafted entry each, aimed outside the package folder.

Shared by the tests of every importer (``archive.unpack``, the web import, the
CLI import): each must refuse every one and write nothing outside its folder.
The target is a canary ``sitecustomize.py`` in a folder the test owns (a
planted ``sitecustomize.py`` runs in every later Python process).
"""

import dataclasses
import io
import stat
import unicodedata
import warnings
import zipfile
from pathlib import Path

CANARY = "sitecustomize.py"
FILE = stat.S_IFREG | 0o644
LINK = stat.S_IFLNK | 0o777
NUL_STANDIN = "\x01"  # zipfile cuts a name at NUL when writing; the bytes are swapped for NUL afterwards


@dataclasses.dataclass(frozen=True)
class Crafted:
    """One style of crafted entry: its entries (name, data, mode) and the issue the importer must report."""

    style: str
    entries: tuple[tuple[str, str, int], ...]
    issue: str


def crafted(root: str, outside: Path) -> list[Crafted]:
    """Every style, for a package folder ``root``; those that can aim at a place aim at ``outside/CANARY``."""
    target = f"{outside}/{CANARY}"  # absolute
    climb = "../" * 40 + target.lstrip("/")
    code = "print('planted')\n"
    return [
        Crafted("root//absolute", ((f"{root}/{target}", code, FILE),), "empty name in the path"),
        Crafted("root/../", ((f"{root}/{climb}", code, FILE),), "'.' or '..' in the path"),
        Crafted("/absolute", ((target, code, FILE),), "absolute path"),
        Crafted("backslash", ((f"{root}/tests\\{CANARY}", code, FILE),), "backslash or colon"),
        Crafted("backslash climb", ((f"{root}/..\\..\\{CANARY}", code, FILE),), "backslash or colon"),
        Crafted("drive letter", ((f"C:{root}/{CANARY}", code, FILE),), "backslash or colon"),
        Crafted("drive-relative", ((f"{root}/C:{CANARY}", code, FILE),), "backslash or colon"),
        Crafted("root/./", ((f"{root}/./{CANARY}", code, FILE),), "'.' or '..' in the path"),
        Crafted("empty part", ((f"{root}/tests//{CANARY}", code, FILE),), "empty name in the path"),
        Crafted("NUL", ((f"{root}/{CANARY}{NUL_STANDIN}/{climb}", code, FILE),), "control or invisible character"),
        Crafted("newline", ((f"{root}/tests\n/{CANARY}", code, FILE),), "control or invisible character"),
        Crafted("bidi override", ((f"{root}/\u202eyp.{CANARY}", code, FILE),), "control or invisible character"),
        Crafted("long name", ((f"{root}/{'a' * 300}.py", code, FILE),), "path too long"),
        Crafted("long path", ((f"{root}/{'d/' * 150}{CANARY}", code, FILE),), "path too long"),
        Crafted("symlink", ((f"{root}/linked", str(outside), LINK), (f"{root}/linked/{CANARY}", code, FILE)),
                "a symbolic link"),
        Crafted("symlinked file", ((f"{root}/{CANARY}", target, LINK),), "a symbolic link"),
        Crafted("twice up to case", ((f"{root}/README.md", "a", FILE), (f"{root}/readme.md", "b", FILE)),
                f"the same file as {root}/README.md"),
        Crafted("twice up to Unicode form", ((f"{root}/{unicodedata.normalize('NFC', 'café.md')}", "a", FILE),
                                             (f"{root}/{unicodedata.normalize('NFD', 'café.md')}", "b", FILE)),
                "the names differ only in letter case or Unicode form"),
    ]


def make_zip(entries, compression=zipfile.ZIP_STORED) -> bytes:
    """``entries``: (name, bytes or str, mode bits) each; ``NUL_STANDIN`` in a name becomes a NUL byte."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns when a name is written twice
        with zipfile.ZipFile(buffer, "w", compression) as handle:
            for name, data, mode in entries:
                info = zipfile.ZipInfo(name)
                info.external_attr = mode << 16
                info.compress_type = compression
                handle.writestr(info, data)
    data = buffer.getvalue()
    for name, _, _ in entries:
        if NUL_STANDIN in name:
            data = data.replace(name.encode(), name.replace(NUL_STANDIN, "\x00").encode())
    return data


def package_zip(root: str, files: dict[str, str], extra=()) -> bytes:
    """The package ``files`` in folder ``root``, plus the ``extra`` entries."""
    return make_zip([(f"{root}/{name}", text, FILE) for name, text in files.items()] + list(extra))


def written_outside(outside: Path) -> list[Path]:
    """What an importer wrote where it must not: anything in ``outside``, or a canary anywhere below it."""
    return sorted(outside.rglob("*")) + sorted(outside.parent.rglob(CANARY))
