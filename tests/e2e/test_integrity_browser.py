"""What real Chromium reports as a candidate closes the workspace, opens the invite again and reloads, and how the
reviewer reads it: leaving the page, then coming back; never a focus lost the candidate "never came back" from."""

import datetime as dt
import time

from playwright.sync_api import expect
from sqlmodel import select

from server.db import get_db
from server.models import Event
from server.services.attempts import create_invite, invite_for
from server.services.staff import add_screen, add_user
from tests.web.conftest import PASSWORD, csrf_token


def recorded(app, token, kind: str, count: int = 1, timeout: float = 15.0) -> list[Event]:
    """The attempt's events once ``count`` of ``kind`` arrived (the browser sends them without waiting)."""
    deadline = time.monotonic() + timeout
    while True:
        with app.app_context():
            session = get_db()
            _, attempt, _ = invite_for(session, token)
            found = list(session.exec(select(Event).where(Event.attempt_id == attempt.id).order_by(Event.id)))
        if sum(event.kind == kind for event in found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def away_panel(app, token) -> str:
    """The integrity panel of the attempt's page, as a reviewer sees it."""
    with app.app_context():
        _, attempt, _ = invite_for(get_db(), token)
    reviewer = app.test_client()
    form = csrf_token(reviewer.get("/auth/login").data)
    signed_in = reviewer.post("/auth/login", data={"email": "reviewer@example.com", "password": PASSWORD,
                                                   "csrf_token": form})
    assert signed_in.status_code == 302
    page = reviewer.get(f"/review/attempts/{attempt.id}").data.decode()
    return page[page.index('<dl class="signals">'):page.index("</dl>")]


def test_closing_the_page_reads_as_leaving_it_and_opening_it_again_as_coming_back(live_app, page):
    base = live_app.config["PUBLIC_URL"]
    with live_app.app_context():
        add_user(get_db(), "reviewer@example.com", "Rita Reviewer", "reviewer", PASSWORD)
        screen = add_screen(get_db(), "Screen", 30, ["cosine-similarity", "moving-average"])
        token = create_invite(get_db(), screen, "Ada", "ada@example.com", 3)[1]
    page.goto(f"{base}/invite/{token}")
    page.click("#start")
    expect(page.locator("#code-editor .cm-editor")).to_be_visible()
    opened = [e for e in recorded(live_app, token, "page_opened") if e.kind == "page_opened"]
    assert len(opened) == 1 and opened[0].detail["focused"] is True

    context = page.context
    page.close()
    events = recorded(live_app, token, "page_left")
    left = [e for e in events if e.kind == "page_left"]
    assert [e.detail["page"] for e in left] == [opened[0].detail["page"]]  # the page said it went away
    panel = away_panel(live_app, token)
    assert "left the page (closed, reloaded or navigated away); not back yet" in panel
    assert "never came back" not in panel and "switched away" not in panel

    with live_app.app_context():  # five minutes pass before the candidate opens the invite again
        session = get_db()
        for event in session.exec(select(Event)):
            event.at -= dt.timedelta(minutes=5)
            session.add(event)
        session.commit()
    again = context.new_page()
    again.goto(f"{base}/invite/{token}/problem/1")
    expect(again.locator("#code-editor .cm-editor")).to_be_visible()
    recorded(live_app, token, "page_opened", count=2)
    again.reload()  # a reload (and so a move to another problem) is no time away
    expect(again.locator("#code-editor .cm-editor")).to_be_visible()
    recorded(live_app, token, "page_opened", count=3)
    panel = away_panel(live_app, token)
    assert panel.count("<li>") == 1 and "1 time, away 5:0" in panel
    assert "left the page (closed, reloaded or navigated away), came back at" in panel and "(5 min " in panel
