"""Question items end to end through the web app: authored, validated and published as problems are, placed in
a screen beside a coding problem, answered by the candidate (options shuffled per attempt), scored, and shown to
reviewers and the integration API."""

import csv
import io
import re

import pytest
import schemathesis
from sqlmodel import select

from server.cli import main
from server.cli.web_commands import DEMO_SCREEN
from server.db import get_db
from server.models import (
    Attempt,
    AttemptState,
    ProblemVersion,
    QuestionAnswer,
    Screen,
    Submission,
    SubmissionStatus,
    User,
    ValidationRun,
    utcnow,
)
from server.questions.order import option_order
from server.services.answers import answer_of, save_answer, set_reviewer_score
from server.services.attempts import create_invite
from server.services.problem_store import load_question
from server.services.results import attempt_result, attempt_totals, record_fluency
from server.services.staff import add_screen
from tests.web.api_support import bearer, issue_token
from tests.web.conftest import cli_environment, login

ITEM = "q-recall-at-k"
QUESTION = '''id = "q-recall-at-k"
title = "Recall at k"
format = "multiple"
topic = "ranking"
points = 2
prompt = "Which are true of recall@k?"
explanation = "Recall@k counts relevant items found in the top k; it never decreases as k grows."

[[options]]
text = "It never decreases as k grows"
correct = true

[[options]]
text = "It ignores the order within the top k"
correct = true

[[options]]
text = "It is always at least precision@k"

[[options]]
text = "It needs graded relevance labels"
'''


@pytest.fixture
def author(client, staff):
    login(client, staff["author"])
    return client


def publish_item(client, text=QUESTION, problem_id=ITEM):
    assert client.post("/author/new", data={"id": problem_id, "title": "Recall at k", "kind": "question"}
                       ).status_code == 302
    assert client.post(f"/author/{problem_id}/question", data={"question": text}).status_code == 302
    assert client.post(f"/author/{problem_id}/question/validate").status_code == 302
    assert client.post(f"/author/{problem_id}/publish").status_code == 302


def test_a_question_item_is_saved_validated_and_published_as_versions(app, author):
    assert author.post("/author/new", data={"id": ITEM, "title": "Recall at k", "kind": "question"}).status_code == 302
    listed = author.get("/author/").get_data(as_text=True)
    assert re.search(r'data-problem="q-recall-at-k">.*?Recall at k <span class="muted">\(question item\)', listed, re.S)
    assert re.search(r'data-problem="q-mrr">.*?\(question item\).*?\(bank\)', listed, re.S)
    page = author.get(f"/author/{ITEM}/").get_data(as_text=True)
    assert 'id="question-text"' in page and "The correct option" in page  # the scaffold, shown as reviewers see it

    broken = QUESTION.replace('correct = true\n\n[[options]]\ntext = "It ignores', '\n[[options]]\ntext = "It ignores')
    broken = broken.replace('format = "multiple"', 'format = "single"').replace("points = 2", "points = 2\ncolour = 1")
    author.post(f"/author/{ITEM}/question", data={"question": broken})
    page = author.get(f"/author/{ITEM}/").get_data(as_text=True)
    assert "question.toml:6</span> colour: unknown key" in page
    author.post(f"/author/{ITEM}/question/validate")
    author.post(f"/author/{ITEM}/publish")
    with app.app_context():
        assert get_db().exec(select(ProblemVersion).where(ProblemVersion.problem_id == ITEM)).all() == []

    author.post(f"/author/{ITEM}/question", data={"question": QUESTION})
    page = author.get(f"/author/{ITEM}/").get_data(as_text=True)
    assert "validation: out of date" in page and re.search(r'id="publish"\s+disabled', page)
    author.post(f"/author/{ITEM}/question/validate")
    assert "Published q-recall-at-k version 1" in author.post(f"/author/{ITEM}/publish", follow_redirects=True
                                                               ).get_data(as_text=True)
    author.post(f"/author/{ITEM}/question", data={"question": QUESTION.replace("points = 2", "points = 3")})
    author.post(f"/author/{ITEM}/validate")  # the JSON Validate of the problem page takes a question too
    author.post(f"/author/{ITEM}/publish")
    with app.app_context():
        versions = get_db().exec(select(ProblemVersion).where(ProblemVersion.problem_id == ITEM)
                                 .order_by(ProblemVersion.number)).all()
        assert [(v.number, v.kind, v.source, v.current) for v in versions] == [
            (1, "question", "authored", False), (2, "question", "authored", True)]
        assert [run.message for run in get_db().exec(select(ValidationRun).order_by(ValidationRun.id))] == [
            "failed", "passed", "passed"]


