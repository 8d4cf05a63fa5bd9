"""The zip format of a package: roundtrip, and every kind of bad archive refused with each problem named."""

import io
import stat
import zipfile

import pytest

from server.errors import ArchiveError
from server.problems import archive
from server.problems.scaffold import scaffold
from server.problems.tree import read_tree, tree_hash
from tests.crafted_zips import CANARY, crafted, make_zip, written_outside

FILES = scaffold("zip-me", "Zip me")


def package_entries(folder="zip-me", files=FILES):
    return [(f"{folder}/{name}", text, stat.S_IFREG | 0o644) for name, text in files.items()]


def refused(data) -> list[str]:
    with pytest.raises(ArchiveError) as caught:
        archive.unpack(data, "up.zip")
    return [str(issue) for issue in caught.value.issues]


def test_pack_and_unpack_roundtrip_byte_for_byte(fixture_problems):
    files = read_tree(fixture_problems / "add-two")
    data = archive.pack("add-two", files)
    assert data == archive.pack("add-two", dict(reversed(list(files.items()))))  # deterministic
    unpacked = archive.unpack(data)
    assert unpacked.problem_id == "add-two" and unpacked.files == files
    assert tree_hash(unpacked.files) == tree_hash(files)
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())[0] == "add-two/generator.py"


def test_folder_entries_and_mac_debris_are_ignored():
    entries = [("zip-me/", b"", stat.S_IFDIR | 0o755)] + package_entries() + [
        ("__MACOSX/zip-me/._problem.toml", b"\x00\x05", 0o644), ("zip-me/.DS_Store", b"\x00", 0o644)]
    assert archive.unpack(make_zip(entries)).files == FILES


def test_not_a_zip():
    assert refused(b"hello") == ["up.zip: error: not a zip archive (File is not a zip file)"]


def test_every_unsafe_entry_is_listed_at_once():
    entries = package_entries() + [
        ("zip-me/../../evil.py", "x", 0o644), ("/abs/olute.py", "x", 0o644), ("C:/win.py", "x", 0o644),
        ("zip-me/link.py", "/etc/passwd", stat.S_IFLNK | 0o777), ("zip-me/bytes.md", b"\xff\xfe", 0o644),
        ("zip-me/program.exe", b"MZ", 0o644)]
    issues = refused(make_zip(entries))
    assert issues == [
        "zip-me/../../evil.py: error: '.' or '..' in the path; paths must name files inside the package folder",
        "/abs/olute.py: error: absolute path; paths must be relative to the package folder",
        "C:/win.py: error: backslash or colon (a Windows path or drive letter); paths use / between plain names",
        "zip-me/link.py: error: a symbolic link; a package holds only plain files",
        "zip-me/bytes.md: error: not UTF-8 text (invalid start byte at byte 0)",
        "zip-me/program.exe: error: not a package file (allowed: .py, .md, .toml, .json, .txt)",
    ]


def test_a_zip_bomb_stops_at_the_limit_without_inflating_it():
    bomb = b"0" * (archive.MAX_FILE_BYTES * 20)
    data = make_zip(package_entries() + [("zip-me/README.md", bomb, 0o644)], zipfile.ZIP_DEFLATED)
    assert len(data) < 100_000
    assert refused(data) == [f"zip-me/README.md: error: larger than {archive.MAX_FILE_BYTES} bytes uncompressed "
                             "(the limit per file)"]


def test_the_total_size_and_the_number_of_files_are_capped():
    chunk = "# x\n" * (archive.MAX_FILE_BYTES // 4 - 1)
    many = package_entries() + [(f"zip-me/submissions/accepted/s{i}.py", chunk, 0o644) for i in range(10)]
    assert any("add up to more than" in issue for issue in refused(make_zip(many, zipfile.ZIP_DEFLATED)))
    crowd = package_entries() + [(f"zip-me/submissions/accepted/s{i}.py", "", 0o644)
                                 for i in range(archive.MAX_FILES)]
    assert refused(make_zip(crowd))[0] == f"archive: error: {len(crowd)} entries; the limit is {archive.MAX_FILES}"


def test_a_name_given_twice_is_refused():
    data = make_zip(package_entries() + [("zip-me/starter.py", "other", 0o644)])
    assert refused(data) == ["zip-me/starter.py: error: appears twice in the archive"]


def test_exactly_one_package_folder():
    two = package_entries() + package_entries("other")
    assert "the archive must hold exactly one package folder; found 2: other, zip-me" in refused(make_zip(two))[-1]
    loose = [(name.split("/", 1)[1], text, mode) for name, text, mode in package_entries()]
    issues = refused(make_zip(loose))
    assert issues[0].startswith("generator.py, problem.toml, solution.py, starter.py, statement.md: error: outside")
    assert issues[1].endswith("exactly one package folder; found 2: submissions, tests")


def test_the_package_inside_must_load_and_every_format_error_names_its_file_and_line():
    broken = dict(FILES, **{"problem.toml": FILES["problem.toml"].replace('difficulty = "easy"', "difficulty = 3"),
                            "solution.py": "def count_positive(:\n"})
    del broken["generator.py"]
    issues = refused(make_zip(package_entries(files=broken)))
    assert "zip-me/generator.py: error: missing file" in issues
    assert "zip-me/solution.py:1: error: syntax error: invalid syntax" in issues
    assert any(issue.startswith("zip-me/problem.toml:3: error: difficulty") for issue in issues)
    renamed = refused(make_zip(package_entries("not-its-id")))
    assert any("differs from the folder name 'not-its-id'" in issue for issue in renamed)


BROKEN = dict(FILES, **{"solution.py": "def count_positive(:\n"})


@pytest.mark.parametrize("style", [case.style for case in crafted("zip-me", "/outside")])
@pytest.mark.parametrize("package", [FILES, BROKEN], ids=["good package", "broken package"])
def test_a_crafted_entry_is_refused_and_nothing_is_written_outside(tmp_path, style, package):
    """A package that loads (it was imported) or not (refused, yet written): either way, refused, nothing written."""
    outside = tmp_path / "outside"
    outside.mkdir()
    [case] = [case for case in crafted("zip-me", outside) if case.style == style]
    issues = refused(make_zip(package_entries(files=package) + list(case.entries)))
    assert any(case.issue in issue for issue in issues), issues
    assert written_outside(outside) == []


def test_a_refused_name_is_shown_with_its_control_characters_escaped(tmp_path):
    [nul] = [case for case in crafted("zip-me", tmp_path) if case.style == "NUL"]
    issues = refused(make_zip(package_entries() + list(nul.entries)))
    assert issues[0].startswith(f"zip-me/{CANARY}\\x00/../../") and "\x00" not in issues[0]


def test_unusual_but_plain_names_are_accepted(tmp_path):
    """The path rules refuse only what can leave or alias a file: spaces, dots and accents pass."""
    extra = {"notes/ça va.md": "x", "tests/more.data.json": "[]", ".hidden.txt": "y", "a" * 90 + ".md": "z"}
    assert archive.unpack(make_zip(package_entries(files={**FILES, **extra}))).files == {**FILES, **extra}
