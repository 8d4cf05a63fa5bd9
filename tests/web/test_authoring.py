"""Authoring in the browser: permissions, create, save, case rows, real-sandbox validate, publish, versions, zips."""

import html
import io
import json
import re
import time
import tomllib
import zipfile

import pytest
from sqlmodel import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from server.db import get_db
from server.models import AuthoredProblem, ProblemVersion, Screen, Submission
from server.problems import archive
from server.problems.scaffold import SOLUTION, scaffold
from server.services.attempts import create_invite
from server.services.staff import StaffInputError, add_screen
from tests.crafted_zips import CANARY, crafted, make_zip, package_zip, written_outside
from tests.web.conftest import PASSWORD, csrf_token, login, wait_done

PROBLEM = "count-things"


@pytest.fixture
def author(client, staff):
    login(client, staff["author"])
    return client


def create(client, problem_id=PROBLEM, title="Count things"):
    return client.post("/author/new", data={"id": problem_id, "title": title})


def files_of(app, problem_id=PROBLEM) -> dict:
    with app.app_context():
        return dict(get_db().get(AuthoredProblem, problem_id).files)


def save(client, files, problem_id=PROBLEM):
    return client.post(f"/author/{problem_id}/save", json={"files": files})


def validate(client, problem_id=PROBLEM, timeout=180):
    """Start Validate and poll it to its end, as the page does; returns the last status document."""
    assert client.post(f"/author/{problem_id}/validate").status_code == 202
    phases = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/author/{problem_id}/validate").get_json()
        phases.append(status["progress"]["phase"])
        if status["progress"]["status"] != "running":
            status["phases"] = phases
            return status
        time.sleep(0.2)
    raise AssertionError(f"validation did not finish; phases {phases}")


def versions_of(app, problem_id=PROBLEM):
    with app.app_context():
        return get_db().exec(select(ProblemVersion).where(ProblemVersion.problem_id == problem_id)
                             .order_by(ProblemVersion.number)).all()


@pytest.mark.parametrize("path", ["/author/", "/author/moving-average/"])
def test_anonymous_users_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_reviewers_may_not_author(client, staff):
    login(client, staff["reviewer"])
    assert client.get("/author/").status_code == 403
    assert create(client).status_code == 403
    assert client.post("/author/preview", json={"markdown": "x"}).status_code == 403
    assert client.post("/author/moving-average/adopt").status_code == 403


@pytest.mark.parametrize("role", ["author", "admin"])
def test_authors_and_admins_see_every_problem(client, staff, role):
    login(client, staff[role])
    page = client.get("/author/")
    assert page.status_code == 200
    assert b"moving-average" in page.data and b"cosine-similarity" in page.data and b"Edit in browser" in page.data
    assert b"Problems" in client.get("/admin/").data  # the nav link


def test_create_scaffolds_a_draft_and_refuses_bad_or_taken_ids(app, author):
    response = create(author)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/author/{PROBLEM}/")
    page = author.get(f"/author/{PROBLEM}/")
    assert page.status_code == 200 and b"Count things" in page.data and b"draft" in page.data
    assert set(files_of(app)) >= {"problem.toml", "statement.md", "starter.py", "solution.py", "generator.py",
                                  "tests/public.json", "tests/hidden.json", "submissions/accepted/plain.py"}
    listing = author.get("/author/").data.decode()
    assert re.search(rf'data-problem="{PROBLEM}".*?draft.*?not validated', listing, re.S)
    bad = create(author, "Bad_Id", "Kept title")
    assert bad.status_code == 400 and b"is not allowed" in bad.data and b'value="Kept title"' in bad.data
    for taken in (PROBLEM, "moving-average"):
        again = create(author, taken)
        assert again.status_code == 400 and b"already exists" in again.data
    assert len(versions_of(app)) == 0


