"""Writing a package's files: only keys that name a file inside the folder, never through a link."""

import threading

import pytest

from server.errors import ProblemFormatError
from server.problems.tree import path_problem, read_tree, write_file_inside, write_tree

BAD_KEYS = ["", "{outside}/abs.py", "/{outside}/abs.py", "tests//public.json", "tests/", "../up.py",
            "tests/../../up.py", "./x.py", "tests/./x.py", "tests\\public.json", "C:x.py", "tests/C:x.py",
            "x\x00.py", "x\n.py", "x\t.py", "\u202ex.py", "x\u200b.py", "a" * 101 + ".py", "d/" * 130 + "x.py"]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_a_key_that_is_not_a_plain_path_inside_is_refused_before_anything_is_written(tmp_path, key):
    outside = tmp_path / "outside"
    outside.mkdir()
    key = key.replace("{outside}", str(outside))
    with pytest.raises(ProblemFormatError) as caught:
        write_tree(tmp_path / "pkg", {"problem.toml": "", key: "x"})
    assert [(issue.file, issue.message) for issue in caught.value.issues] == [(key, path_problem(key))]
    assert sorted(tmp_path.rglob("*")) == [outside]  # not even the staging folder


def test_plain_keys_are_written_inside_and_read_back(tmp_path):
    files = {"problem.toml": "id = 'x'\n", "tests/public.json": "[]", "submissions/accepted/ça.py": "pass\n"}
    write_tree(tmp_path / "pkg", files)
    assert read_tree(tmp_path / "pkg") == files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


def test_a_file_is_never_written_through_a_link(tmp_path):
    folder, outside = tmp_path / "pkg", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "tests").symlink_to(outside)
    (folder / "starter.py").symlink_to(outside / "starter.py")
    for relative in ("tests/public.json", "starter.py"):
        with pytest.raises(OSError, match="resolves outside the package folder"):
            write_file_inside(folder, relative, b"x")
    assert list(outside.iterdir()) == []


def test_a_planted_staging_link_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / ".pkg.partial").symlink_to(outside)  # the staging folder's name when it was fixed
    write_tree(tmp_path / "pkg", {"problem.toml": ""})  # staged in a folder of its own, made new
    assert list(outside.iterdir()) == [] and read_tree(tmp_path / "pkg") == {"problem.toml": ""}


def test_writers_of_the_same_package_at_once_leave_it_whole(tmp_path):
    """Web processes and workers sharing an instance folder materialise a version on its first use. They
    shared one staging folder, each emptying it for itself: a candidate's first page of a screen answered 500
    (FileExistsError in another process's half-written copy) under the throughput bench's load."""
    files = {f"tests/case_{n}.json": f"[{n}]" for n in range(200)} | {"problem.toml": "id = 'x'\n"}
    for round_number in range(5):
        root = tmp_path / f"round{round_number}" / "pkg"
        assert sorted(written_at_once(root, files, 4)) == ["found it written"] * 3 + ["wrote"]
        assert read_tree(root) == files
        assert [p.name for p in root.parent.iterdir()] == ["pkg"]  # no staging copy left


def written_at_once(root, files, writers: int) -> list[str]:
    """What each of ``writers`` threads, started together, got from writing ``files`` to ``root``."""
    barrier, outcomes = threading.Barrier(writers), []

    def write():
        barrier.wait()
        try:
            write_tree(root, files)
            outcomes.append("wrote")
        except FileExistsError:
            outcomes.append("found it written")
        except OSError as error:
            outcomes.append(repr(error))

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
