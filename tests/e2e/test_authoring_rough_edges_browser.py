"""In real Chromium, the authoring page's rough edges: the settings form edits the entry point and gives the float
checker its default tolerances, and a cell that is not JSON is marked and says what to write."""

import re

from playwright.sync_api import expect

from tests.e2e.test_authoring_cases_browser import open_public_cases
from tests.e2e.test_journey_browser import open_authoring_tab


def test_the_settings_form_edits_the_entry_point_and_defaults_the_float_tolerances(live_app, page, screenshots):
    open_public_cases(live_app, page, '[\n  {"name": "a", "args": [[1]], "expected": 1}\n]\n')
    open_authoring_tab(page, "settings")
    toml = page.locator('.editor[data-file="problem.toml"] .cm-content')
    entry = page.locator('#settings-form [name="entry_point"]')
    expect(entry).to_have_value("count_positive")
    entry.fill("count_above_zero")
    page.select_option('#settings-form [name="checker.type"]', "float")
    expect(page.locator('#settings-form [name="checker.rel_tol"]')).to_have_attribute(
        "placeholder", "(default: 1e-09 for the float checker, else 0)")
    page.click("#apply-settings")
    expect(toml).to_contain_text('entry_point = "count_above_zero"')
    expect(toml).to_contain_text("rel_tol = 1e-09")
    expect(toml).to_contain_text("abs_tol = 1e-09")
    expect(page.locator("#settings-error")).to_be_hidden()
    page.screenshot(path=screenshots / "author-settings-defaults.png", full_page=True)


def test_a_cell_that_is_not_json_is_marked_and_says_what_to_write(live_app, page, screenshots):
    public = open_public_cases(live_app, page, '[\n  {"name": "a", "args": [[1]], "expected": 1}\n]\n')
    row = public.locator("tbody tr").nth(0)
    row.locator('[data-key="expected"]').fill("one")
    problems = row.locator(".row-problems")
    expect(problems).to_contain_text('expected: not JSON')
    expect(problems).to_contain_text('Text needs double quotes: "one".')
    expect(row.locator('[data-key="expected"]')).to_have_attribute("aria-invalid", "true")
    expect(row.locator('[data-key="args"]')).not_to_have_attribute("aria-invalid", "true")
    page.screenshot(path=screenshots / "author-row-errors.png")
    row.locator('[data-key="name"]').fill("bad name")
    row.locator('[data-key="expected"]').fill('"one"')
    expect(problems).to_have_text("name: use 1 to 64 letters, digits, '_', '.' or '-' (no spaces)")
    expect(row.locator('[data-key="expected"]')).not_to_have_attribute("aria-invalid", "true")


def test_an_author_tries_the_problem_as_a_candidate(live_app, page, screenshots):
    open_public_cases(live_app, page, '[\n  {"name": "a", "args": [[1, -2, 3]], "expected": 2}\n]\n')
    page.click("#save")
    expect(page.locator("#save-state")).to_contain_text("saved", timeout=10_000)
    sent = []
    page.context.on("request", lambda request: sent.append(request.url) if "/api/candidate/" in request.url else None)
    with page.expect_popup() as opened:
        page.click("#try-as-candidate")
    workspace = opened.value
    workspace.set_viewport_size({"width": 800, "height": 900})
    expect(workspace.locator("#preview-banner")).to_contain_text("as a candidate sees it")
    expect(workspace.locator("#code-editor .cm-content")).to_contain_text("def count_positive")
    expect(workspace.locator(".markdown")).to_contain_text("count_positive")
    expect(workspace.locator("#clock")).to_have_text(re.compile(r"^\d+ min \(not running\)$"))
    expect(workspace.locator("#run")).to_be_disabled()
    workspace.click("#code-editor .cm-content")
    workspace.keyboard.type("# trying it\n")
    expect(workspace.locator("#code-editor .cm-content")).to_contain_text("# trying it")
    workspace.wait_for_timeout(1500)  # past the lint delay: nothing goes to the candidate API
    assert sent == []
    assert workspace.evaluate("document.documentElement.scrollWidth") <= 800
    workspace.screenshot(path=screenshots / "author-try-as-candidate-800.png", full_page=True)
