"""Attempt totals in SQL (dashboard band filter and score sort, the Attempts page) agree with ``attempt_result``,
and only finished attempts have bands.

Rows are inserted; nothing is judged.
"""

import re

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import Attempt, AttemptState, Screen, Submission, SubmissionStatus, utcnow
from server.review import dashboard as dashboard_module
from server.review.dashboard import BAND_NAMES, Filters, dashboard
from server.services.ats_report import attempt_report
from server.services.attempts import create_invite
from server.services.results import attempt_result, attempt_totals
from server.views import admin
from tests.web.conftest import login

DONE, ERROR, QUEUED = SubmissionStatus.DONE, SubmissionStatus.ERROR, SubmissionStatus.QUEUED
# name -> submissions in order, each (problem index, score, kind, status), and the total attempt_result gives
CASES = {
    "none": ([(0, 10.0, "run", DONE), (1, 90.0, "submit", QUEUED)], None),
    "half": ([(0, 80.0, "submit", DONE)], 40.0),  # the unsubmitted problem counts 0
    "tie": ([(1, 80.0, "submit", DONE)], 40.0),
    "null": ([(0, None, "submit", DONE), (1, 100.0, "submit", DONE)], 50.0),  # exactly lean no's threshold
    "last": ([(0, 95.0, "submit", DONE), (1, 20.0, "submit", DONE), (1, 90.0, "submit", DONE),
              (1, 0.0, "submit", QUEUED)], 92.5),
    "run": ([(0, 70.0, "submit", DONE), (1, 80.0, "submit", DONE), (1, 0.0, "run", DONE)], 75.0),
    "error": ([(0, 60.0, "submit", DONE), (1, 50.0, "submit", DONE), (1, 0.0, "submit", ERROR)], 55.0),
    "exact": ([(0, 85.0, "submit", DONE), (1, 85.0, "submit", DONE)], 85.0),
}


@pytest.fixture
def attempts(app, invite):
    """One attempt per case at the invite's two-problem screen: name -> attempt id (the invite's own is left out)."""
    _, versions = invite
    with app.app_context():
        session = get_db()
        screen = session.exec(select(Screen)).one()
        ids = {}
        for name, (submissions, _) in CASES.items():
            created, _ = create_invite(session, screen, name, f"{name}@example.com", 3)
            attempt = session.exec(select(Attempt).where(Attempt.invite_id == created.id)).one()
            attempt.state, attempt.started_at = AttemptState.FINISHED, utcnow()  # finished: bands are given
            attempt.deadline = attempt.finished_at = attempt.started_at
            for number, (problem, score, kind, status) in enumerate(submissions):
                session.add(Submission(attempt_id=attempt.id, problem_version_id=versions[problem], kind=kind,
                                       code="", notes="", code_hash=f"{name}-{number}", status=status,
                                       verdict="accepted", score=score))
            session.commit()
            ids[name] = attempt.id
        return ids


def test_the_sql_total_is_attempt_result_s_total(app, attempts):
    with app.app_context():
        session = get_db()
        totals = dict(session.exec(attempt_totals(session)).all())
        results = {name: attempt_result(session, session.get(Attempt, attempt_id))
                   for name, attempt_id in attempts.items()}
    assert {name: result.total for name, result in results.items()} == {name: total for name, (_, total)
                                                                         in CASES.items()}
    for name, attempt_id in attempts.items():
        assert totals.get(attempt_id) == pytest.approx(results[name].total), name


def test_the_band_filter_picks_the_attempts_attempt_result_puts_in_the_band(app, attempts):
    with app.app_context():
        session = get_db()
        bands = {name: attempt_result(session, session.get(Attempt, attempt_id)).band
                 for name, attempt_id in attempts.items()}
        found = {band: dashboard(session, Filters(band=band)) for band in BAND_NAMES}
    assert bands == {"none": None, "half": "no", "tie": "no", "null": "lean no", "last": "strong hire",
                     "run": "hire", "error": "lean no", "exact": "strong hire"}
    for band, page in found.items():
        names = sorted(r.invite.candidate_name for r in page.results if r.invite.candidate_name in CASES)
        assert names == sorted(name for name, value in bands.items() if value == band), band
        assert all(r.band == band for r in page.results)