def test_a_question_working_copy_takes_question_toml_alone(author):
    author.post("/author/new", data={"id": ITEM, "title": "Recall at k", "kind": "question"})
    response = author.post(f"/author/{ITEM}/save", json={"files": {"question.toml": QUESTION, "starter.py": ""}})
    assert response.status_code == 400 and "question.toml alone" in response.get_json()["message"]


@pytest.fixture
def sitting(app, author, staff):
    """A screen of moving-average, the authored item and two bank items, in that order, and an invite to it."""
    publish_item(author)
    with app.app_context():
        screen = add_screen(get_db(), "Fluency", 30, ["moving-average", ITEM, "q-explain-regularisation",
                                                      "q-deep-tree-variance"], fluency_weight=40)
        invite, token = create_invite(get_db(), screen, "Ada Candidate", "ada@example.com", 3)
        return token, list(screen.problems), invite.id


def shown_order(page: str) -> list[int]:
    return [int(value) for value in re.findall(r'name="choice" value="(\d+)"', page)]


def test_the_candidate_sees_the_options_in_the_attempts_order_and_answers_are_saved(app, sitting):
    token, versions, invite_id = sitting
    candidate = app.test_client()
    landing = candidate.get(f"/invite/{token}").get_data(as_text=True)
    assert "1 problem and 3 questions (multiple choice or a short written answer) in" in landing
    candidate.post(f"/invite/{token}/start")
    first = candidate.get(f"/invite/{token}/problem/1").get_data(as_text=True)
    assert "Select all that apply" in first and "Which are true of recall@k?" in first
    assert "Recall@k counts relevant" not in first and "correct" not in first.lower().replace("incorrect", "")
    shown = shown_order(first)
    with app.app_context():
        attempt_id = get_db().exec(select(Attempt.id).where(Attempt.invite_id == invite_id)).one()
    assert shown == option_order(attempt_id, versions[1], 4) and sorted(shown) == [0, 1, 2, 3]
    assert shown_order(candidate.get(f"/invite/{token}/problem/1").get_data(as_text=True)) == shown  # a reload

    api = f"/api/candidate/{token}/questions"
    assert candidate.post(f"{api}/{versions[1]}/answer", json={"choices": [0, 2]}).status_code == 200
    assert re.findall(r'value="(\d+)" checked', candidate.get(f"/invite/{token}/problem/1").get_data(as_text=True)
                      ) == [str(n) for n in shown if n in (0, 2)]
    for bad in ({"choices": [7]}, {"choices": [0, 0]}, {"choices": ["1"]}, {"choices": [1], "text": "why"}):
        assert candidate.post(f"{api}/{versions[1]}/answer", json=bad).status_code == 400, bad
    assert candidate.post(f"{api}/{versions[3]}/answer", json={"choices": [0, 1]}).status_code == 400  # single
    assert candidate.post(f"{api}/{versions[0]}/answer", json={"choices": []}).status_code == 400  # coding
    assert candidate.post(f"/api/candidate/{token}/problems/{versions[1]}/draft",
                          json={"code": "", "notes": ""}).status_code == 400
    written = "L1 drives weights to exactly zero, so it is sparse; L2 shrinks them."
    assert candidate.post(f"{api}/{versions[2]}/answer", json={"text": written}).status_code == 200
    assert written in candidate.get(f"/invite/{token}/problem/2").get_data(as_text=True)

    candidate.post(f"/invite/{token}/finish")
    assert candidate.post(f"{api}/{versions[1]}/answer", json={"choices": [1]}).status_code == 409


