"""Judging is shared fairly between candidates: the real queue and judge, real submissions in Docker."""

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import Submission
from server.problems.bank import load
from server.services.attempts import create_invite
from server.services.staff import add_screen
from tests.web.conftest import wait_done

SOLUTION = load("cosine-similarity").solution
# Each test's run takes a while longer, so that the pile's first job is still running when the other arrives.
SLOW_SOLUTION = SOLUTION + "\n\nWARM_UP = sum(i * i for i in range(1_000_000))\n"


def started_invite(app, client, name):
    with app.app_context():
        screen = add_screen(get_db(), f"Screen for {name}", 30, ["cosine-similarity"])
        token = create_invite(get_db(), screen, name, f"{name.lower()}@example.com", 3)[1]
    assert client.post(f"/invite/{token}/start").status_code == 302
    return token, screen.problems[0]


def run(client, token, version, code):
    response = client.post(f"/api/candidate/{token}/problems/{version}/run", json={"code": code, "notes": ""})
    assert response.status_code == 202, response.get_json()
    return response.get_json()["id"]


@pytest.mark.parametrize("workers", [1, 2])
def test_one_candidates_six_runs_do_not_hold_up_anothers(make_app, workers):
    app = make_app(JUDGE_WORKERS=workers)
    busy, other = app.test_client(), app.test_client()
    busy_token, busy_version = started_invite(app, busy, "Busy")
    other_token, other_version = started_invite(app, other, "Other")
    piled = [run(busy, busy_token, busy_version, f"{SLOW_SOLUTION}\n# version {n}\n") for n in range(6)]
    late = run(other, other_token, other_version, SOLUTION)
    views = [wait_done(busy, busy_token, i) for i in piled] + [wait_done(other, other_token, late)]
    assert [view["verdict"] for view in views] == ["accepted"] * 7
    with app.app_context():
        rows = get_db().exec(select(Submission).order_by(Submission.started_at)).all()
    first, arrived = rows[0], next(row for row in rows if row.id == late).created_at
    assert first.id == piled[0] and first.finished_at > arrived  # the pile's first job ran when the other came
    assert [row.id for row in rows].index(late) == 1  # right after it, before the pile's second
