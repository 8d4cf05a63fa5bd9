"""What one candidate can take from the server: progress streams, autosaves and events are capped per attempt."""

import contextlib
import datetime as dt
import re
import threading
import time

import pytest
from sqlalchemy import event
from sqlmodel import select

from server.db import engine_of, get_db
from server.models import Attempt, Draft, Event, Submission, SubmissionStatus
from server.services import progress_stream
from server.services.attempts import create_invite, invite_for
from server.services.progress_board import Progress
from server.services.staff import add_screen


def api(token, path):
    return f"/api/candidate/{token}{path}"


@pytest.fixture
def candidates(make_app):
    """``candidates(**settings)`` -> (app, start) where ``start(name)`` -> a started candidate's (client, token)."""

    def build(**settings):
        app = make_app(**settings)
        with app.app_context():
            screen = add_screen(get_db(), "Screen", 30, ["cosine-similarity", "moving-average"])

        def start(name):
            with app.app_context():
                token = create_invite(get_db(), screen, name, f"{name.lower()}@example.com", 3)[1]
            client = app.test_client()
            assert client.post(f"/invite/{token}/start").status_code == 302
            return client, token

        return app, start, list(screen.problems)

    return build


def attempt_of(token) -> Attempt:
    return invite_for(get_db(), token)[1]


def waiting_submission(app, token, version_id) -> int:
    """A submission still waiting for a judge (as behind a long queue: nothing picks this row up)."""
    with app.app_context():
        submission = Submission(attempt_id=attempt_of(token).id, problem_version_id=version_id, kind="run",
                                code="x = 1", notes="", code_hash=f"waiting for {token}")
        get_db().add(submission)
        get_db().commit()
        return submission.id


def test_progress_streams_are_capped_per_attempt_and_in_total(candidates):
    app, start, versions = candidates(SERVER_THREADS=8)  # a quarter of 8 threads: 2 streams in all
    ada, ada_token = start("Ada")
    url = api(ada_token, f"/submissions/{waiting_submission(app, ada_token, versions[0])}/progress")
    first, second = ada.get(url), ada.get(url)
    assert first.status_code == second.status_code == 200 and first.mimetype == "text/event-stream"
    refused = ada.get(url)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "10"
    assert "already has 2 progress streams open" in refused.get_json()["message"]
    assert refused.get_json()["poll"] == url.removesuffix("/progress") + "/status"
    first.close()  # a stream that ends gives its slot back
    with ada.get(url) as again:
        assert again.status_code == 200

    eve, eve_token = start("Eve")
    eve_url = api(eve_token, f"/submissions/{waiting_submission(app, eve_token, versions[0])}/progress")
    with eve.get(eve_url) as eves:
        assert eves.status_code == 200
        busy = eve.get(eve_url)
        assert busy.status_code == 503 and "maximum of 2 progress streams" in busy.get_json()["message"]
    second.close()


@pytest.mark.timeout(60)
def test_a_stream_ends_after_its_lifetime_and_polling_answers_at_once(candidates):
    app, start, versions = candidates(PROGRESS_STREAM_SECONDS=1.0)
    ada, token = start("Ada")
    waiting = waiting_submission(app, token, versions[0])
    began = time.monotonic()
    with ada.get(api(token, f"/submissions/{waiting}/progress")) as stream:
        text = stream.get_data(as_text=True)
    assert 0.9 < time.monotonic() - began < 10
    assert text.startswith("retry: 1000\n\n") and '"phase": "queued"' in text and '"phase": "done"' not in text
    polled = ada.get(api(token, f"/submissions/{waiting}/status"))
    assert polled.get_json() == {"phase": "queued", "fraction": 0.0, "message": "Waiting for a judge"}
    eve, _ = start("Eve")
    assert eve.get(api(token, f"/submissions/{waiting}/status")).status_code == 200  # the token is the credential
    _, eve_token = start("Mallory")
    assert ada.get(api(eve_token, f"/submissions/{waiting}/status")).status_code == 404


@pytest.mark.timeout(60)
def test_a_stream_reads_the_submission_row_when_it_opens_and_when_judging_ends(candidates, monkeypatch):
    """Each open stream read the row at every heartbeat: hundreds of candidates' streams were a steady load of
    queries on the database while nothing changed."""
    monkeypatch.setattr(progress_stream, "HEARTBEAT_SECONDS", 0.05)
    app, start, versions = candidates(PROGRESS_STREAM_SECONDS=1.0)
    ada, token = start("Ada")
    waiting = waiting_submission(app, token, versions[0])
    board = app.extensions["techscreen.progress"]
    board.post(waiting, Progress("tests", 0.5, "Running the tests"))
    with recorded_statements(app) as statements, ada.get(api(token, f"/submissions/{waiting}/progress")) as stream:
        text = stream.get_data(as_text=True)
    assert text.count(": heartbeat") >= 5 and '"phase": "tests"' in text
    assert len([s for s in statements if re.search(r"\bFROM submission\b", s)]) <= 2, statements
    with app.app_context():  # judging ends: the board says so, and the row is read again to end the stream
        get_db().get(Submission, waiting).status = SubmissionStatus.DONE
        get_db().commit()

    def finish():
        time.sleep(0.3)
        board.post(waiting, Progress("done", 1.0, "Verdict: accepted"))

    threading.Thread(target=finish).start()
    began = time.monotonic()
    with ada.get(api(token, f"/submissions/{waiting}/progress")) as stream:
        text = stream.get_data(as_text=True)
    assert time.monotonic() - began < 0.9 and '"phase": "done"' in text


