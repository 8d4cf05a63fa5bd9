"""Find the Debian mirror this machine's apt already uses (never a hard-coded host)."""

import os
from pathlib import Path

from sandbox.errors import ImageBuildError

SOURCES_FILE = Path("/etc/apt/sources.list")
SOURCES_DIR = Path("/etc/apt/sources.list.d")


def _one_line_entries(text: str):
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 3 and words[0] == "deb":
            if words[1].startswith("["):  # options such as [arch=amd64 signed-by=...]
                while words and not words[0].endswith("]"):
                    words.pop(0)
                words.pop(0)
                words.insert(0, "deb")
            if len(words) >= 3:
                yield words[1], words[2:3]


def _deb822_entries(text: str):
    for stanza in text.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            if ":" in line and not line.startswith((" ", "#")):
                key, _, value = line.partition(":")
                fields[key.strip().lower()] = value.split()
        if "deb" in fields.get("types", []) and fields.get("enabled", ["yes"]) != ["no"]:
            for uri in fields.get("uris", []):
                yield uri, fields.get("suites", [])


def apt_entries(sources_file: Path = SOURCES_FILE, sources_dir: Path = SOURCES_DIR):
    """Yield (uri, suites) for every enabled ``deb`` source apt reads."""
    if sources_file.is_file():
        yield from _one_line_entries(sources_file.read_text())
    if sources_dir.is_dir():
        for path in sorted(sources_dir.iterdir()):
            if path.suffix == ".list":
                yield from _one_line_entries(path.read_text())
            elif path.suffix == ".sources":
                yield from _deb822_entries(path.read_text())


def debian_mirror(suite: str, entries=None) -> str:
    """Return the mirror URI to debootstrap ``suite`` from.

    ``TECHSCREEN_DEBIAN_MIRROR`` wins; otherwise the first apt source that
    serves the suite itself, else the first non-security Debian source.

    Raises:
        ImageBuildError: No usable mirror is configured.
    """
    override = os.environ.get("TECHSCREEN_DEBIAN_MIRROR")
    if override:
        return override
    entries = list(apt_entries() if entries is None else entries)
    for uri, suites in entries:
        if suite in suites:
            return uri
    for uri, _ in entries:
        if "security" not in uri and uri.rstrip("/").endswith("/debian"):
            return uri
    raise ImageBuildError(
        f"No Debian mirror found in {SOURCES_FILE} or {SOURCES_DIR}; "
        "set TECHSCREEN_DEBIAN_MIRROR to a Debian mirror URL.")
