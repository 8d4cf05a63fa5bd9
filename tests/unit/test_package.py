"""Strict validation: every error names its file and line, and all are reported at once."""

import shutil

import pytest

from server.errors import ProblemFormatError
from server.problems.package import load_package


@pytest.fixture
def package_dir(tmp_path, fixture_problems):
    target = tmp_path / "add-two"
    shutil.copytree(fixture_problems / "add-two", target)
    return target


def errors_of(path):
    with pytest.raises(ProblemFormatError) as raised:
        load_package(path)
    return [str(issue) for issue in raised.value.issues]


def test_the_fixture_loads(package_dir):
    package = load_package(package_dir)
    assert package.id == "add-two"
    assert [c.name for c in package.public_cases] == ["small"]
    assert [c.visibility for c in package.hidden_cases] == ["hidden", "hidden"]
    assert len(package.content_hash) == 64


def test_content_hash_changes_with_any_file(package_dir):
    before = load_package(package_dir).content_hash
    (package_dir / "statement.md").write_text("# Add\n\nChanged.\n")
    assert load_package(package_dir).content_hash != before


def test_unknown_key_in_toml_names_its_line(package_dir):
    toml = package_dir / "problem.toml"
    toml.write_text(toml.read_text().replace("memory_mb = 128", "memory_mb = 128\nswap_mb = 5"))
    assert any(e.startswith("problem.toml:13: error: limits.swap_mb: unknown key") for e in errors_of(package_dir))


def test_wrong_type_and_missing_table(package_dir):
    toml = package_dir / "problem.toml"
    text = toml.read_text().replace('kind = "function"', 'kind = "lambda"')
    toml.write_text(text.replace('[checker]\ntype = "exact"\n', ""))
    errors = errors_of(package_dir)
    assert any(e.startswith("problem.toml:6: error: kind:") for e in errors), errors
    assert any("checker: required key is missing" in e for e in errors), errors


def test_invalid_toml_reports_its_position(package_dir):
    (package_dir / "problem.toml").write_text('id = "add-two"\ntitle = \n')
    assert any("problem.toml: error: not valid TOML" in e and "line 2" in e for e in errors_of(package_dir))


def test_missing_files_are_listed_together(package_dir):
    (package_dir / "generator.py").unlink()
    (package_dir / "tests" / "hidden.json").unlink()
    errors = errors_of(package_dir)
    assert "generator.py: error: missing file" in errors
    assert "tests/hidden.json: error: missing file" in errors


def test_malformed_case_names_file_and_line(package_dir):
    (package_dir / "tests" / "hidden.json").write_text(
        '[\n  {"name": "ok", "args": [1, 2], "expected": 3},\n'
        '  {"name": "bad",\n   "args": [1, 2],\n   "expectd": 3}\n]\n')
    errors = errors_of(package_dir)
    assert "tests/hidden.json:5: error: case 'bad': expectd: unknown key" in errors
    (package_dir / "tests" / "public.json").write_text('[\n  {"name": "small",\n   "args": [1, 2]}\n]\n')
    assert "tests/public.json:2: error: case 'small': needs 'expected' or 'raises'" in errors_of(package_dir)


def test_broken_json_reports_line(package_dir):
    (package_dir / "tests" / "public.json").write_text('[\n  {"name": "x", "args": [1, 2], "expected": 3,}\n]')
    assert any(e.startswith("tests/public.json:2: error: not valid JSON") for e in errors_of(package_dir))


