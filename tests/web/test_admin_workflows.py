"""Admin workflows after the first setup: users edited, deactivated and given new passwords, one's own password,
screens edited, reordered and archived, invites revoked and their expiry moved, and `techscreen demo` run again."""

import datetime as dt
import re

from sqlmodel import select

from server.cli import main
from server.db import get_db
from server.models import Attempt, Invite, Screen, User
from server.services.attempts import create_invite, invite_for, screen_problems, start
from tests.web.api_support import bearer, issue_token
from tests.web.conftest import PASSWORD, cli_environment, login

NEW_PASSWORD = "another long password"


def user_id(app, email) -> int:
    with app.app_context():
        return get_db().exec(select(User).where(User.email == email)).one().id


def signed_in_as(app, email):
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def test_add_a_user_offers_the_least_privileged_role_first(client, staff):
    login(client, staff["admin"])
    form = client.get("/admin/users").data.decode()
    add = form[form.index("<h2>Add a user</h2>"):]
    assert re.search(r'<select name="role"><option selected>reviewer</option>', add)


def test_an_admin_edits_a_users_name_and_role(app, client, staff):
    login(client, staff["admin"])
    author = user_id(app, staff["author"])
    page = client.post(f"/admin/users/{author}/edit", data={"name": "Alan Turing", "role": "reviewer"},
                       follow_redirects=True)
    assert b"Saved author@example.com" in page.data
    with app.app_context():
        edited = get_db().get(User, author)
        assert (edited.name, edited.role.value) == ("Alan Turing", "reviewer")
    bad = client.post(f"/admin/users/{author}/edit", data={"name": "x", "role": "owner"}, follow_redirects=True)
    assert b"role &#39;owner&#39; is not one of" in bad.data


def test_a_deactivated_users_sessions_stop_and_they_cannot_sign_in_until_reactivated(app, client, staff):
    author = signed_in_as(app, staff["author"])
    assert author.get("/author/").status_code == 200
    login(client, staff["admin"])
    page = client.post(f"/admin/users/{user_id(app, staff['author'])}/active", data={"active": "false"},
                       follow_redirects=True)
    assert b"deactivated and signed out everywhere" in page.data and b"badge inactive" in page.data
    assert author.get("/author/").status_code == 302  # the open session ended
    refused = app.test_client().post("/auth/login", data={"email": staff["author"], "password": PASSWORD})
    assert refused.status_code == 401 and b"deactivated" in refused.data
    client.post(f"/admin/users/{user_id(app, staff['author'])}/active", data={"active": "true"})
    assert signed_in_as(app, staff["author"]).get("/author/").status_code == 200


def test_the_only_active_admin_can_be_neither_deactivated_nor_demoted(app, client, staff):
    login(client, staff["admin"])
    admin = user_id(app, staff["admin"])
    page = client.post(f"/admin/users/{admin}/active", data={"active": "false"}, follow_redirects=True)
    assert b"the only active admin" in page.data
    page = client.post(f"/admin/users/{admin}/edit", data={"name": "A", "role": "author"}, follow_redirects=True)
    assert b"the only active admin" in page.data
    assert client.get("/admin/users").status_code == 200  # still an admin, still signed in


def test_an_admin_resets_a_password_and_the_users_sessions_end(app, client, staff):
    reviewer = signed_in_as(app, staff["reviewer"])
    login(client, staff["admin"])
    short = client.post(f"/admin/users/{user_id(app, staff['reviewer'])}/password", data={"password": "short"},
                        follow_redirects=True)
    assert b"at least 10 characters" in short.data
    page = client.post(f"/admin/users/{user_id(app, staff['reviewer'])}/password", data={"password": NEW_PASSWORD},
                       follow_redirects=True)
    assert b"New password set for reviewer@example.com" in page.data
    assert reviewer.get("/review/").status_code == 302
    fresh = app.test_client()
    assert fresh.post("/auth/login", data={"email": staff["reviewer"], "password": PASSWORD}).status_code == 401
    assert fresh.post("/auth/login", data={"email": staff["reviewer"], "password": NEW_PASSWORD}).status_code == 302


