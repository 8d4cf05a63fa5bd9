"""A reviewer in real Chromium: dashboard, submission page, playback (scrubbed and played), scorecard (the 1-4 scale
described, a confirmation before the final submit), CSV export.

The candidate's side (drafts, a paste, a judged submit) goes through the
candidate API of the same live server, with CSRF, as the browser sends it.
"""

import csv
import io

from playwright.sync_api import expect

from server.db import get_db
from server.services.attempts import create_invite
from server.services.staff import add_screen, add_user
from tests.web.conftest import PASSWORD, csrf_token, wait_done
from tests.web.review_scenario import ADA, ADA_NOTES, BOB

TIMEOUT_MS = 60_000
DRAFTS = ("def cosine_similarity(a, b):\n    pass\n", ADA.split("    dot = 0.0")[0], ADA)


def candidate_submits(app, token, version, drafts, code, notes) -> int:
    """Drafts, a paste and a judged submit through the candidate API; returns the submission id."""
    client = app.test_client()
    landing = client.get(f"/invite/{token}")
    assert client.post(f"/invite/{token}/start", data={"csrf_token": csrf_token(landing.data)}).status_code == 302
    headers = {"X-CSRFToken": csrf_token(client.get(f"/invite/{token}/problem/0").data)}
    api = f"/api/candidate/{token}"
    for draft in drafts:
        saved = client.post(f"{api}/problems/{version}/draft", json={"code": draft, "notes": "draft notes"},
                            headers=headers)
        assert saved.status_code == 200, saved.data
    assert client.post(f"{api}/events", json={"kind": "paste", "chars": 480, "lines": 18, "problem": version},
                       headers=headers).status_code == 201
    queued = client.post(f"{api}/problems/{version}/submit", json={"code": code, "notes": notes}, headers=headers)
    assert queued.status_code == 202, queued.data
    assert wait_done(client, token, queued.get_json()["id"])["verdict"] == "accepted"
    return queued.get_json()["id"]


def two_candidates(app) -> tuple[int, int]:
    """Ada's own solution (three drafts) and Bob's renamed copy of it; returns (screen id, Ada's submission)."""
    with app.app_context():
        add_user(get_db(), "reviewer@example.com", "Rita Reviewer", "reviewer", PASSWORD)
        screen = add_screen(get_db(), "Backend ML", 30, ["cosine-similarity"])
        _, ada = create_invite(get_db(), screen, "Ada Lovelace", "ada@example.com", 3)
        _, bob = create_invite(get_db(), screen, "Bob Copier", "bob@example.com", 3)
        screen_id, version = screen.id, screen.problems[0]
    submission = candidate_submits(app, ada, version, DRAFTS, ADA, ADA_NOTES)
    candidate_submits(app, bob, version, (), BOB, "")
    return screen_id, submission


