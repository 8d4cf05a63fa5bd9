"""One journey in real Chromium, each person in their own browser session.

An admin adds an author and a reviewer; the author creates a problem, edits it,
validates it in the sandbox, publishes it and puts it into a screen that shows
candidates their score total; the admin invites a candidate, sees the link once
and cannot open it while signed in; the candidate solves it in the workspace (a wrong run, a
paste, notes, a submit); the reviewer finds the attempt, reads the submission,
scrubs the playback, submits a scorecard and exports the screen's CSV.
"""

import contextlib
import csv
import io

from playwright.sync_api import expect

from server.db import get_db
from server.problems.scaffold import SOLUTION, WRONG
from server.services.staff import add_user
from tests.e2e.test_candidate_browser import replace_editor_text

PASSWORD = "correct horse battery"
TIMEOUT_MS = 120_000
NOTES = "One pass over the values, each value once: time O(n), space O(1). Edge case: an empty list gives 0.\n"


@contextlib.contextmanager
def person(browser, **options):
    """A fresh browser session (its own cookies), as a different person on another machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(page, base, email, lands_on):
    """Sign in from the home page; each role lands on its own work."""
    page.goto(f"{base}/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}{lands_on}")


def open_authoring_tab(page, name):
    """Open a tab of the authoring page once its script has run: a click that lands before does nothing."""
    page.wait_for_load_state("load")
    page.click(f'#tabs [data-tab="{name}"]')
    expect(page.locator(f'#tabs [data-tab="{name}"]')).to_have_class("current")


def test_author_to_candidate_to_reviewer(live_app, browser, screenshots):
    base = live_app.config["PUBLIC_URL"]
    with live_app.app_context():
        add_user(get_db(), "admin@example.com", "Ada Admin", "admin", PASSWORD)
    with person(browser) as admin:
        sign_in(admin, base, "admin@example.com", "/admin/")
        add_staff(admin, base, "author@example.com", "Alan Author", "author")
        add_staff(admin, base, "reviewer@example.com", "Rita Reviewer", "reviewer")
        with person(browser) as author:
            sign_in(author, base, "author@example.com", "/author/")
            author_publishes(author, screenshots)
            author_makes_a_screen(author, base)
        link = admin_invites(admin, base, screenshots)
    with person(browser, permissions=["clipboard-read", "clipboard-write"]) as candidate:
        candidate_solves(candidate, link, screenshots)
    with person(browser) as reviewer:
        sign_in(reviewer, base, "reviewer@example.com", "/review/")
        reviewer_reviews(reviewer, screenshots)


def add_staff(page, base, email, name, role):
    page.goto(f"{base}/admin/users")
    form = page.locator("form:has(#add-user)")  # each listed user has a name, role and password field too
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=role]").select_option(role)
    form.locator("input[name=password]").fill(PASSWORD)
    page.click("#add-user")
    expect(page.locator("p.flash")).to_contain_text(f"Added {email} as {role}")


def author_publishes(page, screenshots):
    """Create from the scaffold, edit statement, a test row and a limit, validate, publish."""
    expect(page.locator("h1")).to_have_text("Problems")
    page.screenshot(path=screenshots / "author-list.png", full_page=True)

    page.fill("#new-problem input[name=id]", "e2e-count")
    page.fill("#new-problem input[name=title]", "Count positives")
    page.click("#new-problem button")
    expect(page.locator("#state")).to_have_text("draft")
    expect(page.locator("#preview")).to_contain_text("greater than zero")

    replace_editor_text(page, '.editor[data-file="statement.md"]',
                        "# Count positives\n\nReturn how many values are **strictly positive**.\n")
    expect(page.locator("#preview strong")).to_have_text("strictly positive")
    expect(page.locator("#preview h2")).to_have_text("Allowed imports")  # from problem.toml, as candidates see it
    expect(page.locator("#preview")).to_contain_text("math, collections, itertools, functools, heapq, bisect")
    page.screenshot(path=screenshots / "author-statement.png", full_page=True)

    open_authoring_tab(page, "tests")
    public = page.locator('.case-file[data-file="tests/public.json"]')
    public.locator(".add-case").click()
    row = public.locator("tbody tr").nth(1)
    row.locator('[data-key="args"]').fill("[[4, -2, 7")
    expect(row.locator(".row-problems")).to_contain_text("args: not JSON")
    expect(row.locator('[data-key="args"]')).to_have_attribute("aria-invalid", "true")  # the cell at fault
    row.locator('[data-key="args"]').fill("[[4, -2, 7]]")
    expect(row.locator(".row-problems")).to_contain_text("needs 'expected' or 'raises'")
    row.locator('[data-key="expected"]').fill("2")
    expect(row.locator(".row-problems")).to_be_empty()
    expect(row).not_to_have_class("invalid")
    page.screenshot(path=screenshots / "author-tests.png", full_page=True)
    public.locator('.view-switch [data-view="raw"]').click()
    expect(public.locator(".cm-content")).to_contain_text('"args": [[4, -2, 7]], "expected": 2')

    open_authoring_tab(page, "settings")
    toml = page.locator('.editor[data-file="problem.toml"] .cm-content')
    expect(toml).to_contain_text('target = "O(n)"')
    expect(page.locator('#settings-form [name="limits.memory_mb"]')).to_have_value("256")
    page.fill('#settings-form [name="limits.cpu_seconds"]', "2")
    expect(page.locator(".rubric-point")).to_have_count(1)
    page.click("#add-point")
    point = page.locator(".rubric-point").nth(1)
    point.locator('[data-key="id"]').fill("empty-input")
    page.click("#apply-settings")
    expect(page.locator("#settings-error")).to_contain_text("Rubric point 2: description is required")
    point.locator('[data-key="description"]').fill("Says what an empty list gives")
    point.locator('[data-key="phrases"]').fill("empty list\nno values")
    page.click("#apply-settings")
    expect(toml).to_contain_text("cpu_seconds = 2")
    expect(toml).to_contain_text('id = "empty-input"')
    expect(page.locator("#settings-error")).to_be_hidden()
    page.screenshot(path=screenshots / "author-settings.png", full_page=True)
    open_authoring_tab(page, "submissions")
    page.get_by_role("link", name="wrong_answer/zero_is_positive.py").click()
    expect(page.locator("#submission-editor .cm-content")).to_contain_text("value >= 0")
    page.screenshot(path=screenshots / "author-submissions.png", full_page=True)

    page.click("#save")
    expect(page.locator("#save-state")).to_contain_text("saved")
    expect(page.locator("#issues")).to_be_hidden()
    expect(page.locator("#publish")).to_be_disabled()
    page.click("#validate")
    expect(page.locator("#validate-progress .label")).to_contain_text("Validating")
    page.screenshot(path=screenshots / "author-validating.png")
    expect(page.locator("#report h2")).to_have_text("Validation passed", timeout=TIMEOUT_MS)
    expect(page.locator("#report")).to_contain_text("Reference complexity: measured O(n) vs target O(n): meets")
    expect(page.locator("#validation")).to_have_text("validation: passed")
    page.screenshot(path=screenshots / "author-report.png", full_page=True)

    expect(page.locator("#publish")).to_be_enabled()
    page.click("#publish")
    expect(page.locator("p.flash")).to_contain_text("Published e2e-count version 1")
    expect(page.locator("#state")).to_have_text("published")
    expect(page.locator("#publish")).to_be_disabled()
    open_authoring_tab(page, "history")
    expect(page.locator("#versions")).to_contain_text("v1")
    expect(page.locator("#validation-runs tbody tr")).to_have_count(1)
    expect(page.locator("#validation-runs")).to_contain_text("author@example.com")
    expect(page.locator("#validation-runs")).to_contain_text("passed")
    page.screenshot(path=screenshots / "author-published.png", full_page=True)


def author_makes_a_screen(page, base):
    page.goto(f"{base}/admin/screens")
    page.fill("input[name=name]", "Authored screen")
    page.fill("input[name=minutes]", "30")
    page.get_by_label("Count positives").check()
    page.get_by_label("The verdict, hidden-test counts and the score total").check()
    page.click("button.primary")
    expect(page.locator("p.flash")).to_contain_text("Created screen 'Authored screen'")
    expect(page.locator("table.grid")).to_contain_text("Count positives")


def admin_invites(page, base, screenshots) -> str:
    page.goto(f"{base}/admin/invites")
    page.select_option("select[name=screen]", label="Authored screen (30 min)")
    page.fill("input[name=name]", "Grace Hopper")
    page.fill("input[name=email]", "grace@example.com")
    page.click("button.primary")
    expect(page.locator("p.flash")).to_contain_text("Invite for Grace Hopper created")
    page.screenshot(path=screenshots / "admin-invite.png")
    link = page.locator("#invite-link").input_value()
    page.goto(f"{base}/admin/")  # the link is not shown again, and the admin's browser cannot use it
    expect(page.locator("table.grid")).to_contain_text("Grace Hopper")
    expect(page.locator("body")).not_to_contain_text(link)
    page.goto(link)
    expect(page.locator("#staff-session")).to_contain_text("You are signed in as staff")
    return link


def candidate_solves(page, link, screenshots):
    """A wrong first try, run; the right code pasted; notes; submit."""
    page.goto(link)
    expect(page.get_by_text("Hello Grace Hopper")).to_be_visible()
    page.click("#start")
    expect(page.locator(".statement strong")).to_have_text("strictly positive")
    replace_editor_text(page, "#code-editor", WRONG)
    page.click("#run")
    expect(page.locator("#verdict")).to_contain_text("wrong answer", timeout=TIMEOUT_MS)
    page.screenshot(path=screenshots / "candidate-wrong-run.png", full_page=True)

    page.evaluate("text => navigator.clipboard.writeText(text)", SOLUTION)
    page.click("#code-editor .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+V")
    expect(page.locator("#code-editor .cm-content")).to_contain_text("value > 0")
    replace_editor_text(page, "#notes-editor", NOTES)
    page.click("#submit")
    expect(page.locator("#score")).to_contain_text("Score", timeout=TIMEOUT_MS)  # this screen shows the total
    expect(page.locator("#verdict")).to_contain_text("accepted")
    expect(page.locator("#hidden-counts")).to_contain_text("Hidden tests:")
    expect(page.locator("#results")).not_to_contain_text("hire")  # never the band
    page.screenshot(path=screenshots / "candidate-submitted.png", full_page=True)


def reviewer_reviews(page, screenshots):
    """Dashboard, submission, playback scrubbing, scorecard, the screen's CSV."""
    expect(page.locator("table.attempts")).to_contain_text("Grace Hopper")
    page.click("text=Grace Hopper")
    expect(page.locator("h1")).to_contain_text("Grace Hopper")
    expect(page.locator("dl.signals")).to_contain_text(f"1 ({len(SOLUTION)} characters in all)")
    page.screenshot(path=screenshots / "journey-attempt.png", full_page=True)

    page.click("a[href^='/review/submissions/']")
    expect(page.locator("#tests")).to_contain_text("zeros")
    expect(page.locator("#complexity svg")).to_be_visible()
    expect(page.locator("#narration")).to_contain_text("Counts in one pass over the values")
    expect(page.locator("#narration tr", has_text="Says what an empty list gives")).to_contain_text("✓")
    page.screenshot(path=screenshots / "journey-submission.png", full_page=True)

    page.click("text=playback")
    code = page.locator("#snapshot-code")
    expect(code).to_contain_text("value > 0")
    page.locator("#scrubber").fill("0")
    expect(code).to_contain_text("value >= 0")
    for kind in ("run", "paste", "submit"):
        expect(page.locator(f"#markers .mark.{kind}")).to_have_count(1)
    last = page.locator("#scrubber").get_attribute("max")
    page.select_option("#diff-a", "0")
    page.select_option("#diff-b", last)
    page.click("#diff-show")
    expect(page.locator("#diff-output .removed", has_text="value >= 0")).to_have_count(1)
    expect(page.locator("#diff-output .added", has_text="value > 0")).to_have_count(1)
    page.screenshot(path=screenshots / "journey-playback.png", full_page=True)

    page.go_back()
    page.click("text=Grace Hopper")
    for key, score in (("problem_solving", 3), ("code_quality", 4), ("communication", 3), ("ml_fluency", 2)):
        page.check(f"input[name={key}_score][value='{score}']")
    page.fill("textarea[name=problem_solving_notes]", "Fixed the zero case after one run.")
    page.select_option("#decision", "yes")
    page.once("dialog", lambda dialog: dialog.accept())  # a submitted scorecard is final: the page asks first
    page.click("#submit-scorecard")
    expect(page.locator(".flash")).to_contain_text("Scorecard submitted")
    page.screenshot(path=screenshots / "journey-scorecard.png", full_page=True)

    page.click("a:has-text('Review')")
    page.select_option("select[name=screen]", label="Authored screen")
    page.click("#filters button.primary")
    with page.expect_download() as download_info:
        page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == 1, rows
    (grace,) = rows
    assert grace["candidate_name"] == "Grace Hopper" and grace["e2e-count:verdict"] == "accepted"
    assert grace["decision:yes"] == "1" and grace["mean:code_quality"] == "4.0" and float(grace["score"]) > 0