def test_save_keeps_what_was_typed_and_lists_every_error_with_file_and_line(app, author):
    create(author)
    files = files_of(app)
    files["problem.toml"] = files["problem.toml"].replace("[limits]", "colour = \"blue\"\n\n[limits]")
    files["tests/public.json"] = ('[\n  {"name": "example", "args": [[1]], "expected": 1},\n'
                                  '  {"name": "x", "args": 3}\n]\n')
    files["solution.py"] = "def count_positive(values):\n    return (\n"
    response = save(author, files)
    assert response.status_code == 200
    issues = {(i["file"], i["line"], i["message"]) for i in response.get_json()["issues"] if i["severity"] == "error"}
    assert ("problem.toml", 9, "colour: unknown key") in issues
    assert ("solution.py", 2, "syntax error: '(' was never closed") in issues
    assert files_of(app) == files  # stored exactly as typed, errors and all
    page = author.get(f"/author/{PROBLEM}/").data.decode()
    assert "colour" in page and "problem.toml:9" in page
    status = validate(author)
    assert status["validation"] == "failed" and status["report"]["submissions"] == []
    assert {(e["file"], e["line"]) for e in status["report"]["errors"]} >= {("problem.toml", 9), ("solution.py", 2)}
    files["problem.toml"] = files["problem.toml"].replace('colour = "blue"', "")
    issues = save(author, files).get_json()["issues"]
    assert {(i["file"], i["line"]) for i in issues} == {("solution.py", 2), ("tests/public.json", 3)}
    assert save(author, {"../escape.py": "x"}).status_code == 400


def test_table_rows_are_validated_through_the_case_model(app, author):
    create(author)
    cases = [{"name": "fine", "args": [[1, 2]], "expected": 2},
             {"name": "no-expected", "args": [[1]]},
             {"name": "bad group", "args": [[1]], "expected": 1},
             {"name": "hidden-group", "args": [[1]], "expected": 1, "group": "performance"},
             {"name": "fine", "args": [[3]], "expected": 1}]
    response = author.post(f"/author/{PROBLEM}/cases", json={"file": "tests/public.json", "cases": cases})
    rows = response.get_json()["rows"]
    assert rows["0"] == rows["4"] == ["case name 'fine' is used twice"]
    # Each row's errors, readable, without the "case 'name': " that only repeats the row.
    assert rows["1"] == ["needs 'expected' or 'raises'"]
    assert rows["2"] == ["name: use 1 to 64 letters, digits, '_', '.' or '-' (no spaces)"]
    assert rows["3"] == ["group 'performance' does not fit this file; use 'example' (or none)"]
    broken_toml = author.post(f"/author/{PROBLEM}/cases", json={"file": "tests/public.json", "cases": cases,
                                                                "files": {"problem.toml": "id = "}})
    assert broken_toml.get_json()["general"][0].startswith("fix problem.toml first")


def test_markdown_preview_is_rendered_and_sanitised(author):
    html = author.post("/author/preview", json={"markdown": "# Hi\n\n<script>x()</script>`code`"}).get_json()["html"]
    assert "<h1>Hi</h1>" in html and "<script>" not in html and "<code>code</code>" in html


def test_the_preview_ends_with_the_allowed_imports_of_problem_toml(author):
    def preview(toml):
        return author.post("/author/preview", json={"markdown": "# Hi\n", "toml": toml}).get_json()["html"]

    listed = preview('[imports]\nallowed = ["math", "__future__", "numpy"]\n')
    assert listed.endswith("<h2>Allowed imports</h2>\n<p><code>math</code>, <code>numpy</code></p>\n")
    assert "<code>collections</code>" in preview('title = "no imports table"\n')  # the default allow-list
    assert "built-in functions only" in preview("[imports]\nallowed = []\n")
    for unreadable in ("[imports\n", "[imports]\nallowed = [1]\n"):
        assert preview(unreadable) == "<h1>Hi</h1>\n"  # the Markdown alone until problem.toml reads
    assert author.post("/author/preview", json={"markdown": "# Hi\n"}).get_json()["html"] == "<h1>Hi</h1>\n"
    refused = author.post("/author/preview", json={"markdown": "x", "toml": 3})
    assert refused.status_code == 400 and "toml" in refused.get_json()["message"]


