"""In real Chromium: a refused progress stream falls back to polling; a refused autosave keeps the text and retries
(also before Finish)."""

import re

from playwright.sync_api import expect

from server.db import get_db
from server.problems.bank import load
from server.services.drafts import latest_draft
from tests.e2e.test_candidate_browser import TIMEOUT_MS, make_invite, replace_editor_text
from tests.web.test_candidate_limits import attempt_of

SOLUTION = load("cosine-similarity").solution


def start(page, live_app, name):
    token = make_invite(live_app, name)
    page.goto(f"{live_app.config['PUBLIC_URL']}/invite/{token}")
    page.click("#start")
    expect(page.locator("#code-editor .cm-editor")).to_be_visible()
    return token


def test_with_every_progress_stream_refused_the_verdict_still_arrives_by_polling(live_app, page):
    live_app.config["PROGRESS_STREAMS_PER_ATTEMPT"] = 0  # the server refuses each stream of this attempt
    start(page, live_app, "Ada")
    polled = []
    page.on("request", lambda request: polled.append(request.url) if request.url.endswith("/status") else None)
    replace_editor_text(page, "#code-editor", SOLUTION)
    page.click("#run")
    expect(page.locator("#verdict")).to_contain_text("accepted", timeout=TIMEOUT_MS)
    expect(page.locator("#run")).to_be_enabled()
    assert polled, "the page never polled the status address"


def test_an_autosave_refused_as_too_frequent_says_so_and_saves_the_latest_text_later(live_app, page):
    live_app.config["DRAFT_RATE_LIMIT"] = "1 per 20 seconds"
    token = start(page, live_app, "Ada")
    replace_editor_text(page, "#code-editor", "first = 1\n")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"^saved "), timeout=10_000)
    replace_editor_text(page, "#code-editor", "second = 2\n")
    state = page.locator("#save-state")
    expect(state).to_contain_text("saving too often", timeout=10_000)
    assert "429" not in state.inner_text()
    replace_editor_text(page, "#code-editor", "third = 3\n")  # typed while waiting: this is what gets saved
    expect(state).to_have_text(re.compile(r"^saved "), timeout=60_000)
    page.goto(f"{live_app.config['PUBLIC_URL']}/invite/{token}/problem/0")
    expect(page.locator("#code-editor .cm-content")).to_contain_text("third = 3")


def test_finish_waits_out_a_refused_autosave_so_the_last_text_is_kept(live_app, page):
    live_app.config["DRAFT_RATE_LIMIT"] = "1 per 20 seconds"
    token = start(page, live_app, "Ada")
    replace_editor_text(page, "#code-editor", "first = 1\n")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"^saved "), timeout=10_000)
    replace_editor_text(page, "#code-editor", "last = 2\n")
    version = int(page.locator("#workspace").get_attribute("data-problem"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#finish")
    expect(page.get_by_text("Screen finished")).to_be_visible(timeout=40_000)
    with live_app.app_context():
        assert latest_draft(get_db(), attempt_of(token).id, version).code == "last = 2\n"
