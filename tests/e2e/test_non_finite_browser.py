"""In real Chromium: results holding NaN and infinities render, and no unreadable answer leaves Run and Submit
disabled, not even after a reload.

stable-softmax's public tests take NaN as an input, so every Run of it once
sent ``NaN`` in JSON, which the browser could not parse: the page waited for
ever, and a reload resumed the same wait.
"""

from playwright.sync_api import expect

from server.db import get_db
from server.problems.bank import load
from server.services.attempts import create_invite
from server.services.staff import add_screen
from tests.e2e.test_candidate_browser import TIMEOUT_MS, replace_editor_text
from tests.web.test_strict_json import TEXTBOOK

STARTER = load("stable-softmax").starter
UNREADABLE = "could not be read"


def open_softmax(live_app, page, name: str) -> None:
    with live_app.app_context():
        screen = add_screen(get_db(), f"Softmax for {name}", 30, ["stable-softmax"])
        token = create_invite(get_db(), screen, name, f"{name.lower()}@example.com", 3)[1]
    page.goto(f"{live_app.config['PUBLIC_URL']}/invite/{token}")
    page.click("#start")
    expect(page.locator("#code-editor .cm-editor")).to_be_visible()


def expect_usable(page) -> None:
    expect(page.locator("#run")).to_be_enabled(timeout=TIMEOUT_MS)
    expect(page.locator("#submit")).to_be_enabled()


def row(page, name: str):
    return page.locator("table.tests tr", has_text=name)


def test_a_run_of_the_starter_and_of_the_textbook_formula_show_nan_and_infinity(live_app, page, screenshots):
    open_softmax(live_app, page, "Ada")
    expect(page.locator("#code-editor .cm-content")).to_contain_text("raise NotImplementedError")
    page.click("#run")  # the starter, as it is
    expect(page.locator("#verdict")).to_contain_text("Run: runtime error (0/5 tests passed)", timeout=TIMEOUT_MS)
    expect(row(page, "example_nan")).to_contain_text("log_softmax([0.0, NaN])")
    expect_usable(page)
    page.reload()
    expect(page.locator("#verdict")).to_contain_text("runtime error", timeout=TIMEOUT_MS)  # the last run, again
    expect_usable(page)

    replace_editor_text(page, "#code-editor", TEXTBOOK)
    page.click("#run")
    expect(page.locator("#verdict")).to_contain_text("Run: wrong answer", timeout=TIMEOUT_MS)
    expect(row(page, "example_huge_logits")).to_contain_text("[-Infinity, -Infinity, -Infinity]")
    expect(row(page, "example_nan")).to_contain_text("[NaN, NaN]")
    expect(page.locator("#results")).not_to_contain_text("$float")
    expect_usable(page)
    page.screenshot(path=screenshots / "non-finite-run.png", full_page=True)


def test_the_page_recovers_from_answers_it_cannot_read(live_app, page):
    open_softmax(live_app, page, "Bob")
    # The result of the submission is not JSON (the bare NaN of Python's json).
    page.route("**/api/candidate/*/submissions/*",
               lambda route: route.fulfill(status=200, content_type="application/json", body='{"x": NaN}'))
    page.click("#run")
    expect(page.locator("#results")).to_contain_text(UNREADABLE, timeout=TIMEOUT_MS)
    expect_usable(page)
    page.reload()  # the page resumes the run it knew of, and meets the same answer
    expect(page.locator("#results")).to_contain_text(UNREADABLE, timeout=TIMEOUT_MS)
    expect_usable(page)

    # The progress stream's event and the status address cannot be read either.
    page.unroute("**/api/candidate/*/submissions/*")
    page.route("**/api/candidate/*/submissions/*/progress",
               lambda route: route.fulfill(status=200, content_type="text/event-stream",
                                           body='event: progress\ndata: {"phase": "done", "fraction": NaN}\n\n'))
    page.route("**/api/candidate/*/submissions/*/status",
               lambda route: route.fulfill(status=200, content_type="text/html", body="<html>Gateway</html>"))
    page.reload()
    expect(page.locator("#results")).to_contain_text(UNREADABLE, timeout=TIMEOUT_MS)
    expect_usable(page)

    # Submit answered by a proxy's HTML error page.
    page.route("**/api/candidate/*/problems/*/submit",
               lambda route: route.fulfill(status=502, content_type="text/html", body="<h1>Bad Gateway</h1>"))
    page.click("#submit")
    expect(page.locator("#results")).to_contain_text("(HTTP 502)")
    expect_usable(page)

    page.unroute_all()
    page.reload()
    expect(page.locator("#verdict")).to_contain_text("Run: runtime error", timeout=TIMEOUT_MS)
    expect_usable(page)
