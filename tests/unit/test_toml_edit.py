"""Setting values in problem.toml in place keeps comments and everything not set."""

import tomllib

from server.problems.toml_edit import set_table_array, set_values

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


def test_a_table_array_is_replaced_where_it_stood():
    text = TEXT + "\n[[narration.points]]  # second\nid = \"q\"\n\n[scoring]\ncorrectness = 1\n"
    edited = set_table_array(text, "narration.points", [{"id": "one-pass", "weight": 1, "phrases": ["one pass"]}])
    assert edited.startswith(TEXT.split("[[narration.points]]")[0])
    assert edited.index("[[narration.points]]") < edited.index("[scoring]")
    data = tomllib.loads(edited)
    assert data["narration"]["points"] == [{"id": "one-pass", "weight": 1, "phrases": ["one pass"]}]
    assert data["scoring"] == {"correctness": 1} and data["limits"]["cpu_seconds"] == 1
    assert "narration" not in tomllib.loads(set_table_array(text, "narration.points", []))


def test_a_table_array_is_added_at_the_end_when_missing():
    edited = set_table_array('id = "x"\n\n', "narration.points", [{"id": "p"}])
    assert edited == 'id = "x"\n\n[[narration.points]]\nid = "p"\n'