def test_a_reviewer_reviews_an_attempt(live_app, page, screenshots):
    base = live_app.config["PUBLIC_URL"]
    screen_id, submission_id = two_candidates(live_app)

    page.goto(f"{base}/review/")
    page.fill("input[name=email]", "reviewer@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Review")
    expect(page.locator("table.attempts")).to_contain_text("Ada Lovelace")
    page.screenshot(path=screenshots / "review-dashboard.png", full_page=True)

    page.click("text=Ada Lovelace")
    expect(page.locator("h1")).to_contain_text("Ada Lovelace")
    expect(page.locator("dl.signals")).to_contain_text("480 characters")
    page.screenshot(path=screenshots / "review-attempt.png", full_page=True)

    page.click(f"a[href='/review/submissions/{submission_id}']")
    expect(page.locator("#complexity svg")).to_be_visible()
    expect(page.locator("#overclaim")).to_contain_text("claimed O(1)")
    expect(page.locator("#tests")).to_contain_text("hidden · correctness")
    page.screenshot(path=screenshots / "review-submission.png")
    expect(page.locator("ul.flags")).to_contain_text("Bob Copier")
    page.locator("#narration").screenshot(path=screenshots / "review-submission-notes.png")
    page.locator("#tests tbody tr").nth(8).scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "review-submission-tests.png")

    page.click("text=playback")
    code = page.locator("#snapshot-code")
    expect(code).to_contain_text("return max(-1.0, min(1.0, result))")  # the last snapshot: the submit
    page.locator("#scrubber").fill("0")
    expect(code).to_have_text(DRAFTS[0].rstrip("\n") + "\n")
    expect(page.locator("#snapshot-label")).to_contain_text("Snapshot 1 of 4: autosaved draft")
    page.locator("#scrubber").fill("1")
    expect(code).to_contain_text("biggest_b = max(biggest_b, abs(y))")
    expect(code).not_to_contain_text("norm_a += x * x")
    expect(page.locator("#markers .mark.paste")).to_have_count(1)
    page.locator("#scrubber").fill("0")
    page.select_option("#speed", "64")
    page.click("#play")  # plays through to the last snapshot, then stops
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#snapshot-label")).to_contain_text("Snapshot 4 of 4", timeout=15_000)
    expect(page.locator("#play")).to_have_text("▶ Play")
    expect(code).to_contain_text("return max(-1.0, min(1.0, result))")
    page.select_option("#diff-a", "0")
    page.select_option("#diff-b", "3")
    page.click("#diff-show")
    expect(page.locator("#diff-output .removed")).to_contain_text("pass")
    expect(page.locator("#diff-output .added").first).to_be_visible()
    page.screenshot(path=screenshots / "review-playback.png", full_page=True)

    page.go_back()
    page.click("text=Ada Lovelace")
    expect(page.locator("#scale-legend")).to_contain_text("3 Solid")
    expect(page.get_by_label("Communication: 2, mixed")).to_be_visible()
    for key, score in (("problem_solving", 4), ("code_quality", 3), ("communication", 2), ("ml_fluency", 3)):
        page.check(f"input[name={key}_score][value='{score}']")
    page.fill("textarea[name=communication_notes]", "Overclaimed O(1).")
    page.select_option("#decision", "yes")
    page.locator("#scorecard").screenshot(path=screenshots / "review-scorecard-form.png")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#submit-scorecard")  # dismissed: nothing is submitted
    expect(page.locator("#submit-scorecard")).to_be_visible()
    assert "It is final" in asked[0]
    expect(page.locator(".scorecard-view")).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-scorecard")
    expect(page.locator(".flash")).to_contain_text("Scorecard submitted")
    expect(page.locator(".scorecard-view")).to_contain_text("Overclaimed O(1).")
    page.screenshot(path=screenshots / "review-scorecard.png", full_page=True)

    page.goto(f"{base}/review/?flagged=1")
    expect(page.locator("table.attempts tbody tr")).to_have_count(2)
    page.goto(f"{base}/review/submissions/{submission_id}")
    page.click("ul.flags a")
    expect(page.locator(".similarity .hll").first).to_be_visible()
    expect(page.locator(".similarity")).to_contain_text("Bob Copier")
    page.screenshot(path=screenshots / "review-similarity.png", full_page=True)

    page.goto(f"{base}/review/?screen={screen_id}")
    with page.expect_download() as download_info:
        page.click("#export-csv")
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert [row["candidate_name"] for row in rows] == ["Bob Copier", "Ada Lovelace"]
    bob, ada = rows
    assert ada["cosine-similarity:verdict"] == "accepted" and ada["decision:yes"] == "1"
    assert ada["mean:problem_solving"] == "4.0" and float(ada["score"]) > 50 and ada["similarity_flags"] == "1"
    assert bob["scorecards"] == "hidden" and bob["similarity_flags"] == "1"

    page.goto(f"{base}/review/attempts/{ada['attempt_id']}/report")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    page.screenshot(path=screenshots / "review-report-print.png", full_page=True)
