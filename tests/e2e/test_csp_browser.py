"""The pages work under the Content-Security-Policy in real Chromium, and nothing they do violates it.

Each person's browser records every ``securitypolicyviolation`` event and
every console message about the policy while the candidate types, lints and
runs, an admin creates, copies and revokes an API token, a reviewer prints the
report, and an author edits a statement with its live preview. Each action is
checked to have worked, so a handler the policy blocked would show twice.
"""

import contextlib

from playwright.sync_api import expect

from server.db import get_db
from server.problems.bank import load
from server.services.attempts import invite_for
from server.services.staff import add_user
from tests.e2e.test_candidate_browser import make_invite, replace_editor_text
from tests.e2e.test_journey_browser import PASSWORD, TIMEOUT_MS, sign_in

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`));
window.print = () => { window.printed = (window.printed || 0) + 1; };  // headless Chromium has no print dialog
"""
POLICY = ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
          "frame-ancestors 'none'")


@contextlib.contextmanager
def watched(browser, **options):
    """A fresh browser session whose policy violations (events and console messages) are collected."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, **options)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    try:
        yield page
    finally:
        context.close()


def assert_no_violations(page):
    reported = [text for text in page.console_messages if "Content Security Policy" in text]
    assert page.evaluate("window.cspViolations") == [] and reported == [], reported


def assert_policy_sent(response):
    policy = response.headers["content-security-policy"]
    assert all(directive in policy for directive in POLICY), policy
    assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy, policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_the_pages_run_under_the_content_security_policy(live_app, browser):
    base = live_app.config["PUBLIC_URL"]
    token = make_invite(live_app, "Ada")
    with live_app.app_context():
        for role in ("admin", "author", "reviewer"):
            add_user(get_db(), f"{role}@example.com", role.title(), role, PASSWORD)

    with watched(browser) as candidate:
        assert_policy_sent(candidate.goto(f"{base}/invite/{token}"))
        candidate.click("#start")
        replace_editor_text(candidate, "#code-editor", "import os\n")
        expect(candidate.locator("#policy")).to_contain_text("Line 1")
        replace_editor_text(candidate, "#code-editor", load("cosine-similarity").solution)
        candidate.click("#run")
        expect(candidate.locator("#verdict")).to_contain_text("accepted", timeout=TIMEOUT_MS)
        assert_no_violations(candidate)

    with watched(browser, permissions=["clipboard-read", "clipboard-write"]) as admin:
        sign_in(admin, base, "admin@example.com", "/admin/")
        assert_policy_sent(admin.goto(f"{base}/admin/tokens/"))
        admin.fill("input[name=name]", "Greenhouse")
        admin.check("input[value='screens:read']")
        admin.click("text=Create token")
        admin.click("#copy-token")
        expect(admin.locator("#copy-token")).to_have_text("Copied")
        assert admin.evaluate("navigator.clipboard.readText()") == admin.input_value("#token-plaintext")
        asked = []
        admin.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        admin.click("button.danger")
        expect(admin.locator(".flash")).to_contain_text("Revoked the token 'Greenhouse'")
        assert asked == ["Revoke Greenhouse? Systems using it lose access at once."]
        assert_no_violations(admin)

    with live_app.app_context():
        attempt_id = invite_for(get_db(), token)[1].id
    with watched(browser) as reviewer:
        sign_in(reviewer, base, "reviewer@example.com", "/review/")
        assert_policy_sent(reviewer.goto(f"{base}/review/attempts/{attempt_id}/report"))
        reviewer.click("text=Print")
        assert reviewer.evaluate("window.printed") == 1
        assert_no_violations(reviewer)

    with watched(browser) as author:
        sign_in(author, base, "author@example.com", "/author/")
        assert_policy_sent(author.goto(f"{base}/author/"))
        author.fill("#new-problem input[name=id]", "csp-count")
        author.fill("#new-problem input[name=title]", "Count positives")
        author.click("#new-problem button")
        expect(author.locator("#state")).to_have_text("draft")
        replace_editor_text(author, '.editor[data-file="statement.md"]', "# Count\n\nHow many are **positive**.\n")
        expect(author.locator("#preview strong")).to_have_text("positive")
        assert_no_violations(author)
