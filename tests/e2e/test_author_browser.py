"""An author in real Chromium: create, statement with preview, a case in the table, validate, publish, screen."""

from playwright.sync_api import expect

from server.db import get_db
from server.services.staff import add_user
from tests.e2e.test_candidate_browser import replace_editor_text

PASSWORD = "correct horse battery"
TIMEOUT_MS = 120_000


def test_an_author_creates_validates_and_publishes_a_problem(live_app, page, screenshots):
    base = live_app.config["PUBLIC_URL"]
    with live_app.app_context():
        add_user(get_db(), "author@example.com", "Author", "author", PASSWORD)
    page.goto(f"{base}/author/")
    page.fill("input[name=email]", "author@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
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
    page.screenshot(path=screenshots / "author-statement.png", full_page=True)

    page.click('#tabs [data-tab="tests"]')
    public = page.locator('.case-file[data-file="tests/public.json"]')
    public.locator(".add-case").click()
    row = public.locator("tbody tr").nth(1)
    row.locator('[data-key="args"]').fill("[[4, -2, 7")
    expect(row.locator(".row-problems")).to_contain_text("args: not valid JSON")
    row.locator('[data-key="args"]').fill("[[4, -2, 7]]")
    expect(row.locator(".row-problems")).to_contain_text("needs 'expected' or 'raises'")
    row.locator('[data-key="expected"]').fill("2")
    expect(row.locator(".row-problems")).to_be_empty()
    expect(row).not_to_have_class("invalid")
    page.screenshot(path=screenshots / "author-tests.png", full_page=True)
    public.locator('.view-switch [data-view="raw"]').click()
    expect(public.locator(".cm-content")).to_contain_text('"args": [[4, -2, 7]], "expected": 2')

    page.click('#tabs [data-tab="settings"]')
    toml = page.locator('.editor[data-file="problem.toml"] .cm-content')
    expect(toml).to_contain_text('target = "O(n)"')
    expect(page.locator('#settings-form [name="limits.memory_mb"]')).to_have_value("256")
    page.fill('#settings-form [name="limits.cpu_seconds"]', "2")
    page.click("#apply-settings")
    expect(toml).to_contain_text("cpu_seconds = 2")
    page.screenshot(path=screenshots / "author-settings.png", full_page=True)
    page.click('#tabs [data-tab="submissions"]')
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
    page.click('#tabs [data-tab="history"]')
    expect(page.locator("#versions")).to_contain_text("v1")
    page.screenshot(path=screenshots / "author-published.png", full_page=True)

    page.goto(f"{base}/admin/screens")
    page.fill("input[name=name]", "Authored screen")
    page.get_by_label("Count positives").check()
    page.click("button.primary")
    expect(page.locator("p.flash")).to_contain_text("Created screen 'Authored screen'")
    expect(page.locator("table.grid")).to_contain_text("Count positives")
