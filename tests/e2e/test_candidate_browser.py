"""A candidate takes a screen in real Chromium: start, type, run, submit, reload, deadline, isolation."""

import datetime as dt

from playwright.sync_api import expect

from server.db import get_db
from server.problems.bank import load
from server.services.attempts import create_invite, invite_for
from server.services.staff import add_screen

SOLUTION = load("cosine-similarity").solution
NOTES = ("One pass accumulates the dot product and both squared norms.\n"
         "Time O(n), space O(1). Edge cases: empty vectors and zero norm return 0.0.\n")
TIMEOUT_MS = 120_000


def make_invite(app, name):
    with app.app_context():
        screen = add_screen(get_db(), f"Screen for {name}", 30, ["cosine-similarity", "moving-average"])
        return create_invite(get_db(), screen, name, f"{name.lower()}@example.com", 3)[1]


def replace_editor_text(page, selector, text):
    page.click(f"{selector} .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_a_candidate_takes_the_screen(live_app, page, screenshots):
    base = live_app.config["PUBLIC_URL"]
    token = make_invite(live_app, "Ada")
    page.goto(f"{base}/invite/{token}")
    expect(page.get_by_text("Hello Ada")).to_be_visible()
    page.screenshot(path=screenshots / "landing.png")
    page.click("#start")
    expect(page.locator("#code-editor .cm-editor")).to_be_visible()
    expect(page.locator("#clock")).to_contain_text("left")

    replace_editor_text(page, "#code-editor", "import os\n")
    expect(page.locator("#policy")).to_contain_text("Line 1")
    replace_editor_text(page, "#code-editor", SOLUTION)
    replace_editor_text(page, "#notes-editor", NOTES)
    page.click("#run")
    expect(page.locator("#verdict")).to_contain_text("accepted", timeout=TIMEOUT_MS)
    expect(page.locator("table.tests")).to_contain_text("example_basic")
    mismatch = page.locator("table.tests tr", has_text="example_length_mismatch")
    expect(mismatch).to_contain_text("raises ValueError")  # expected; and what the code did, never null:
    expect(mismatch.locator("td").nth(3)).to_have_text("raised ValueError: length mismatch: 2 != 1")
    page.screenshot(path=screenshots / "run.png")

    page.click("#submit")
    expect(page.locator("#progress")).to_be_visible()
    # The tests' verdict first, while complexity is measured; then the rest.
    expect(page.locator("#score-pending")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#verdict")).to_contain_text("Submission: accepted")
    expect(page.locator("#progress")).to_be_visible()
    expect(page.locator("#score-pending")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(page.locator("#hidden-counts")).to_contain_text("Hidden tests:", timeout=TIMEOUT_MS)
    expect(page.locator("#hidden-counts")).to_contain_text("correctness")
    expect(page.locator("#verdict")).to_contain_text("Submission:")
    # Hidden tests as counts, no row each; by default no score, and never a band.
    expect(page.locator("table.tests tr")).to_have_count(1 + len(load("cosine-similarity").public_cases))
    expect(page.locator("#score")).to_have_count(0)
    expect(page.locator("#results")).not_to_contain_text("hidden test")
    expect(page.locator("#results")).not_to_contain_text("hire")
    page.screenshot(path=screenshots / "submitted.png", full_page=True)

    page.reload()
    expect(page.locator("#code-editor .cm-content")).to_contain_text("def cosine_similarity")
    expect(page.locator("#notes-editor .cm-content")).to_contain_text("squared norms")
    expect(page.locator("#hidden-counts")).to_be_visible(timeout=TIMEOUT_MS)  # reconnects to the last one

    with live_app.app_context():
        session = get_db()
        _, attempt, _ = invite_for(session, token)
        attempt.deadline = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        session.add(attempt)
        session.commit()
    page.reload()
    expect(page.locator("#read-only-banner")).to_be_visible()
    expect(page.locator("#submit")).to_be_disabled()
    page.screenshot(path=screenshots / "read-only.png")
    late = page.evaluate("""async () => {
        const ws = document.getElementById('workspace');
        const response = await fetch(`/api/candidate/${ws.dataset.token}/problems/${ws.dataset.problem}/submit`, {
            method: 'POST', headers: {'Content-Type': 'application/json',
            'X-CSRFToken': document.querySelector('meta[name=csrf-token]').content},
            body: JSON.stringify({code: 'x = 1', notes: ''})});
        return {status: response.status, body: await response.json()};
    }""")
    assert late["status"] == 409 and "Time is up" in late["body"]["message"]


def test_a_second_candidate_cannot_open_the_first_ones_attempt(live_app, page):
    base = live_app.config["PUBLIC_URL"]
    first, second = make_invite(live_app, "Ada"), make_invite(live_app, "Eve")
    page.goto(f"{base}/invite/{second}")
    page.click("#start")
    expect(page.locator("#code-editor .cm-editor")).to_be_visible()
    status = page.evaluate(f"""async () => (await fetch('/api/candidate/{first[:-2]}xx/submissions/1')).status""")
    assert status == 404
    response = page.goto(f"{base}/invite/{first}x")
    assert response.status == 404
    expect(page.get_by_text("Unknown invite")).to_be_visible()


def test_a_candidate_is_told_judging_is_delayed_while_the_engine_is_away(engine_proxy, live_app, page, screenshots):
    base = live_app.config["PUBLIC_URL"]
    page.goto(f"{base}/invite/{make_invite(live_app, 'Grace')}")
    page.click("#start")
    replace_editor_text(page, "#code-editor", SOLUTION)
    page.click("#run")
    expect(page.locator("#progress")).to_contain_text("Judging is delayed: the judge is unavailable",
                                                      timeout=TIMEOUT_MS)
    expect(page.locator("#progress")).to_contain_text("no need to submit again")
    page.screenshot(path=screenshots / "judging-delayed.png")
    engine_proxy.open()
    expect(page.locator("#verdict")).to_contain_text("accepted", timeout=TIMEOUT_MS)
    expect(page.locator("#progress")).to_be_hidden()
