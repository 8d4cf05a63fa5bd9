"""The reviewer's pages over one screen judged for real (see review_scenario): permissions, dashboard,
submission page, integrity, scorecards, exports, similarity flags."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from sqlmodel import select

from server.app import close_app
from server.db import get_db
from server.models import (
    Attempt,
    Event,
    ProblemVersion,
    Scorecard,
    Screen,
    SimilarityFlag,
    Submission,
    SubmissionStatus,
)
from server.review.dashboard import Filters, dashboard
from server.review.flagging import flag_submission
from server.review.integrity import signals
from server.services.attempts import create_invite
from tests.web.conftest import PASSWORD, login, wait_done
from tests.web.review_scenario import ADA, REVIEWERS, build

pytestmark = pytest.mark.xdist_group("review")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, docker_client):
    """Judged once, on SQLite: four submits through Docker cost too much to judge again on PostgreSQL."""
    built = build(tmp_path_factory, docker_client)
    yield built
    close_app(built.app)


def signed_in(scenario, email):
    client = scenario.app.test_client()
    assert client.post("/auth/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def reviewer(scenario):
    return signed_in(scenario, REVIEWERS[0])


def test_only_reviewers_and_admins_may_review(scenario):
    anonymous = scenario.app.test_client()
    pages = ["/review/", f"/review/attempts/{scenario.attempts['Ada']}",
             f"/review/submissions/{scenario.submissions['Ada']}", f"/review/screens/{scenario.screen_id}/results.csv"]
    for page in pages:
        response = anonymous.get(page)
        assert response.status_code == 302 and "/auth/login" in response.location
        assert signed_in(scenario, "author@example.com").get(page).status_code == 403
        assert signed_in(scenario, REVIEWERS[0]).get(page).status_code == 200
        assert signed_in(scenario, "admin@example.com").get(page).status_code == 200
    assert b'href="/review/"' in signed_in(scenario, REVIEWERS[0]).get("/admin/").data  # the nav link


def names_on(page: bytes) -> list[str]:
    return re.findall(r'/review/attempts/\d+">([A-Za-z]+)</a>', page.decode())


def test_dashboard_lists_filters_and_sorts(scenario, reviewer):
    assert sorted(names_on(reviewer.get("/review/").data)) == ["Ada", "Bob", "Cy", "Dee"]
    assert names_on(reviewer.get("/review/?sort=candidate").data) == ["Ada", "Bob", "Cy", "Dee"]
    by_score = names_on(reviewer.get("/review/?sort=score").data)
    assert by_score[-1] == "Dee"  # the wrong answer scores lowest
    assert names_on(reviewer.get("/review/?verdict=wrong_answer").data) == ["Dee"]
    assert sorted(names_on(reviewer.get("/review/?flagged=1").data)) == ["Ada", "Bob"]
    # moving-average is unsubmitted and counts 0, so every attempt's total is below 50; Dee's is in progress
    assert sorted(names_on(reviewer.get("/review/?band=no").data)) == ["Ada", "Bob", "Cy"]
    assert names_on(reviewer.get("/review/?band=hire").data) == []
    assert names_on(reviewer.get("/review/?problem=moving-average&verdict=accepted").data) == []
    assert sorted(names_on(reviewer.get("/review/?problem=cosine-similarity").data)) == ["Ada", "Bob", "Cy", "Dee"]
    assert names_on(reviewer.get("/review/?screen=999").data) == []
    assert b"not reviewed" in reviewer.get("/review/?reviewed=no").data


def test_an_attempt_in_progress_has_a_provisional_total_and_no_band(scenario, reviewer):
    rows = reviewer.get("/review/").data.decode().split("<tr>")
    dee = next(row for row in rows if ">Dee</a>" in row)
    ada = next(row for row in rows if ">Ada</a>" in row)
    assert "in progress" in dee and "provisional" in dee and 'class="band ' not in dee
    assert 'class="band band-no"' in ada and "provisional" not in ada
    for page in (f"/review/attempts/{scenario.attempts['Dee']}", f"/review/submissions/{scenario.submissions['Dee']}"):
        shown = reviewer.get(page).data.decode()
        assert "provisional" in shown and 'class="band ' not in shown, page
    exported = reviewer.get(f"/review/screens/{scenario.screen_id}/results.json").get_json()["attempts"]
    assert [a["band"] for a in exported if a["candidate"]["name"] == "Dee"] == [None]


def test_dashboard_pages_keep_the_filter(scenario, reviewer):
    with scenario.app.app_context():
        first = dashboard(get_db(), Filters(sort="candidate"), page_size=3)
        second = dashboard(get_db(), Filters(sort="candidate", page=2), page_size=3)
        beyond = dashboard(get_db(), Filters(sort="candidate", page=9), page_size=3)
    assert (first.pages, first.count) == (2, 4)
    assert [r.invite.candidate_name for r in first.results] == ["Ada", "Bob", "Cy"]
    assert [r.invite.candidate_name for r in second.results] == ["Dee"] == [r.invite.candidate_name
                                                                           for r in beyond.results]
    assert Filters(sort="score", flagged=True).query(page=2) == {"sort": "score", "flagged": "1", "page": 2}


def test_dashboard_pager_links_keep_the_filter(scenario, reviewer, monkeypatch):
    monkeypatch.setattr("server.review.dashboard.PAGE_SIZE", 2)
    first = reviewer.get("/review/?sort=candidate&problem=cosine-similarity").data.decode()
    assert names_on(first.encode()) == ["Ada", "Bob"] and "page 1 of 2" in first
    link = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "sort=candidate" in link and "problem=cosine-similarity" in link and "page=2" in link
    assert names_on(reviewer.get(link).data) == ["Cy", "Dee"]


def test_an_attempt_not_started_has_empty_pages(scenario, reviewer):
    with scenario.app.app_context():
        invite, _ = create_invite(get_db(), get_db().get(Screen, scenario.screen_id), "Eve", "eve@example.com", 3)

        attempt = get_db().exec(select(Attempt).where(Attempt.invite_id == invite.id)).one().id
    page = reviewer.get(f"/review/attempts/{attempt}").data.decode()
    assert "not submitted" in page and "invited" in page
    assert b"Nothing was saved" in reviewer.get(f"/review/attempts/{attempt}/playback/{scenario.versions[1]}").data
    assert reviewer.get(f"/review/attempts/{attempt}/report").status_code == 200
    with scenario.app.app_context():
        get_db().delete(get_db().get(Attempt, attempt))
        get_db().delete(invite)
        get_db().commit()


def test_submission_page_shows_hidden_tests_with_expected_and_actual(scenario, reviewer):
    page = reviewer.get(f"/review/submissions/{scenario.submissions['Dee']}").data.decode()
    assert "wrong answer" in page and "hidden · correctness" in page
    assert "integer_inputs" in page  # a hidden test's name, input and expected shown to reviewers
    assert 'class="diff"' in page and 'class="removed"' in page and 'class="added"' in page
    assert 'class="highlight"' in page and 'class="linenos"' in page  # Pygments, numbered lines
    with scenario.app.app_context():
        report = get_db().get(Submission, scenario.submissions["Dee"]).report
    failed = next(t for t in report["tests"] if t["verdict"] != "accepted" and t["visibility"] == "hidden")
    actual = report["details"][failed["name"]]["actual"]
    assert failed["name"] in page and json.dumps(actual)[:8] in page


def test_an_exception_the_test_expected_is_shown_as_raised(scenario, reviewer):
    page = reviewer.get(f"/review/submissions/{scenario.submissions['Ada']}").data.decode()
    row = page[page.index(">example_length_mismatch<"):]
    row = row[:row.index("</tr>")]
    assert "raises ValueError" in row  # expected
    assert '<div class="mono value" data-scroll-box>raised ValueError: the vectors have different lengths</div>' in row


@pytest.mark.sqlite_only
def test_a_wrong_answer_on_a_generated_case_shows_the_reference_value_and_a_diff(app, client, invite, staff):
    token, versions = invite
    assert client.post(f"/invite/{token}/start").status_code == 302
    unnormalised = "def cosine_similarity(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
    queued = client.post(f"/api/candidate/{token}/problems/{versions[0]}/submit",
                         json={"code": unnormalised, "notes": ""}).get_json()
    assert wait_done(client, token, queued["id"])["verdict"] == "wrong_answer"
    with app.app_context():
        report = get_db().get(Submission, queued["id"]).report
    test = next(t for t in report["tests"] if t["name"] == "perf_random_30k")  # generated, no expected in the file
    detail = report["details"][test["name"]]
    assert test["verdict"] == "wrong_answer" and -1.0 <= detail["expected"] <= 1.0  # the reference's cosine
    reviewer = app.test_client()
    assert login(reviewer, staff["reviewer"]).status_code == 302
    page = reviewer.get(f"/review/submissions/{queued['id']}").data.decode()
    row = page[page.index(">perf_random_30k<"):]
    row = row[:row.index("</pre>")]  # the test's row and its diff
    assert f'<div class="mono value" data-scroll-box>{json.dumps(detail["expected"])}</div>' in row
    assert f'<span class="removed">− {json.dumps(detail["expected"])}</span>' in row
    assert f'<span class="added">+ {json.dumps(detail["actual"])}</span>' in row
    assert "the reference solution&#39;s result" not in page and "the reference solution's result" not in page


def test_submission_page_has_the_chart_narration_quality_and_score(scenario, reviewer):
    page = reviewer.get(f"/review/submissions/{scenario.submissions['Ada']}").data.decode()
    chart = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'class="curve fitted"' in chart and 'class="curve target"' in chart and chart.count("<circle") >= 7
    assert "fitted O(n)" in chart and "target O(n)" in chart
    assert 'id="overclaim"' in page and "claimed O(1)" in page  # notes claim O(1), measured O(n)
    assert "<h2>Approach</h2>" in page  # notes rendered from Markdown
    assert "Rubric point" in page and "Mentions the key phrase" in page
    assert "Score breakdown" in page and "hidden correctness tests passed" in page
    assert 'id="quality"' in page


def test_a_wrong_answer_is_measured_and_the_page_says_how_many_correctness_tests_it_failed(scenario, reviewer):
    page = reviewer.get(f"/review/submissions/{scenario.submissions['Dee']}").data.decode()
    assert "wrong_answer" in page
    complexity = page.split('id="complexity"', 1)[1].split('class="card"', 1)[0]
    assert re.search(r"Measured <strong>O\(n\)</strong>, target <strong>O\(n\)</strong>", complexity)
    failed = re.search(r"(\d+) of (\d+) hidden correctness tests failed", complexity)
    assert failed and 0 < int(failed.group(1)) < int(failed.group(2))
    chart = re.search(r"<svg.*?</svg>", complexity, re.S).group(0)
    assert "fitted O(n)" in chart and chart.count("<circle") >= 7


def test_integrity_signals_come_from_the_events(scenario, reviewer):
    page = reviewer.get(f"/review/attempts/{scenario.attempts['Ada']}").data.decode()
    assert "512 characters, 20 lines (large)" in page
    assert re.search(r"1 time, away 0:0\d in all", page)
    assert "Time used" in page


def test_integrity_flags_late_and_rapid_submits():
    start = dt.datetime(2026, 1, 1, 10, 0, tzinfo=dt.UTC)
    attempt = Attempt(id=1, invite_id=1, started_at=start, deadline=start + dt.timedelta(minutes=30))
    submits = [Submission(id=i, attempt_id=1, problem_version_id=7, code="", notes="", code_hash=str(i),
                          created_at=start + dt.timedelta(minutes=minutes))
               for i, minutes in ((1, 5), (2, 5.1), (3, 29.5))]
    events = [Event(attempt_id=1, kind="focus_lost", at=start + dt.timedelta(minutes=2)),
              Event(attempt_id=1, kind="focus_regained", at=start + dt.timedelta(minutes=3))]
    found = signals(attempt, events, submits)
    assert [s.submission_id for s in found.rapid_submits] == [2] and "6 s after" in found.rapid_submits[0].text
    assert [s.submission_id for s in found.late_submits] == [3] and "30 s before" in found.late_submits[0].text
    assert found.away_seconds == 60 and found.time_allowed_seconds == 1800 and found.flagged


def scorecard_form(decision="yes", **overrides):
    form = {"problem_solving_score": "3", "problem_solving_notes": "clean scaling idea",
            "code_quality_score": "4", "communication_score": "2", "ml_fluency_score": "3",
            "decision": decision, "notes": "solid", "action": "submit"}
    form.update(overrides)
    return form


def test_a_score_of_a_digit_that_is_no_number_is_refused(app, client, invite, staff):
    """"²" is a digit to str.isdigit, not a number to int."""
    assert app.test_client().post(f"/invite/{invite[0]}/start").status_code == 302
    with app.app_context():
        attempt_id = get_db().exec(select(Attempt.id)).one()
    login(client, staff["reviewer"])
    refused = client.post(f"/review/attempts/{attempt_id}/scorecard", data=scorecard_form(communication_score="²"))
    assert refused.status_code == 400
    assert "Communication: &#39;²&#39; is not a score from 1 to 4." in refused.get_data(as_text=True)

def test_scorecards_are_hidden_until_your_own_is_submitted(scenario):
    attempt = scenario.attempts["Cy"]
    url = f"/review/attempts/{attempt}"
    first, second = signed_in(scenario, REVIEWERS[0]), signed_in(scenario, REVIEWERS[1])
    draft = first.post(f"{url}/scorecard", data=scorecard_form(action="save", decision="", ml_fluency_score=""))
    assert draft.status_code == 302
    incomplete = first.post(f"{url}/scorecard", data=scorecard_form(decision="", communication_score="7",
                                                                    notes="kept text"))
    assert incomplete.status_code == 400
    assert b"Communication: &#39;7&#39; is not a score from 1 to 4." in incomplete.data
    assert b"Decision: choose" in incomplete.data and b"kept text" in incomplete.data  # nothing typed is lost
    assert first.post(f"{url}/scorecard", data=scorecard_form(decision="strong_yes")).status_code == 302
    seen_by_second = second.get(url).data.decode()
    assert "Rita Reviewer" not in seen_by_second, seen_by_second[seen_by_second.index("Rita Reviewer") - 300:]
    assert 'class="decision strong_yes"' not in seen_by_second
    assert "shown once you submit yours" in seen_by_second
    assert "Rita Reviewer" not in second.get(f"{url}/report").data.decode()
    submitted = second.post(f"{url}/scorecard", data=scorecard_form(decision="no", code_quality_score="2"))
    assert submitted.status_code == 302
    seen = second.get(url).data.decode()
    assert "Rita Reviewer" in seen and "Sam Second" in seen and "strong yes: 1" in seen and "no: 1" in seen
    assert "3.0" in seen  # mean code quality of 4 and 2
    again = first.post(f"{url}/scorecard", data=scorecard_form(decision="no"))
    assert again.status_code == 400 and b"already submitted" in again.data
    with scenario.app.app_context():
        cards = get_db().exec(Scorecard.__table__.select().where(Scorecard.attempt_id == attempt)).all()
    assert len(cards) == 2
    assert "Rita Reviewer" not in signed_in(scenario, "admin@example.com").get(url).data.decode()  # one rule
    assert [n for n in names_on(first.get("/review/?reviewed=yes").data)] == ["Cy"]


def test_csv_and_json_exports(scenario):
    reviewer = signed_in(scenario, REVIEWERS[1])
    response = reviewer.get(f"/review/screens/{scenario.screen_id}/results.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert sorted(row["candidate_name"] for row in rows) == ["Ada", "Bob", "Cy", "Dee"]
    dee = next(row for row in rows if row["candidate_name"] == "Dee")
    assert dee["cosine-similarity:verdict"] == "wrong_answer" and dee["moving-average:verdict"] == ""
    assert int(dee["cosine-similarity:passed"]) < int(dee["cosine-similarity:total"])
    ada = next(row for row in rows if row["candidate_name"] == "Ada")
    assert ada["cosine-similarity:verdict"] == "accepted" and float(ada["score"]) > 0 and ada["band"]
    assert ada["similarity_flags"] == "1" and ada["scorecards"] == "hidden"  # not reviewed by this reviewer
    body = reviewer.get(f"/review/screens/{scenario.screen_id}/results.json").get_json()
    assert body["screen"]["name"] == "Backend ML" and len(body["attempts"]) == 4
    text = reviewer.get(f"/review/screens/{scenario.screen_id}/results.json").get_data(as_text=True)
    assert "integer_inputs" not in text and "expected" not in text and "details" not in text  # no test data
    assert "integer_inputs" not in response.get_data(as_text=True)


def test_a_renamed_copy_is_flagged_through_the_judge_and_an_independent_one_is_not(scenario, reviewer):
    with scenario.app.app_context():
        flags = get_db().exec(SimilarityFlag.__table__.select()).all()
    pair = {scenario.submissions["Ada"], scenario.submissions["Bob"]}
    assert [{f.submission_a, f.submission_b} for f in flags] == [pair]
    assert flags[0].similarity >= 0.6
    page = reviewer.get(f"/review/similarity/{flags[0].id}").data.decode()
    assert "Ada" in page and "Bob" in page and page.count('class="hll"') >= 4
    assert f"/review/similarity/{flags[0].id}" in reviewer.get(
        f"/review/submissions/{scenario.submissions['Bob']}").data.decode()


def test_a_superseding_final_submit_replaces_its_flags(scenario):
    instance = scenario.app.instance_path
    with scenario.app.app_context():
        session = get_db()
        bob = session.get(Submission, scenario.submissions["Bob"])
        version = session.get(ProblemVersion, bob.problem_version_id)
        newer = Submission(attempt_id=bob.attempt_id, problem_version_id=version.id, kind="submit",
                           code=ADA.replace("biggest", "top"), notes="", code_hash="again",
                           status=SubmissionStatus.DONE, verdict="accepted")
        session.add(newer)
        session.commit()
        assert flag_submission(session, bob.id, instance) == []  # no longer Bob's final: nothing changes
        fresh = flag_submission(session, newer.id, instance)
        assert [(f.submission_a, f.submission_b) for f in fresh] == [(scenario.submissions["Ada"], newer.id)]
        left = session.exec(SimilarityFlag.__table__.select()).all()
        assert {(f.submission_a, f.submission_b) for f in left} == {(scenario.submissions["Ada"], newer.id)}
        session.delete(session.get(SimilarityFlag, fresh[0].id))
        session.delete(newer)
        session.commit()
        restored = flag_submission(session, bob.id, instance)
    assert len(restored) == 1


def test_playback_shows_the_snapshots_and_diffs_them(scenario, reviewer):
    url = f"/review/attempts/{scenario.attempts['Ada']}/playback/{scenario.versions[0]}"
    page = reviewer.get(url).data.decode()
    data = re.search(r'<script type="application/json" id="playback-data">(.*?)</script>', page, re.S).group(1)
    assert '"source": "draft"' in data and '"source": "submit"' in data and '"kind": "paste"' in data
    diff = reviewer.get(f"{url}/diff?a=0&b=3").get_json()
    kinds = {row["kind"] for row in diff["rows"]}
    assert kinds == {"same", "removed", "added"}
    assert any(row["kind"] == "removed" and row["text"].strip() == "pass" for row in diff["rows"])
    assert reviewer.get(f"{url}/diff?a=0&b=99").status_code == 400
    assert reviewer.get(f"{url}/diff?a=-1&b=1").status_code == 400
    assert reviewer.get(f"/review/attempts/{scenario.attempts['Ada']}/playback/99999").status_code == 404


def test_report_page_is_print_friendly(scenario, reviewer):
    page = reviewer.get(f"/review/attempts/{scenario.attempts['Ada']}/report").data.decode()
    assert 'class="report"' in page and "page-break" in page and "Cosine similarity" in page
    assert "data-print>Print</button>" in page  # page-actions.js prints (no inline handler: see the CSP)


@pytest.mark.sqlite_only
def test_a_failure_in_flagging_never_loses_the_verdict(app, client, invite, monkeypatch, caplog):
    def broken(*_args):
        raise RuntimeError("flagging broke")

    monkeypatch.setattr("server.services.judging.flag_submission", broken)
    token, versions = invite
    assert client.post(f"/invite/{token}/start").status_code == 302
    queued = client.post(f"/api/candidate/{token}/problems/{versions[0]}/submit",
                         json={"code": "def cosine_similarity(a, b):\n    return 1.0\n", "notes": ""}).get_json()
    view = wait_done(client, token, queued["id"])
    assert view["status"] == "done" and view["verdict"] == "wrong_answer"
    assert f"similarity flagging of submission {queued['id']} failed" in caplog.text


def test_unknown_rows_are_404(scenario, reviewer):
    for page in ("/review/attempts/999", "/review/submissions/999", "/review/similarity/999",
                 "/review/screens/999/results.csv", "/review/attempts/999/report"):
        response = reviewer.get(page)
        assert response.status_code == 404 and b"There is no" in response.data