def test_autosaves_over_the_rate_get_json_saying_when_to_retry(candidates):
    app, start, versions = candidates(RATELIMIT_ENABLED=True, DRAFT_RATE_LIMIT="3 per minute")
    ada, token = start("Ada")
    saves = [ada.post(api(token, f"/problems/{versions[0]}/draft"), json={"code": f"x = {n}", "notes": ""})
             for n in range(4)]
    assert [save.status_code for save in saves] == [200, 200, 200, 429]
    refused = saves[-1].get_json()
    assert refused["error"] == "too_many_requests" and 1 <= refused["retry_after"] <= 61
    assert abs(int(saves[-1].headers["Retry-After"]) - refused["retry_after"]) <= 1
    assert "at most 3 requests in 60 s" in refused["message"]
    # The limit is per problem and per attempt: the other problem, and another candidate, still save.
    assert ada.post(api(token, f"/problems/{versions[1]}/draft"), json={"code": "y", "notes": ""}).status_code == 200
    eve, eve_token = start("Eve")
    other = eve.post(api(eve_token, f"/problems/{versions[0]}/draft"), json={"code": "z", "notes": ""})
    assert other.status_code == 200


def test_each_app_keeps_its_own_rate_limits_whatever_other_apps_the_process_made(candidates, make_app):
    """One Limiter for the whole process took the newest app's settings: an app made after one with limits off
    had none (an e2e server lost its autosave limit to the web tests run before it in the same worker)."""
    _, start, versions = candidates(RATELIMIT_ENABLED=True, DRAFT_RATE_LIMIT="1 per minute")
    make_app(RATELIMIT_ENABLED=False)
    ada, token = start("Ada")
    saves = [ada.post(api(token, f"/problems/{versions[0]}/draft"), json={"code": f"x = {n}", "notes": ""})
             for n in range(2)]
    assert [save.status_code for save in saves] == [200, 429]


def test_past_the_history_budget_the_latest_draft_replaces_the_previous_one(candidates):
    app, start, versions = candidates(DRAFT_HISTORY_BYTES=1000)
    ada, token = start("Ada")
    for n in range(6):
        draft = {"code": "x" * 300 + str(n), "notes": ""}
        assert ada.post(api(token, f"/problems/{versions[0]}/draft"), json=draft).status_code == 200
    with app.app_context():
        rows = get_db().exec(select(Draft).where(Draft.attempt_id == attempt_of(token).id).order_by(Draft.id)).all()
        assert [row.code[-1] for row in rows] == ["0", "1", "5"]  # history up to the budget, then the latest
        assert sum(row.size for row in rows) == 3 * 301
    assert b"x" * 300 + b"5" in ada.get(f"/invite/{token}/problem/0").data


def test_an_autosave_and_a_page_load_one_draft_however_long_the_history(candidates):
    """Each autosave reads the newest draft: reading the whole history made a long screen's saves ever slower."""
    app, start, versions = candidates(RATELIMIT_ENABLED=False)
    ada, token = start("Ada")
    with app.app_context():
        attempt_id = attempt_of(token).id
        get_db().add_all(Draft(attempt_id=attempt_id, problem_version_id=versions[0], code=f"x = {n}", notes="",
                               size=5) for n in range(200))
        get_db().commit()
    loaded = []

    def count(draft, _context):
        loaded.append(draft.id)

    event.listen(Draft, "load", count)
    try:
        saved = ada.post(api(token, f"/problems/{versions[0]}/draft"), json={"code": "y = 1", "notes": ""})
        assert saved.status_code == 200
        assert ada.get(f"/invite/{token}/problem/0").status_code == 200
    finally:
        event.remove(Draft, "load", count)
    assert len(loaded) <= 2, f"{len(loaded)} drafts read"


