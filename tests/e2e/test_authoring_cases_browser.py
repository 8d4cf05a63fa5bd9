"""In real Chromium: the authoring page's tests table edits cases holding NaN and typed arrays, and writes
every other value back as it was.

The table read the file with JSON.parse, which refuses Python's NaN (so the table of stable-softmax's tests
would not open) and turns 1.0 into 1 and an int64 beyond 2**53 into a neighbour: one edited cell rewrote
every case's numbers.
"""

from playwright.sync_api import expect

from server.db import get_db
from server.services.staff import add_user
from tests.e2e.test_candidate_browser import replace_editor_text
from tests.e2e.test_journey_browser import PASSWORD, open_authoring_tab, sign_in

TYPED = ('{"name": "typed", "args": [{"$ndarray": {"dtype": "int64", "shape": [2], '
         '"data": [4611686018427387905, -1]}}], "expected": 1.0}')
NON_FINITE = '{"name": "non_finite", "args": [[1.0, NaN, -Infinity]], "expected": 1}'


def open_public_cases(live_app, page, text):
    """A fresh problem whose tests/public.json is ``text``, shown as the table."""
    base = live_app.config["PUBLIC_URL"]
    with live_app.app_context():
        add_user(get_db(), "author@example.com", "Alan Author", "author", PASSWORD)
    sign_in(page, base, "author@example.com", "/author/")
    page.fill("#new-problem input[name=id]", "typed-cases")
    page.fill("#new-problem input[name=title]", "Typed cases")
    page.click("#new-problem button")
    open_authoring_tab(page, "tests")
    public = page.locator('.case-file[data-file="tests/public.json"]')
    public.locator('.view-switch [data-view="raw"]').click()
    replace_editor_text(page, '.editor[data-file="tests/public.json"]', text)
    public.locator('.view-switch [data-view="table"]').click()
    return public


def raw_text(public):
    public.locator('.view-switch [data-view="raw"]').click()
    return public.locator(".cm-content")


def test_a_cell_edit_keeps_the_typed_values_of_every_case(live_app, page):
    public = open_public_cases(live_app, page, f"[\n  {TYPED}\n]\n")
    row = public.locator("tbody tr").nth(0)
    expect(row.locator('[data-key="args"]')).to_have_value(
        '[{"$ndarray": {"dtype": "int64", "shape": [2], "data": [4611686018427387905, -1]}}]')
    row.locator('[data-key="name"]').fill("typed_renamed")
    expect(row.locator(".row-problems")).to_be_empty()
    expect(raw_text(public)).to_contain_text(TYPED.replace('"typed"', '"typed_renamed"'))


def test_cases_with_nan_open_as_a_table_and_nan_can_be_typed_in_a_cell(live_app, page):
    public = open_public_cases(live_app, page, f"[\n  {NON_FINITE}\n]\n")
    expect(public.locator(".case-general")).to_be_hidden()
    row = public.locator("tbody tr").nth(0)
    expect(row.locator('[data-key="args"]')).to_have_value("[[1.0, NaN, -Infinity]]")

    public.locator(".add-case").click()
    added = public.locator("tbody tr").nth(1)
    added.locator('[data-key="args"]').fill("[[NaN, Infinity, 2.0]]")
    expect(added.locator(".row-problems")).to_contain_text("needs 'expected' or 'raises'")  # the server read it
    added.locator('[data-key="expected"]').fill("2")
    expect(added.locator(".row-problems")).to_be_empty()
    expect(added).not_to_have_class("invalid")
    raw = raw_text(public)
    expect(raw).to_contain_text(NON_FINITE)
    expect(raw).to_contain_text('{"name": "case-2", "args": [[NaN, Infinity, 2.0]], "expected": 2}')
