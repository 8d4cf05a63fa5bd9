"""Setting values in problem.toml in place keeps comments and everything not set."""

import tomllib

from server.problems.toml_edit import set_values

TEXT = """# A comment the author wants kept
id = "x"

[limits]
cpu_seconds = 1  # one second
memory_mb = 256

[[narration.points]]
id = "p"
"""


def test_values_are_replaced_added_and_removed_in_place():
    edited = set_values(TEXT, {("limits", "cpu_seconds"): 2, ("limits", "memory_mb"): None,
                               ("limits", "output_kb"): 64, (None, "title"): 'Say "hi"',
                               ("checker", "type"): "exact", ("imports", "allowed"): ["math", "re"]})
    assert edited.startswith("# A comment the author wants kept\n")
    assert "cpu_seconds = 2  # one second" in edited and "memory_mb" not in edited
    data = tomllib.loads(edited)
    assert data["title"] == 'Say "hi"' and data["limits"] == {"cpu_seconds": 2, "output_kb": 64}
    assert data["checker"] == {"type": "exact"} and data["imports"]["allowed"] == ["math", "re"]
    assert data["narration"]["points"] == [{"id": "p"}]


def test_setting_nothing_changes_nothing():
    assert set_values(TEXT, {}) == TEXT
