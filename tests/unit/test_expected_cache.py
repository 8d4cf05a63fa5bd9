"""Reference results are parsed once per cache version, not on every judging."""

import json

from server.judge import expected


def test_a_cache_file_is_parsed_once_per_version(tmp_path):
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"perf": [[1, "a", "b"]] * 1000}))
    first, second = expected._read_cache(path), expected._read_cache(path)
    assert first == second and first["perf"] is second["perf"]  # the parsed value is reused
    first["new"] = 1
    assert "new" not in expected._read_cache(path)  # callers' additions stay theirs
    path.write_text(json.dumps({"perf": [[2, "c", "d"]]}))
    assert expected._read_cache(path) == {"perf": [[2, "c", "d"]]}  # a new version is read again


def test_an_unreadable_cache_is_empty(tmp_path):
    (tmp_path / "bad.json").write_text("[1, 2")
    assert expected._read_cache(tmp_path / "bad.json") == {} == expected._read_cache(tmp_path / "missing.json")