def test_an_answer_saved_while_another_first_save_lands_is_stored(app, client, monkeypatch):
    """Two first saves at once both find no answer; the later insert meets the UNIQUE row of the earlier."""
    with app.app_context():
        screen = add_screen(get_db(), "Race", 30, ["q-deep-tree-variance"])
        _, token = create_invite(get_db(), screen, "Ada Candidate", "ada@example.com", 3)
        (version,) = screen.problems
    client.post(f"/invite/{token}/start")
    url = f"/api/candidate/{token}/questions/{version}/answer"
    assert client.post(url, json={"choices": [0]}).status_code == 200
    looks = []

    def missed_once(session, attempt_id, version_id):
        """The first look misses the row, as if the other save had not yet committed it."""
        looks.append(version_id)
        return None if len(looks) == 1 else answer_of(session, attempt_id, version_id)

    monkeypatch.setattr("server.services.answers.answer_of", missed_once)
    assert client.post(url, json={"choices": [1]}).status_code == 200
    with app.app_context():
        assert [answer.choices for answer in get_db().exec(select(QuestionAnswer))] == [[1]]


def screen_id(app) -> int:
    with app.app_context():
        return get_db().exec(select(Screen.id).where(Screen.name == "Fluency")).one()


def test_reviewers_see_the_answer_key_explanation_and_fluency_and_score_written_answers(app, client, sitting, staff):
    token, versions, _ = sitting
    candidate = app.test_client()
    candidate.post(f"/invite/{token}/start")
    api = f"/api/candidate/{token}/questions"
    candidate.post(f"{api}/{versions[1]}/answer", json={"choices": [0, 2]})  # 1 of 2 right, 1 wrong: 0 of 2
    candidate.post(f"{api}/{versions[2]}/answer", json={"text": "L1 drives weights to exactly zero (sparse)."})
    candidate.post(f"{api}/{versions[3]}/answer", json={"choices": [0]})  # correct: 1 of 1
    candidate.post(f"/invite/{token}/finish")

    client.get("/auth/logout")
    login(client, staff["reviewer"])
    attempt_id = re.search(r"/review/attempts/(\d+)", client.get("/review/").get_data(as_text=True)).group(1)
    page = client.get(f"/review/attempts/{attempt_id}").get_data(as_text=True)
    # the written answer shows one rubric point of weight 2 out of 6: 33.3; fluency (0*2 + 0.333*2 + 1*1) / 5
    assert "Recall@k counts relevant items" in page and "It never decreases as k grows" in page
    assert "L1 drives weights to exactly zero" in page and "shown: L1 sets some weights exactly to zero" in page
    assert "fluency 33.3/100, 40% of the total" in page
    assert '<strong id="total">13.3' in page  # 60% of coding 0 (not submitted) + 40% of 33.3

    client.post(f"/review/attempts/{attempt_id}/questions/{versions[2]}/score", data={"score": "100"})
    page = client.get(f"/review/attempts/{attempt_id}").get_data(as_text=True)
    assert "fluency 60.0/100" in page and "reviewer scored 100/100" in page
    refused = client.post(f"/review/attempts/{attempt_id}/questions/{versions[2]}/score", data={"score": "150"},
                          follow_redirects=True)
    assert "Score not saved: a reviewer&#39;s score is between 0 and 100" in refused.get_data(as_text=True)
    for not_written in (versions[0], versions[1]):  # a coding problem, a choice question
        assert client.post(f"/review/attempts/{attempt_id}/questions/{not_written}/score",
                           data={"score": "1"}).status_code == 404

    results = client.get(f"/review/attempts/{attempt_id}/report").get_data(as_text=True)
    assert "Recall@k counts relevant items" in results and "Save score" not in results
    csv_rows = list(csv.DictReader(io.StringIO(client.get(f"/review/screens/{screen_id(app)}/results.csv").get_data(
        as_text=True))))
    assert [(row[f"{ITEM}:answer"], row[f"{ITEM}:score"], row["q-explain-regularisation:score"], row["fluency"],
             row["moving-average:verdict"]) for row in csv_rows] == [("0;2", "0.0", "100.0", "60.0", "")]
    assert csv_rows[0]["q-explain-regularisation:answer"].startswith("L1 drives")

    headers = bearer(issue_token(app))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    for path, template in ((f"/attempts/{attempt_id}", "/attempts/{attempt_id}"),
                           (f"/attempts/{attempt_id}/report", "/attempts/{attempt_id}/report"),
                           (f"/screens/{screen_id(app)}", "/screens/{screen_id}")):
        schema[template]["GET"].validate_response(client.get(f"/api/v1{path}", headers=headers))
    screen = client.get(f"/api/v1/screens/{screen_id(app)}", headers=headers).get_json()
    assert screen["fluency_weight"] == 40 and [p["kind"] for p in screen["problems"]] == [
        "coding", "question", "question", "question"]
    document = client.get(f"/api/v1/attempts/{attempt_id}", headers=headers).get_json()
    assert document["fluency"] == {"score": 60.0, "weight": 40} and document["score"] == 24.0
    assert [(q["problem_id"], q["choices"], q["correct"], q["score"]) for q in document["questions"]] == [
        (ITEM, [0, 2], [0, 1], 0.0), ("q-explain-regularisation", [], [], 100.0),
        ("q-deep-tree-variance", [0], [0], 100.0)]
    assert [p["problem_id"] for p in document["problems"]] == ["moving-average"]


