"""What candidates see of a submit is the screen's setting; never the band, the components or the reasons."""

import json

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import CandidateFeedback, Screen, Submission
from server.problems.bank import load
from server.services.attempts import create_invite
from server.services.staff import add_screen
from tests.web.candidate_walk import walk_candidate_endpoints
from tests.web.conftest import login

NOTES = "## Approach\nOne pass accumulates the dot product and both squared norms.\n\nTime O(n), space O(1)."
STAFF_ONLY_KEYS = {"band", "components", "reasons", "complexity", "narration", "quality"}


def keys_in(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in keys_in(item)}
    if isinstance(value, list):
        return {key for item in value for key in keys_in(item)}
    return set()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("feedback", list(CandidateFeedback))
def test_candidates_see_what_the_screen_allows_and_never_a_recommendation(app, client, feedback):
    with app.app_context():
        screen = add_screen(get_db(), "Screen", 30, ["cosine-similarity"], candidate_feedback=feedback)
        _, token = create_invite(get_db(), screen, "Ada", "ada@example.com", 3)
        version = screen.problems[0]
    walk = walk_candidate_endpoints(client, token, [version], [load("cosine-similarity").solution], NOTES)
    with app.app_context():
        submission = get_db().get(Submission, walk.submissions[0])
    assert submission.band and submission.report["score"]["reasons"]  # there is a recommendation to keep back
    [view] = walk.views()
    assert view["verdict"] == submission.verdict and view["hidden"]["total"] > 0
    if feedback == CandidateFeedback.SCORE:
        assert view["score"] == {"total": submission.score}
    else:
        assert "score" not in view
    assert keys_in(view) & STAFF_ONLY_KEYS == set()
    text = walk.text()
    assert json.dumps(submission.band) not in text and f">{submission.band}<" not in text
    assert [r["text"] for r in submission.report["score"]["reasons"] if r["text"] in text] == []


def test_staff_choose_what_candidates_see_when_creating_and_editing_a_screen(app, client, staff):
    login(client, staff["author"])
    created = client.post("/admin/screens", data={"name": "Scored", "minutes": "60", "problems": ["cosine-similarity"],
                                                  "candidate_feedback": "score"}, follow_redirects=True)
    assert b"Created screen" in created.data
    with app.app_context():
        screen = get_db().exec(select(Screen).where(Screen.name == "Scored")).one()
        assert screen.candidate_feedback == CandidateFeedback.SCORE
    url = f"/admin/screens/{screen.id}/candidate-feedback"
    edited = client.post(url, data={"candidate_feedback": "verdict"}, follow_redirects=True)
    assert b"Candidates at Scored now see the verdict and hidden-test counts" in edited.data
    bad = client.post(url, data={"candidate_feedback": "band"}, follow_redirects=True)
    assert b"candidate_feedback" in bad.data and b"is not one of verdict, score" in bad.data
    assert client.post("/admin/screens/999/candidate-feedback", data={"candidate_feedback": "score"}).status_code == 404
    unscored = client.post("/admin/screens", data={"name": "Default", "minutes": "60",
                                                   "problems": ["cosine-similarity"]})
    assert unscored.status_code == 302
    with app.app_context():
        screens = {s.name: s.candidate_feedback for s in get_db().exec(select(Screen))}
    assert screens == {"Scored": CandidateFeedback.VERDICT, "Default": CandidateFeedback.VERDICT}
    client.post("/auth/logout")
    login(client, staff["reviewer"])
    assert client.post(url, data={"candidate_feedback": "score"}).status_code == 403