@pytest.mark.parametrize("case, fragment", [
    ('{"name": "a", "init": [1], "calls": [], "expected": []}', "'init' does not apply to a function problem"),
    ('{"name": "a", "args": [1], "raises": "NoSuchError"}', "'NoSuchError' is not a builtin exception"),
    ('{"name": "a", "args": [1], "expected": 1, "group": "example"}', "does not fit this file"),
    ('{"name": "a", "args": [1], "generate": {"n": 1, "seed": 1}}', "either 'generate' or literal input"),
    ('{"name": "a b", "args": [1], "expected": 1}', "name:"),
    ('{"name": "a", "args": [1], "expected": 1, "weight": 0}', "weight:"),
    ('{"name": "a", "args": [1], "expected": 1, "hidden": true}', "unknown key 'hidden'"),
    ('{"name": "negative", "args": [1, 1], "expected": 2}', "used twice"),
    ('{"name": "a", "args": [{"$ndarray": {"dtype": "float64", "shape": [3], "data": [1]}}], "expected": 1}',
     "'args' at [0]: a typed array of shape [3]: its data at depth 0 is not all lists of 3 items"),
    ('{"name": "a", "args": [1], "expected": {"$ndarray": {"dtype": "str", "shape": [], "data": "x"}}}',
     "'expected': a typed array has dtype 'str'"),
    ('{"name": "a", "args": [{"$dataframe": {"columns": ["x"], "dtypes": ["int64"], "index": [0, 1], '
     '"data": [[1], [2.5]]}}], "expected": 1}',
     "'args' at [0]: a typed DataFrame whose column 'x' of dtype int64 holds floats, not only integers"),
    ('{"name": "a", "args": [1], "expected": {"$series": {"name": null, "dtype": "float64", "index": [0], '
     '"data": [1.0]}}}', "'expected' holds a DataFrame or Series, which needs pandas: only the ml image has it"),
])
def test_case_rules(package_dir, case, fragment):
    hidden = package_dir / "tests" / "hidden.json"
    hidden.write_text(hidden.read_text().replace("[\n", "[\n  " + case + ",\n", 1))
    assert any(fragment in e for e in errors_of(package_dir)), errors_of(package_dir)


def test_unknown_submission_folder_and_missing_entry_point(package_dir):
    (package_dir / "submissions" / "partially").mkdir()
    (package_dir / "solution.py").write_text("def plus(a, b):\n    return a + b\n")
    errors = errors_of(package_dir)
    assert any(e.startswith("submissions/partially: error: unknown folder") for e in errors)
    assert "solution.py: error: does not define `add` at the top level" in errors


def test_syntax_error_in_python_file(package_dir):
    (package_dir / "generator.py").write_text("def generate(n, rng):\n    return [\n")
    assert any(e.startswith("generator.py:2: error: syntax error") for e in errors_of(package_dir))


def test_id_must_match_folder(tmp_path, package_dir):
    renamed = package_dir.rename(tmp_path / "other-name")
    assert any("differs from the folder name 'other-name'" in e for e in errors_of(renamed))


def test_unknown_files_are_warnings_not_errors(package_dir):
    (package_dir / "notes.txt").write_text("scratch")
    package = load_package(package_dir)
    assert [str(w) for w in package.warnings] == ["notes.txt: warning: unknown file in the package (ignored)"]


def test_the_sandbox_image_is_base_unless_asked_for_or_implied_by_the_imports(package_dir):
    toml = package_dir / "problem.toml"
    assert load_package(package_dir).spec.sandbox_image == "base"
    original = toml.read_text()
    toml.write_text(original.replace('time_limit_minutes = 5', 'time_limit_minutes = 5\nimage = "ml"'))
    assert load_package(package_dir).spec.sandbox_image == "ml"
    toml.write_text(original.replace('"numpy",', '"numpy", "torch",'))
    assert load_package(package_dir).spec.sandbox_image == "ml"


def test_the_image_key_is_validated(package_dir):
    toml = package_dir / "problem.toml"
    original = toml.read_text()
    toml.write_text(original.replace("time_limit_minutes = 5", 'time_limit_minutes = 5\nimage = "gpu"'))
    assert "problem.toml:9: error: image: Input should be 'base' or 'ml'" in errors_of(package_dir)
    toml.write_text(original.replace("time_limit_minutes = 5", 'time_limit_minutes = 5\nimage = "base"')
                    .replace('"numpy",', '"numpy", "pandas",'))
    assert any('image = "base" has no pandas: use image = "ml"' in e for e in errors_of(package_dir))