def test_publish_needs_a_passing_validate_of_the_files_as_they_are(app, author):
    create(author)
    refused = author.post(f"/author/{PROBLEM}/publish", follow_redirects=True)
    assert b"validate the problem first" in refused.data and versions_of(app) == []
    with app.app_context(), pytest.raises(StaffInputError, match="is a draft: publish it"):
        add_screen(get_db(), "Too early", 30, [PROBLEM])


@pytest.mark.sqlite_only
def test_a_failing_validate_names_the_failing_test_and_the_misjudged_submission(app, author):
    create(author)
    files = files_of(app)
    save(author, dict(files, **{"solution.py": files["solution.py"].replace("value > 0", "value >= 0")}))
    status = validate(author)
    assert status["validation"] == "failed" and not status["report"]["ok"]
    reference = next(s for s in status["report"]["submissions"] if s["name"] == "solution.py")
    assert not reference["ok"] and "public case example: wrong_answer" in " ".join(reference["problems"])
    save(author, dict(files, **{"submissions/wrong_answer/actually_right.py": SOLUTION}))
    status = validate(author)
    checks = {s["name"]: s for s in status["report"]["submissions"]}
    assert checks["solution.py"]["ok"] and not status["report"]["ok"]
    assert (checks["wrong_answer/actually_right.py"]["got"], checks["wrong_answer/actually_right.py"]["ok"]) == \
        ("accepted", False)
    refused = author.post(f"/author/{PROBLEM}/publish", follow_redirects=True)
    assert b"the last Validate failed" in refused.data and versions_of(app) == []


@pytest.mark.sqlite_only
def test_validate_publish_edit_and_publish_again_keeps_earlier_screens_on_their_version(app, author, staff):
    create(author)
    status = validate(author)
    assert status["validation"] == "passed", status["report"]
    assert status["phases"][-1] == "done" and len(status["phases"]) > 1  # progress was seen while it ran
    reference = next(s for s in status["report"]["submissions"] if s["name"] == "solution.py")
    assert reference["complexity"].startswith("measured O(n) vs target O(n)")
    published = author.post(f"/author/{PROBLEM}/publish", follow_redirects=True)
    assert b"version 1" in published.data
    [first] = versions_of(app)
    assert first.number == 1 and first.source == "authored" and first.current
    with app.app_context():
        screen = add_screen(get_db(), "Authored screen", 30, [PROBLEM])
        _, token = create_invite(get_db(), screen, "Ada", "ada@example.com", 3)
    candidate = app.test_client()
    candidate.post(f"/invite/{token}/start")
    queued = candidate.post(f"/api/candidate/{token}/problems/{first.id}/submit",
                            json={"code": SOLUTION, "notes": "One pass."}).get_json()
    assert wait_done(candidate, token, queued["id"])["verdict"] == "accepted"

    files = files_of(app)
    files["statement.md"] = files["statement.md"].replace("greater than zero", "strictly positive")
    save(author, files)
    assert "published, unpublished changes" in author.get("/author/").data.decode()
    assert b"validate the problem first" in author.post(f"/author/{PROBLEM}/publish", follow_redirects=True).data
    assert validate(author)["validation"] == "passed"
    assert b"version 2" in author.post(f"/author/{PROBLEM}/publish", follow_redirects=True).data
    first, second = versions_of(app)
    assert (first.current, second.current, second.number) == (False, True, 2)
    with app.app_context():
        assert get_db().get(Screen, screen.id).problems == [first.id]
        assert get_db().get(Submission, queued["id"]).problem_version_id == first.id
        assert add_screen(get_db(), "New screen", 30, [PROBLEM]).problems == [second.id]
    old_page = candidate.get(f"/invite/{token}/problem/0")
    assert b"greater than zero" in old_page.data and b"strictly positive" not in old_page.data
    history = author.get(f"/author/{PROBLEM}/").data.decode()
    assert "v1" in history and "v2" in history and f"/author/{PROBLEM}/versions/1.zip" in history
    assert history.count(">passed<") == 2 and staff["author"] in history  # both Validates, who asked for them
    with zipfile.ZipFile(io.BytesIO(author.get(f"/author/{PROBLEM}/versions/1.zip").data)) as old:
        assert "greater than zero" in old.read(f"{PROBLEM}/statement.md").decode()


