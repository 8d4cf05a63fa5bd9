"""In real Chromium: a candidate solves masked-attention, numpy arrays in and out.

A wrong solution's Run shows the arrays as people read them (dtype, shape,
then the data) with the first element that differs; a natural correct
solution, pasted in its place, is accepted on Submit.
"""

from playwright.sync_api import expect

from server.db import get_db
from server.problems.bank import bank_dir
from server.services.attempts import create_invite
from server.services.staff import add_screen
from tests.e2e.test_candidate_browser import TIMEOUT_MS, replace_editor_text

SUBMISSIONS = bank_dir() / "masked-attention" / "submissions"
NO_SCALE = (SUBMISSIONS / "wrong_answer" / "no_scale.py").read_text(encoding="utf-8")
NATURAL = (SUBMISSIONS / "accepted" / "loop_over_queries.py").read_text(encoding="utf-8")


def row(page, name: str):
    return page.locator("table.tests tr", has_text=name)


def test_a_candidate_solves_masked_attention(live_app, page, screenshots):
    with live_app.app_context():
        screen = add_screen(get_db(), "Attention for Ada", 30, ["masked-attention"])
        token = create_invite(get_db(), screen, "Ada", "ada@example.com", 3)[1]
    page.goto(f"{live_app.config['PUBLIC_URL']}/invite/{token}")
    page.click("#start")
    expect(page.locator("#code-editor .cm-content")).to_contain_text("def attention")

    replace_editor_text(page, "#code-editor", NO_SCALE)  # forgets the 1 / sqrt(d) scale
    page.click("#run")
    expect(page.locator("#verdict")).to_contain_text("Run: wrong answer", timeout=TIMEOUT_MS)
    basic = row(page, "example_basic")
    expect(basic.locator("td").nth(1)).to_contain_text("array(float64, shape (3, 4)) [[2.0, 0.0, 0.0, 0.0]")
    expect(basic.locator("td").nth(2)).to_contain_text("array(float64, shape (3, 2)) [[0.7310585786300049, ")
    expect(basic.locator("td").nth(3)).to_contain_text("array(float64, shape (3, 2)) [[0.88079707797788")
    expect(basic).to_contain_text("first at index (0, 0): expected 0.7310585786300049, got 0.88079707797788")
    expect(row(page, "example_large_scores")).to_contain_text("array(float64, shape (1, 2)) [[3.0, 4.0]]")
    expect(row(page, "example_shape_mismatch").locator("td").nth(3)).to_contain_text("raised ValueError")
    expect(page.locator("#results")).not_to_contain_text("$ndarray")
    page.screenshot(path=screenshots / "attention-wrong-run.png", full_page=True)

    replace_editor_text(page, "#code-editor", NATURAL)
    page.click("#submit")
    expect(page.locator("#verdict")).to_contain_text("Submission: accepted", timeout=TIMEOUT_MS)
    expect(page.locator("#hidden-counts")).to_contain_text("performance", timeout=TIMEOUT_MS)
    page.screenshot(path=screenshots / "attention-accepted.png", full_page=True)
