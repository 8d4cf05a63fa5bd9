"""The candidate's workspace in real Chromium: what a Run shows (calls, prints, raised exceptions), the page at 800 px,
the editor's quotes and search panel, and the messages for too many Runs and for a screen already finished."""

from playwright.sync_api import expect

from tests.e2e.test_candidate_browser import TIMEOUT_MS, replace_editor_text
from tests.e2e.test_candidate_limits_browser import start

PRINTING = ("def cosine_similarity(a, b):\n    print('first value', a[0])\n"
            "    raise ValueError('not written yet: 1234567890.123456789')\n")


def document_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_run_at_800_px_shows_calls_prints_and_raised_exceptions_within_the_page(live_app, browser, screenshots):
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    start(page, live_app, "Ada")
    replace_editor_text(page, "#code-editor", PRINTING)
    page.click("#run")
    expect(page.locator("#verdict")).to_contain_text("runtime error", timeout=TIMEOUT_MS)
    basic = page.locator("table.tests tr", has_text="cosine_similarity([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])")
    expect(basic.locator("td").nth(3)).to_have_text("raised ValueError: not written yet: 1234567890.123456789")
    printed = page.locator("table.tests tr.printed").first
    expect(printed).to_contain_text("example_basic printed:")
    expect(printed.locator("pre")).to_have_text("first value 1.0\n")
    assert document_width(page) <= 800  # nothing wider than the window: no sideways scrolling of the page
    for locator in (page.locator("#code-editor"), page.locator("#run"), page.locator("table.tests")):
        box = locator.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 800, locator
    actual = basic.locator("td").nth(3)  # a long number wraps whole, never inside its digits
    assert "1234567890.123456789" in actual.inner_text().split("\n")[-1]
    page.screenshot(path=screenshots / "workspace_run_800.png", full_page=True)
    context.close()


def test_triple_quotes_are_typed_as_typed(live_app, page):
    start(page, live_app, "Ada")
    replace_editor_text(page, "#code-editor", "")
    page.keyboard.type('def f():\n"""Docstring."""\nx = ("a", \'b\')')
    text = page.evaluate("document.querySelector('#code-editor .cm-content').innerText")
    assert text == 'def f():\n    """Docstring."""\n    x = ("a", \'b\')'


def test_the_search_panel_lays_out_its_fields_in_rows(live_app, page, screenshots):
    start(page, live_app, "Ada")
    page.click("#code-editor .cm-content")
    page.keyboard.press("Control+f")
    field = page.locator(".cm-search input[name=search]")
    expect(field).to_be_focused()
    find, case = field.bounding_box(), page.locator(".cm-search label", has_text="match case").bounding_box()
    assert abs(find["y"] - case["y"]) < find["height"]  # one row, not one field per line
    page.screenshot(path=screenshots / "search_panel.png")


def test_too_many_runs_get_a_message_saying_when_to_try_again(live_app, page):
    live_app.config["SUBMISSIONS_PER_MINUTE"] = 1
    start(page, live_app, "Ada")
    replace_editor_text(page, "#code-editor", "def cosine_similarity(a, b):\n    return 0.0\n")
    page.click("#run")
    expect(page.locator("#verdict")).to_be_visible(timeout=TIMEOUT_MS)
    replace_editor_text(page, "#code-editor", "def cosine_similarity(a, b):\n    return 1.0\n")
    page.click("#run")
    results = page.locator("#results")
    expect(results).to_contain_text("Try again in", timeout=10_000)
    assert "429" not in results.inner_text() and "HTTP" not in results.inner_text()
    expect(page.locator("#run")).to_be_enabled()


def test_a_screen_finished_in_another_tab_is_not_called_time_up(live_app, page):
    token = start(page, live_app, "Ada")
    other = page.context.new_page()
    other.goto(f"{live_app.config['PUBLIC_URL']}/invite/{token}/problem/0")
    other.once("dialog", lambda dialog: dialog.accept())
    other.click("#finish")
    expect(other).to_have_url(f"{live_app.config['PUBLIC_URL']}/invite/{token}/finished")
    page.click("#run")
    results = page.locator("#results")
    expect(results).to_contain_text("You finished the screen", timeout=10_000)
    assert "Time is up" not in results.inner_text()


def test_a_run_on_the_candidates_own_input(live_app, page, screenshots):
    start(page, live_app, "Ada")
    replace_editor_text(page, "#code-editor", "def cosine_similarity(a, b):\n    print('sizes', len(a), len(b))\n"
                                              "    return 0.5\n")
    page.click("#own-input summary")
    field = page.locator("#own-input-text")
    expect(field).to_have_value("[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]")  # the first example's arguments to start from
    field.fill("[1.0, 0.0], [0.0, 1.0, 2.0]")
    page.click("#run-own")
    expect(page.locator("#verdict")).to_have_text("Run on your input: ran", timeout=TIMEOUT_MS)
    row = page.locator("table.tests tr", has_text="your-input")
    expect(row.locator("td").nth(1)).to_have_text("cosine_similarity([1.0, 0.0], [0.0, 1.0, 2.0])")
    expect(row.locator("td").nth(2)).to_have_text("—")
    expect(row.locator("td").nth(3)).to_have_text("0.5")
    expect(page.locator("table.tests tr.printed pre")).to_have_text("sizes 2 3\n")
    page.screenshot(path=screenshots / "workspace_own_input.png", full_page=True)
    field.fill("[1.0, oops")
    page.click("#run-own")
    expect(page.locator("#results")).to_contain_text("Your input cannot be run: your input is not JSON")