def test_the_score_sort_puts_the_highest_first_ties_newest_first_and_no_total_last(app, attempts):
    with app.app_context():
        session = get_db()
        pages = [dashboard(session, Filters(sort="score", page=number), page_size=4) for number in (1, 2, 3)]
    order = [r.invite.candidate_name for page in pages for r in page.results]
    assert (pages[0].pages, pages[0].count) == (3, 9)
    # the fixture's own invite (the oldest, never submitted) and "none" have no total: newest first
    assert order == ["last", "exact", "run", "error", "null", "tie", "half", "none", "Ada Candidate"]


def test_only_one_page_of_attempts_is_turned_into_results(app, attempts, monkeypatch):
    calls = []
    monkeypatch.setattr(dashboard_module, "attempt_result",
                        lambda session, attempt: calls.append(attempt.id) or attempt_result(session, attempt))
    with app.app_context():
        dashboard(get_db(), Filters(sort="score"), page_size=3)
        dashboard(get_db(), Filters(band="no", page=2), page_size=1)
    assert len(calls) == 4


def test_the_attempts_page_pages_and_shows_the_same_score(app, client, staff, attempts, monkeypatch):
    monkeypatch.setattr(admin, "ATTEMPTS_PAGE_SIZE", 4)
    login(client, staff["admin"])
    pages = [client.get("/admin/", query_string={"page": number}).data.decode() for number in (1, 2, 3)]
    assert "9 invites, newest first; page 2 of 3." in pages[1] and 'href="/admin/?page=3" rel="next"' in pages[1]
    everything = "".join(pages)
    assert everything.count('<td class="mono invite"') == 9  # each invite once, on one page
    for name, (_, total) in CASES.items():
        row = everything[everything.index(f"<td>{name}<br>"):]
        row = row[:row.index("</tr>")]
        assert ("—" if total is None else f"<td>{total:.1f}</td>") in row, name


def test_only_a_finished_attempt_has_a_band(app, client, staff, invite):
    """While the candidate works, the total is provisional and nothing shows a band; once the deadline passes
    (or the candidate finishes) the band is there."""
    token, versions = invite
    assert client.post(f"/invite/{token}/start").status_code == 302
    with app.app_context():
        session = get_db()
        attempt = session.exec(select(Attempt)).one()
        session.add(Submission(attempt_id=attempt.id, problem_version_id=versions[0], kind="submit", code="",
                               notes="", code_hash="final", status=DONE, verdict="accepted", score=99.6,
                               band="strong hire", report={"score": {"total": 99.6, "band": "strong hire",
                                                                     "components": {}, "reasons": []}}))
        session.commit()
        attempt_id = attempt.id
        result = attempt_result(session, attempt)
        report = attempt_report(session, attempt)
        in_band = dashboard(session, Filters(band="no")).results
    assert result.total == 49.8 and result.band is None and not result.finished
    assert result.as_json()["band"] is None and result.as_json()["problems"][0]["final_submission"]["band"] is None
    assert report["band"] is None and report["problems"][0]["final_submission"]["scoring"]["band"] is None
    assert in_band == []
    reviewer = app.test_client()
    login(reviewer, staff["reviewer"])
    listed = reviewer.get("/review/").data.decode()
    assert "49.8 <span class=\"muted provisional\">provisional</span>" in listed and 'class="band ' not in listed
    for page in (f"/review/attempts/{attempt_id}", f"/review/attempts/{attempt_id}/report"):
        shown = reviewer.get(page).data.decode()
        assert "provisional" in shown and 'class="band ' not in shown and "strong hire" not in shown, page

    with app.app_context():  # the deadline passes: the dashboard closes the attempt and gives its band
        session = get_db()
        attempt = session.get(Attempt, attempt_id)
        attempt.deadline = utcnow()
        session.add(attempt)
        session.commit()
    listed = reviewer.get("/review/").data.decode()
    assert '<span class="band band-no">no</span>' in listed and "provisional" not in listed
    assert names_in_band(reviewer, "no") == ["Ada Candidate"]
    shown = reviewer.get(f"/review/attempts/{attempt_id}").data.decode()
    assert '<span class="band band-strong-hire">strong hire</span>' in shown  # the problem's band
    with app.app_context():
        assert attempt_report(get_db(), get_db().get(Attempt, attempt_id))["band"] == "no"


def names_in_band(reviewer, band: str) -> list[str]:
    page = reviewer.get("/review/", query_string={"band": band}).data.decode()
    return re.findall(r'/review/attempts/\d+">([^<]+)</a>', page)
