"""A package as a plain ``{relative path: text}`` mapping: read from a folder, written to one, hashed.

Versions in the database, authored working copies and zip archives all hold a
package this way; the hash equals ``content_hash`` of the folder it is written to.
"""

import hashlib
import shutil
from pathlib import Path

TEXT_SUFFIXES = (".py", ".md", ".toml", ".json", ".txt")


def read_tree(root: Path) -> dict[str, str]:
    """Every text file of the package, by its path relative to the package."""
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts}


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write the files beside ``root`` and rename into place, so a half-written package is never seen.

    ``root`` must not exist yet.
    """
    staging = root.with_name("." + root.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for relative, text in files.items():
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    staging.rename(root)


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