def test_a_bank_problem_is_edited_in_the_browser_from_its_current_version(app, author):
    assert author.post("/author/moving-average/adopt").status_code == 302
    page = author.get("/author/moving-average/")
    assert page.status_code == 200 and b"published" in page.data
    [version] = versions_of(app, "moving-average")
    with app.app_context():
        from server.models import ProblemFiles
        assert files_of(app, "moving-average") == get_db().get(ProblemFiles, version.id).files
    assert b"already edited" in author.post("/author/moving-average/adopt", follow_redirects=True).data


def test_zip_export_and_import_roundtrip(app, author):
    create(author)
    exported = author.get(f"/author/{PROBLEM}/export.zip")
    assert exported.mimetype == "application/zip"
    unpacked = archive.unpack(exported.data)
    assert unpacked.problem_id == PROBLEM and unpacked.files == files_of(app)
    upload = {"archive": (io.BytesIO(exported.data), "count.zip")}
    refused = author.post("/author/import", data=upload, content_type="multipart/form-data", follow_redirects=True)
    assert b"already exists" in refused.data
    changed = dict(unpacked.files, **{"statement.md": "# Count things\n\nChanged in the zip.\n"})
    upload = {"archive": (io.BytesIO(archive.pack(PROBLEM, changed)), "count.zip"), "replace": "on"}
    replaced = author.post("/author/import", data=upload, content_type="multipart/form-data")
    assert replaced.status_code == 302 and files_of(app)["statement.md"].endswith("Changed in the zip.\n")
    fresh = dict(changed, **{"problem.toml": changed["problem.toml"].replace(PROBLEM, "fresh-one")})
    upload = {"archive": (io.BytesIO(archive.pack("fresh-one", fresh)), "fresh.zip")}
    assert author.post("/author/import", data=upload, content_type="multipart/form-data").status_code == 302
    assert files_of(app, "fresh-one") == fresh


