"""In real Chromium, an admin after the first setup: users added (reviewer by default), edited, deactivated (their
open session ends) and given a new password; a screen reordered and archived; an invite given an expiry and revoked;
the admin's own password changed."""

import datetime as dt

from playwright.sync_api import expect

from server.db import get_db
from server.services.staff import add_screen, add_user
from tests.e2e.test_journey_browser import PASSWORD, person, sign_in

NEW_PASSWORD = "a brand new password"


def test_an_admin_manages_users_screens_and_invites(live_app, browser, screenshots):
    base = live_app.config["PUBLIC_URL"]
    with live_app.app_context():
        add_user(get_db(), "admin@example.com", "Ada Admin", "admin", PASSWORD)
        add_screen(get_db(), "Backend ML", 45, ["cosine-similarity", "moving-average"])
    with person(browser) as admin, person(browser) as rita:
        admin.set_viewport_size({"width": 800, "height": 900})
        admin.on("dialog", lambda dialog: dialog.accept())
        sign_in(admin, base, "admin@example.com", "/admin/")
        admin.goto(f"{base}/admin/users")
        expect(admin.locator("form:has(#add-user) select[name=role]")).to_have_value("reviewer")
        admin.fill("form:has(#add-user) input[name=email]", "rita@example.com")
        admin.fill("form:has(#add-user) input[name=password]", PASSWORD)
        admin.click("#add-user")
        expect(admin.locator(".flash")).to_contain_text("Added rita@example.com as reviewer")

        sign_in(rita, base, "rita@example.com", "/review/")
        row = admin.locator("tr", has_text="rita@example.com")
        row.locator("input[name=name]").fill("Rita Reviewer")
        row.locator("button", has_text="Save").click()
        expect(admin.locator(".flash")).to_contain_text("Saved rita@example.com")
        admin.locator("tr", has_text="rita@example.com").locator("button", has_text="Deactivate").click()
        expect(admin.locator(".flash")).to_contain_text("deactivated and signed out everywhere")
        rita.reload()
        expect(rita).to_have_url(f"{base}/auth/login?next=/review/")  # her open session ended
        admin.locator("tr", has_text="rita@example.com").locator("button", has_text="Reactivate").click()
        row = admin.locator("tr", has_text="rita@example.com")
        row.locator("input[name=password]").fill(NEW_PASSWORD)
        row.locator("button", has_text="Reset password").click()
        expect(admin.locator(".flash")).to_contain_text("New password set for rita@example.com")
        assert admin.evaluate("document.documentElement.scrollWidth") <= 800
        admin.screenshot(path=screenshots / "admin-users-800.png", full_page=True)

        admin.goto(f"{base}/admin/screens")
        admin.locator("tr", has_text="Backend ML").get_by_role("link", name="Edit").click()
        admin.get_by_role("button", name="Move Cosine similarity down").click()
        expect(admin.locator("#screen-items li").first).to_contain_text("Moving average")
        admin.screenshot(path=screenshots / "admin-screen-edit-800.png", full_page=True)
        admin.goto(f"{base}/admin/screens")
        admin.get_by_role("button", name="Archive Backend ML").click()
        expect(admin.locator("tr", has_text="Backend ML")).to_contain_text("archived")
        admin.get_by_role("button", name="Unarchive Backend ML").click()

        admin.goto(f"{base}/admin/invites")
        day = dt.date.today() + dt.timedelta(days=4)
        admin.fill("input[name=name]", "Grace")
        admin.fill("input[name=email]", "grace@example.com")
        admin.fill("form:has(.primary) input[name=expires]", day.isoformat())
        admin.click("button.primary")
        link = admin.locator("#invite-link").input_value()
        invite = admin.locator("tr", has_text="grace@example.com")
        expect(invite.locator("input[name=expires]")).to_have_value(day.isoformat())
        invite.locator("button", has_text="Revoke").click()
        expect(admin.locator(".flash")).to_contain_text("Revoked the invite for Grace")
        admin.screenshot(path=screenshots / "admin-invites-800.png", full_page=True)
        with person(browser) as grace:
            grace.goto(link)
            expect(grace.locator("body")).to_contain_text("The hiring team withdrew this invite")

        admin.goto(f"{base}/auth/password")
        admin.fill("input[name=current_password]", PASSWORD)
        admin.fill("input[name=new_password]", NEW_PASSWORD)
        admin.fill("input[name=repeat_password]", NEW_PASSWORD)
        admin.click("button.primary")
        expect(admin.locator(".flash")).to_contain_text("Password changed")
        expect(admin).to_have_url(f"{base}/admin/")  # still signed in