# name -> (coding score of the final submit or None, {item: choices or text}, reviewer's score of the written item)
TOTALS = {
    "coding only": (80.0, {}, None, 56.0),  # 70% of 80; nothing answered counts 0
    "answers only": (None, {"q-deep-tree-variance": [0]}, None, 6.0),  # 1 of 5 points: fluency 20, 30% of it
    "both": (50.0, {"q-leakage-sources": [0, 1, 2]}, None, 47.0),  # 70% of 50 + 30% of 40
    "reviewed": (None, {}, 100.0, 12.0),  # the reviewer's 100 on a 2-point item: fluency 40
    "nothing": (None, {}, None, None),
}


def test_the_sql_total_of_a_screen_with_question_items_is_attempt_result_s(app, staff):
    """The dashboard's and Attempts page's SQL total weighs fluency as ``attempt_result`` does, and a screen of
    question items alone totals its fluency."""
    with app.app_context():
        session = get_db()
        items = ["q-leakage-sources", "q-deep-tree-variance", "q-explain-regularisation"]
        mixed = add_screen(session, "Mixed", 30, ["moving-average", *items], fluency_weight=30)
        alone = add_screen(session, "Questions", 30, items, fluency_weight=30)
        versions = {session.get(ProblemVersion, version_id).problem_id: version_id for version_id in mixed.problems}
        reviewer = session.exec(select(User.id).where(User.email == staff["reviewer"])).one()
        expected, ids = {}, {}
        for screen, cases in ((mixed, TOTALS), (alone, {"alone": (None, {"q-deep-tree-variance": [0]}, None, 20.0)})):
            for name, (coding, answers, reviewed, total) in cases.items():
                invite, _ = create_invite(session, screen, name, "x@example.com", 3)
                attempt = session.exec(select(Attempt).where(Attempt.invite_id == invite.id)).one()
                attempt.state, attempt.started_at = AttemptState.FINISHED, utcnow()
                attempt.deadline = attempt.finished_at = attempt.started_at
                if coding is not None:
                    session.add(Submission(attempt_id=attempt.id, problem_version_id=versions["moving-average"],
                                           code="", notes="", code_hash=name, status=SubmissionStatus.DONE,
                                           verdict="accepted", score=coding))
                session.commit()
                for problem_id, choices in answers.items():
                    version = session.get(ProblemVersion, versions[problem_id])
                    save_answer(session, attempt, version.id, load_question(session, version), choices, "")
                    record_fluency(session, attempt)
                if reviewed is not None:
                    set_reviewer_score(session, attempt.id, versions["q-explain-regularisation"], reviewed, reviewer)
                    record_fluency(session, attempt)
                ids[name], expected[name] = attempt.id, total
        totals = dict(session.exec(attempt_totals(session)).all())
        computed = {name: attempt_result(session, session.get(Attempt, attempt_id)).total
                    for name, attempt_id in ids.items()}
    assert computed == pytest.approx(expected)
    assert {name: totals.get(attempt_id) for name, attempt_id in ids.items()} == pytest.approx(expected)


def test_the_demo_screen_holds_question_items_of_each_format(runner, app):
    assert runner.invoke(main, ["demo"], env=cli_environment(app)).exit_code == 0
    with app.app_context():
        screen = get_db().exec(select(Screen).where(Screen.name == DEMO_SCREEN)).one()
        versions = [get_db().get(ProblemVersion, version_id) for version_id in screen.problems]
        formats = [load_question(get_db(), version).format for version in versions if version.kind == "question"]
    assert formats == ["single", "multiple", "written"]
