"""One judged screen for the reviewer's tests, built once per module through the real candidate API and judge.

Four candidates at cosine-similarity (and moving-average, left unsubmitted):
Ada writes her own solution (drafts, a paste, a focus loss, notes that
overclaim O(1)); Bob submits Ada's code renamed and reformatted; Cy an
independent accepted solution; Dee one that forgets the square roots of the
norms. Judging runs on the real Docker engine, four submits in all. Ada, Bob
and Cy then finish; Dee is still working.
"""

import dataclasses
from pathlib import Path

import pytest

from server.app import create_app
from server.db import get_db
from server.models import Submission
from server.services.attempts import create_invite
from server.services.staff import add_screen, add_user
from tests.web.conftest import PASSWORD, wait_done

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "tests" / "fixtures" / "review"
BANK = ROOT / "problems" / "cosine-similarity" / "submissions"
ADA = (CODE / "ada.py").read_text()
BOB = (CODE / "bob.py").read_text()
CY = (BANK / "accepted" / "hypot_normalized.py").read_text()
DEE = (BANK / "wrong_answer" / "squared_norms.py").read_text()
ADA_NOTES = ("## Approach\nScale each vector by its largest absolute value, then one pass computes the dot product "
             "and both norms, so nothing can overflow.\n\nTime O(1), space O(1).\n")
REVIEWERS = ("reviewer@example.com", "second@example.com")
STILL_WORKING = {"Dee"}  # the attempt in progress: a provisional total, no band


@dataclasses.dataclass
class Scenario:
    app: object
    screen_id: int
    versions: list[int]
    tokens: dict[str, str]
    submissions: dict[str, int]
    attempts: dict[str, int]


def build(tmp_path_factory, docker_client) -> Scenario:
    folder = tmp_path_factory.mktemp("review")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TECHSCREEN_CACHE_DIR", str(folder / "cache"))
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder / "instance"), "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False, "JUDGE_WORKERS": 1})
        with app.app_context():
            session = get_db()
            add_user(session, "admin@example.com", "Admin", "admin", PASSWORD)
            add_user(session, "author@example.com", "Author", "author", PASSWORD)
            add_user(session, REVIEWERS[0], "Rita Reviewer", "reviewer", PASSWORD)
            add_user(session, REVIEWERS[1], "Sam Second", "reviewer", PASSWORD)
            screen = add_screen(session, "Backend ML", 30, ["cosine-similarity", "moving-average"])
            tokens = {name: create_invite(session, screen, name, f"{name.lower()}@example.com", 3)[1]
                      for name in ("Ada", "Bob", "Cy", "Dee")}
            screen_id, versions = screen.id, list(screen.problems)
        client = app.test_client()
        submissions = {}
        for name, code, notes in (("Ada", ADA, ADA_NOTES), ("Bob", BOB, "Same idea."), ("Cy", CY, ""),
                                  ("Dee", DEE, "")):
            token = tokens[name]
            assert client.post(f"/invite/{token}/start").status_code == 302
            api = f"/api/candidate/{token}"
            if name == "Ada":
                for draft in ("def cosine_similarity(a, b):\n    pass\n", ADA.split("    dot = 0.0")[0], ADA):
                    assert client.post(f"{api}/problems/{versions[0]}/draft",
                                       json={"code": draft, "notes": "thinking"}).status_code == 200
                for event in ({"kind": "paste", "chars": 512, "lines": 20}, {"kind": "focus_lost"},
                              {"kind": "focus_regained"}):
                    assert client.post(f"{api}/events", json={**event, "problem": versions[0]}).status_code == 201
            queued = client.post(f"{api}/problems/{versions[0]}/submit", json={"code": code, "notes": notes})
            assert queued.status_code == 202, queued.get_json()
            submissions[name] = queued.get_json()["id"]
        for name, submission_id in submissions.items():
            assert wait_done(client, tokens[name], submission_id)["status"] == "done"
        for name in (name for name in tokens if name not in STILL_WORKING):
            assert client.post(f"/invite/{tokens[name]}/finish").status_code == 302
    with app.app_context():
        attempts = {name: get_db().get(Submission, submission_id).attempt_id
                    for name, submission_id in submissions.items()}
    return Scenario(app, screen_id, versions, tokens, submissions, attempts)