def test_staff_change_their_own_password_and_their_other_sessions_end(app, staff):
    here, elsewhere = signed_in_as(app, staff["reviewer"]), signed_in_as(app, staff["reviewer"])
    assert b"Change your password" in here.get("/auth/password").data
    wrong = here.post("/auth/password", data={"current_password": "not it at all", "new_password": NEW_PASSWORD,
                                              "repeat_password": NEW_PASSWORD})
    assert wrong.status_code == 400 and b"the current password is wrong" in wrong.data
    differ = here.post("/auth/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                               "repeat_password": NEW_PASSWORD + "!"})
    assert differ.status_code == 400 and b"differ" in differ.data
    done = here.post("/auth/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                             "repeat_password": NEW_PASSWORD}, follow_redirects=True)
    assert b"Password changed" in done.data
    assert here.get("/review/").status_code == 200 and elsewhere.get("/review/").status_code == 302
    assert app.test_client().post("/auth/login", data={"email": staff["reviewer"],
                                                       "password": NEW_PASSWORD}).status_code == 302


def make_screen(client) -> int:
    client.post("/admin/screens", data={"name": "Edit me", "minutes": "60",
                                        "problems": ["cosine-similarity", "moving-average"]})
    return int(re.search(rb'/admin/screens/(\d+)"', client.get("/admin/screens").data).group(1))


def problem_order(app, screen_id) -> list[str]:
    with app.app_context():
        return [v.problem_id for v in screen_problems(get_db(), get_db().get(Screen, screen_id))]


def test_a_screen_is_renamed_and_its_problems_reordered_added_and_removed(app, client, staff):
    login(client, staff["author"])
    screen_id = make_screen(client)
    form = {"name": "Renamed", "minutes": "45", "problems": ["cosine-similarity", "moving-average"]}
    page = client.post(f"/admin/screens/{screen_id}", data={**form, "action": "down:0"}, follow_redirects=True)
    assert b"Saved screen" in page.data
    assert problem_order(app, screen_id) == ["moving-average", "cosine-similarity"]
    client.post(f"/admin/screens/{screen_id}", data={**form, "action": "add", "add": "log-anomalies"})
    assert problem_order(app, screen_id) == ["cosine-similarity", "moving-average", "log-anomalies"]
    client.post(f"/admin/screens/{screen_id}", data={**form, "action": "remove:cosine-similarity"})
    assert problem_order(app, screen_id) == ["moving-average"]
    with app.app_context():
        screen = get_db().get(Screen, screen_id)
        assert (screen.name, screen.minutes) == ("Renamed", 45)
    empty = client.post(f"/admin/screens/{screen_id}", data={**form, "problems": [], "action": "save"})
    assert b"a screen needs at least one problem" in empty.data


def test_a_move_of_no_position_is_refused_and_changes_nothing(app, client, staff):
    login(client, staff["author"])
    screen_id = make_screen(client)
    form = {"name": "Renamed", "minutes": "45", "problems": ["cosine-similarity", "moving-average"]}
    refused = client.post(f"/admin/screens/{screen_id}", data={**form, "action": "up:abc"})
    assert refused.status_code == 400 and "is not the position of an item" in refused.get_data(as_text=True)
    assert problem_order(app, screen_id) == ["cosine-similarity", "moving-average"]

def test_once_a_candidate_started_only_the_name_and_duration_change(app, client, staff):
    login(client, staff["admin"])
    screen_id = make_screen(client)
    with app.app_context():
        session = get_db()
        screen = session.get(Screen, screen_id)
        _, token = create_invite(session, screen, "Ada", "ada@example.com", 3)
        _, attempt, _ = invite_for(session, token)
        start(session, attempt, screen)
    form = {"name": "Still", "minutes": "50", "problems": ["cosine-similarity", "moving-average"]}
    page = client.post(f"/admin/screens/{screen_id}", data={**form, "action": "down:0"})
    assert b"candidates have started this screen" in page.data
    assert problem_order(app, screen_id) == ["cosine-similarity", "moving-average"]
    client.post(f"/admin/screens/{screen_id}", data={**form, "action": "save"})
    with app.app_context():
        assert get_db().get(Screen, screen_id).name == "Still"
    assert b"Move Cosine" not in client.get(f"/admin/screens/{screen_id}").data


def test_an_archived_screen_keeps_its_row_but_takes_no_new_invites(app, client, staff):
    login(client, staff["admin"])
    screen_id = make_screen(client)
    page = client.post(f"/admin/screens/{screen_id}/archive", data={"archived": "true"}, follow_redirects=True)
    assert b"Archived &#39;Edit me&#39;" in page.data and b"badge archived" in page.data
    assert f'<option value="{screen_id}">'.encode() not in client.get("/admin/invites").data
    refused = client.post("/admin/invites", data={"screen": screen_id, "name": "Bo", "email": "bo@example.com"})
    assert b"Choose a screen" in refused.data and b"/invite/" not in refused.data
    client.post(f"/admin/screens/{screen_id}/archive", data={"archived": "false"})
    assert f'<option value="{screen_id}">'.encode() in client.get("/admin/invites").data


def invite_through_the_page(client, screen_id, **extra) -> str:
    page = client.post("/admin/invites", data={"screen": screen_id, "name": "Grace", "email": "g@example.com",
                                               **extra})
    return re.search(rb'/invite/([\w-]+)"', page.data).group(1).decode()


def test_a_revoked_invite_no_longer_opens(app, client, staff):
    login(client, staff["admin"])
    token = invite_through_the_page(client, make_screen(client))
    with app.app_context():
        invite_id = get_db().exec(select(Invite)).one().id
    page = client.post(f"/admin/invites/{invite_id}/revoke", follow_redirects=True)
    assert b"Revoked the invite for Grace" in page.data and b"badge revoked" in page.data
    candidate = app.test_client()
    refused = candidate.get(f"/invite/{token}")
    assert refused.status_code == 410 and b"withdrew this invite" in refused.data
    assert candidate.post(f"/api/candidate/{token}/events", json={"kind": "focus_lost"}).status_code == 409


def test_an_invites_expiry_is_set_when_made_and_moved_later(app, client, staff):
    login(client, staff["admin"])
    screen_id = make_screen(client)
    day = dt.date.today() + dt.timedelta(days=5)
    token = invite_through_the_page(client, screen_id, expires=day.isoformat())
    with app.app_context():
        invite = get_db().exec(select(Invite)).one()
    assert invite.expires_at.date() == day and invite.expires_at.hour == 23
    past = client.post(f"/admin/invites/{invite.id}/expiry", data={"expires": "2020-01-01"}, follow_redirects=True)
    assert b"already past" in past.data
    with app.app_context():  # it expired; extending it opens it again
        session = get_db()
        expired = session.get(Invite, invite.id)
        expired.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        session.add(expired)
        session.commit()
    assert app.test_client().get(f"/invite/{token}").status_code == 410
    later = dt.date.today() + dt.timedelta(days=30)
    page = client.post(f"/admin/invites/{invite.id}/expiry", data={"expires": later.isoformat()},
                       follow_redirects=True)
    assert f"now expires {later}".encode() in page.data
    assert b"Hello Grace" in app.test_client().get(f"/invite/{token}").data


def test_demo_run_again_keeps_the_admins_password_and_the_demo_invite(runner, app):
    env = cli_environment(app)
    first = runner.invoke(main, ["demo"], env=env)
    assert first.exit_code == 0, first.output
    password = re.search(r"admin@techscreen.local / (\S+)", first.output).group(1)
    second = runner.invoke(main, ["demo"], env=env)
    assert second.exit_code == 0, second.output
    assert "techscreen user password admin@techscreen.local" in second.output and password not in second.output
    assert "made on the first run" in second.output
    client = app.test_client()
    assert client.post("/auth/login", data={"email": "admin@techscreen.local", "password": password}).status_code == 302
    with app.app_context():
        assert len(get_db().exec(select(Attempt)).all()) == 1
    reset = runner.invoke(main, ["user", "password", "admin@techscreen.local", "--password", NEW_PASSWORD], env=env)
    assert reset.exit_code == 0 and "new password set" in reset.output
    assert client.get("/admin/").status_code == 302  # the reset ended the session
    assert app.test_client().post("/auth/login", data={"email": "admin@techscreen.local",
                                                       "password": NEW_PASSWORD}).status_code == 302


def test_the_integration_api_refuses_invites_to_an_archived_screen(app, client, staff):
    login(client, staff["admin"])
    screen_id = make_screen(client)
    client.post(f"/admin/screens/{screen_id}/archive", data={"archived": "true"})
    refused = app.test_client().post("/api/v1/invites", headers=bearer(issue_token(app, "invites:write")),
                                     json={"screen_id": screen_id, "candidate_name": "Bo",
                                           "candidate_email": "bo@example.com"})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["details"] == [
        {"field": "screen_id", "message": f"screen {screen_id} is archived: it takes no new invites"}]