@contextlib.contextmanager
def recorded_statements(app):
    """The SQL statements the block sends, in order."""
    statements = []

    def record(_connection, _cursor, statement, *_):
        statements.append(statement)

    with app.app_context():
        engine = engine_of(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_a_candidate_request_reads_its_invite_attempt_and_screen_in_one_statement(candidates, database):
    """Every candidate request starts from the token: three lookups in turn were three round trips to the
    database on each autosave, the hottest request of a screen; it needs no problem version row either."""
    app, start, versions = candidates(RATELIMIT_ENABLED=False)
    ada, token = start("Ada")
    draft = api(token, f"/problems/{versions[0]}/draft")
    assert ada.post(draft, json={"code": "x = 0", "notes": ""}).status_code == 200
    with recorded_statements(app) as statements:
        saved = ada.post(draft, json={"code": "y = 1", "notes": ""})
    assert saved.status_code == 200
    if database == "postgresql":  # the save's own transaction does not wait for the disk
        setting = statements.index("SET LOCAL synchronous_commit TO OFF")
        assert setting < next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO draft")), statements
        statements.pop(setting)
    reads = [s for s in statements if re.search(r"\bFROM invite\b", s)]
    assert len(reads) == 1 and "JOIN attempt" in reads[0] and "JOIN screen" in reads[0], reads
    versions = [s for s in statements if re.search(r"\bFROM problemversion\b", s)]
    assert len(versions) == 1 and "problemversion.title" not in versions[0], versions  # its kind only
    assert len(statements) <= 5, statements  # token, kind, last draft, history size, insert
    assert ada.post(api(token, "/problems/999999/draft"), json={"code": "z", "notes": ""}).status_code == 404


def test_a_problem_page_reads_the_screens_problem_versions_in_one_statement(candidates):
    app, start, versions = candidates(RATELIMIT_ENABLED=False)
    ada, token = start("Ada")
    assert ada.get(f"/invite/{token}/problem/1").status_code == 200
    with recorded_statements(app) as statements:
        page = ada.get(f"/invite/{token}/problem/1")
    assert page.status_code == 200
    reads = [s for s in statements if re.search(r"\bFROM problemversion\b", s)]
    assert len(reads) == 1 and " IN " in reads[0], reads


def test_a_limited_request_reads_the_limiters_store_once(candidates):
    """Flask-Limiter's X-RateLimit-* headers read the window again after the hit: a second round trip to Redis
    on every autosave. Only a refusal says when to retry."""
    app, start, versions = candidates(RATELIMIT_ENABLED=True, DRAFT_RATE_LIMIT="2 per minute")
    ada, token = start("Ada")
    strategy = app.extensions["techscreen.limiter"].limiter
    calls = []
    for name in ("hit", "test", "get_window_stats"):
        real = getattr(strategy, name)
        setattr(strategy, name, lambda *args, _real=real, _name=name, **kw: calls.append(_name) or _real(*args, **kw))
    draft = api(token, f"/problems/{versions[0]}/draft")
    saves = [ada.post(draft, json={"code": f"x = {n}", "notes": ""}) for n in range(3)]
    assert [save.status_code for save in saves] == [200, 200, 429]
    assert calls[:2] == ["hit", "hit"], calls
    assert "X-RateLimit-Limit" not in saves[0].headers
    assert 1 <= int(saves[2].headers["Retry-After"]) <= 61 and "X-RateLimit-Limit" not in saves[2].headers


def test_events_are_rate_limited_and_capped_per_attempt(candidates):
    app, start, versions = candidates(RATELIMIT_ENABLED=True, EVENT_RATE_LIMIT="5 per minute", EVENTS_PER_ATTEMPT=4)
    ada, token = start("Ada")  # starting records the first event
    answers = [ada.post(api(token, "/events"), json={"kind": "focus_lost", "problem": versions[0]}) for _ in range(6)]
    assert [answer.status_code for answer in answers] == [201, 201, 201, 429, 429, 429]
    assert [answer.get_json().get("error") for answer in answers[3:]] == ["too_many_events", "too_many_events",
                                                                          "too_many_requests"]
    assert "maximum of 4 events" in answers[3].get_json()["message"]
    with app.app_context():
        assert len(get_db().exec(select(Event).where(Event.attempt_id == attempt_of(token).id)).all()) == 4


def test_events_after_finishing_or_after_the_deadline_are_refused(candidates):
    app, start, versions = candidates()
    ada, ada_token = start("Ada")
    assert ada.post(f"/invite/{ada_token}/finish").status_code == 302
    late = ada.post(api(ada_token, "/events"), json={"kind": "paste", "problem": versions[0], "chars": 500})
    assert late.status_code == 409 and "finished" in late.get_json()["message"]
    eve, eve_token = start("Eve")
    with app.app_context():
        attempt = attempt_of(eve_token)
        attempt.deadline = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        get_db().add(attempt)
        get_db().commit()
    assert eve.post(api(eve_token, "/events"), json={"kind": "focus_lost"}).status_code == 409
    with app.app_context():
        kinds = get_db().exec(select(Event.kind).order_by(Event.id)).all()
    assert "paste" not in kinds and "focus_lost" not in kinds