def test_a_malformed_zip_lists_every_problem_and_imports_nothing(app, author):
    create(author)
    good = archive.unpack(author.get(f"/author/{PROBLEM}/export.zip").data).files
    good["problem.toml"] = good["problem.toml"].replace('difficulty = "easy"', "difficulty = 3")
    entries = [(f"other/{name}", text, 0o100644) for name, text in good.items()]
    entries += [("../escape.py", "x", 0o100644), ("/etc/absolute.py", "x", 0o100644),
                ("other/link.py", "/etc/passwd", 0o120777), ("other/latin1.md", b"caf\xe9", 0o100644),
                ("other/binary.so", b"\x7fELF", 0o100644), ("second/problem.toml", "", 0o100644)]
    before = author.get("/author/").data.count(b"data-problem=")
    response = author.post("/author/import", data={"archive": (io.BytesIO(make_zip(entries)), "bad.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    text = response.data.decode()
    for expected in ("../escape.py", "/etc/absolute.py", "other/link.py: error: a symbolic link",
                     "other/latin1.md: error: not UTF-8", "other/binary.so", "exactly one package folder"):
        assert expected in text, expected
    response = author.post("/author/import", data={"archive": (io.BytesIO(make_zip(entries[:-5])), "bad.zip")},
                           content_type="multipart/form-data")
    assert "other/problem.toml:3: error: difficulty" in response.data.decode()
    not_zip = author.post("/author/import", data={"archive": (io.BytesIO(b"PK not really"), "x.zip")},
                          content_type="multipart/form-data")
    assert b"not a zip archive" in not_zip.data
    assert author.get("/author/").data.count(b"data-problem=") == before
    with app.app_context():
        assert get_db().get(AuthoredProblem, "other") is None


def import_zip(client, data: bytes, **form):
    """POST the import form, encoded in memory (the test client would leave a large body's temporary file open)."""
    boundary, body = encode_multipart({"archive": FileStorage(io.BytesIO(data), "up.zip"), **form})
    return client.post("/author/import", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_no_crafted_entry_is_written_outside_by_an_import_accepted_or_refused(app, author, tmp_path):
    """Each style with a package that loads (such imports went through) and one that does not."""
    outside = tmp_path / "outside"
    outside.mkdir()
    good = scaffold("crafted", "Crafted")
    broken = dict(good, **{"solution.py": "def count_positive(:\n"})
    for case in crafted("crafted", outside):
        for package in (good, broken):
            response = import_zip(author, package_zip("crafted", package, case.entries))
            assert response.status_code == 400 and case.issue in html.unescape(response.data.decode()), case.style
            assert written_outside(outside) == [], case.style
    assert import_zip(author, package_zip("crafted", good)).status_code == 302  # the same package, plain
    assert files_of(app, "crafted") == good and written_outside(outside) == []


def test_a_stored_working_copy_with_a_path_outside_is_never_written_out(app, author, tmp_path):
    """Working copies imported before paths were checked may hold an absolute key; no page writes it."""
    canary = tmp_path / CANARY
    with app.app_context():
        session = get_db()
        session.add(AuthoredProblem(problem_id="planted", files={**scaffold("planted", "Planted"),
                                                                 str(canary): "print('planted')\n"}))
        session.commit()
    page = author.get("/author/planted/")
    assert page.status_code == 200 and "absolute path; paths must be relative" in page.data.decode()
    assert not canary.exists()
    report = validate(author, "planted")["report"]
    assert report["ok"] is False and [error["file"] for error in report["errors"]] == [str(canary)]
    exported = author.get("/author/planted/export.zip", follow_redirects=True)
    assert exported.mimetype == "text/html" and "Cannot export" in exported.data.decode()
    assert not canary.exists()


def test_an_archive_up_to_the_archive_limit_imports_through_the_form(make_app, staff):
    """The page's own body limit follows the archive limit; the CSRF check must not cut it at the app-wide one."""
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    client.post("/auth/login", data={"email": staff["author"], "password": PASSWORD,
                                     "csrf_token": csrf_token(client.get("/auth/login").data)})
    token = csrf_token(client.get("/author/").data)
    readme = "".join(f"{index:x}-{index * 7919 % 104729:x}\n" for index in range(200_000))[:archive.MAX_FILE_BYTES]
    data = package_zip("big-one", dict(scaffold("big-one", "Big one"), **{"README.md": readme}))
    assert 2**20 < len(data) < archive.MAX_ARCHIVE_BYTES
    response = import_zip(client, data, csrf_token=token)
    assert response.status_code == 302 and response.location == "/author/big-one/"
    over = import_zip(client, b"PK" + b"\0" * archive.MAX_ARCHIVE_BYTES, csrf_token=token)
    assert over.status_code == 400 and f"the limit is {archive.MAX_ARCHIVE_BYTES}" in over.data.decode()
    huge = import_zip(client, b"PK" + b"\0" * 2 * archive.MAX_ARCHIVE_BYTES, csrf_token=token)
    assert huge.status_code == 413
    assert "this page accepts a problem archive of at most 4 MiB" in huge.data.decode()
    typed = client.post("/author/preview", json={"markdown": "x" * 600_000}, headers={"X-CSRFToken": token})
    assert typed.status_code == 413 and "this page accepts at most 512 KiB" in typed.data.decode()


def test_the_validation_report_is_json_the_page_can_show(app, author):
    create(author)
    status = author.get(f"/author/{PROBLEM}/validate").get_json()
    assert status == {"progress": None, "report": None, "checked_hash": None, "validation": "not validated"}
    assert json.loads(re.search(r'id="initial-report">(.*?)</script>',
                                author.get(f"/author/{PROBLEM}/").data.decode()).group(1)) is None


def test_the_settings_form_edits_problem_toml_in_place(app, author):
    create(author)
    text = files_of(app)["problem.toml"].replace("cpu_seconds = 1", "cpu_seconds = 1  # generous")
    read = author.post(f"/author/{PROBLEM}/settings", json={"toml": text}).get_json()
    assert read["values"]["limits.cpu_seconds"] == "1" and read["values"]["imports.allowed"].startswith("math, ")
    typed = {"limits.cpu_seconds": "2.5", "checker.type": "float", "checker.rel_tol": "1e-6",
             "imports.allowed": "math, statistics", "complexity.target": "O(n log n)", "scoring.efficiency": "30"}
    applied = author.post(f"/author/{PROBLEM}/settings", json={"toml": text, "values": typed}).get_json()
    assert "cpu_seconds = 2.5  # generous" in applied["toml"] and 'allowed = ["math", "statistics"]' in applied["toml"]
    assert "[[narration.points]]" in applied["toml"] and applied["values"]["checker.rel_tol"] == "1e-06"
    issues = save(author, dict(files_of(app), **{"problem.toml": applied["toml"]})).get_json()["issues"]
    assert [i for i in issues if i["severity"] == "error"] == []
    bad = author.post(f"/author/{PROBLEM}/settings", json={"toml": text, "values": {
        "limits.memory_mb": "lots", "limits.cpu_seconds": "nan", "title": ""}})
    assert bad.status_code == 400
    assert bad.get_json()["message"] == ("Title: required; CPU seconds per test: 'nan' is not a finite number; "
                                         "Memory (MB): 'lots' is not a whole number")


def test_the_rubric_form_rewrites_the_narration_points(app, author):
    create(author)
    text = files_of(app)["problem.toml"]
    read = author.post(f"/author/{PROBLEM}/settings", json={"toml": text}).get_json()
    assert read["rubric"] == [{"id": "single-pass", "description": "Counts in one pass over the values",
                               "weight": "1", "phrases": "one pass\nsingle pass\neach value once"}]
    rubric = [dict(read["rubric"][0], weight="2"),
              {"id": "empty-input", "description": "Says what an empty list gives", "weight": "0.5",
               "phrases": "empty list\n  no values  \n"}]
    applied = author.post(f"/author/{PROBLEM}/settings", json={"toml": text, "rubric": rubric}).get_json()
    points = tomllib.loads(applied["toml"])["narration"]["points"]
    assert [(p["id"], p["weight"], p["phrases"]) for p in points] == [
        ("single-pass", 2, ["one pass", "single pass", "each value once"]),
        ("empty-input", 0.5, ["empty list", "no values"])]
    assert applied["toml"].split("[[narration.points]]")[0] == text.split("[[narration.points]]")[0]
    issues = save(author, dict(files_of(app), **{"problem.toml": applied["toml"]})).get_json()["issues"]
    assert [i for i in issues if i["severity"] == "error"] == []
    bad = author.post(f"/author/{PROBLEM}/settings", json={"toml": text, "values": {"limits.memory_mb": "lots"},
                                                           "rubric": [rubric[0], {"id": "Bad Id", "weight": "0",
                                                                                  "phrases": "x"}, rubric[0]]})
    assert bad.status_code == 400
    assert bad.get_json()["message"] == (
        "Memory (MB): 'lots' is not a whole number; Rubric point 2: id must be lower-case letters, digits and "
        "dashes, description is required, weight must be more than 0, phrase 'x' is shorter than 2 characters; "
        "Rubric point 3: id 'single-pass' is used twice")
    assert author.post(f"/author/{PROBLEM}/settings", json={"toml": text, "rubric": "none"}).status_code == 400
