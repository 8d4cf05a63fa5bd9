"""``techscreen serve``, ``user add|password``, ``screen add``, ``invite create``, ``token create|list|revoke``,
``demo``."""

import contextlib
import secrets

import click
from sqlmodel import select

from server.cli.output import exit_codes
from server.db import get_db
from server.models import API_SCOPES, CandidateFeedback, Role, Screen, User
from server.services.api_tokens import create_token, list_tokens, revoke_token
from server.services.attempts import create_invite
from server.services.staff import StaffInputError, add_screen, add_user, invite_link, set_password

DEMO_ADMIN = "admin@techscreen.local"
DEMO_SCREEN = "Demo: seed problems"
SEED_PROBLEMS = ("cosine-similarity", "moving-average", "log-anomalies")
DEMO_CANDIDATE = "Demo Candidate"
# The demo screen's question items, after the problems: one of each format, from the bank (problems/q-*).
DEMO_QUESTIONS = ("q-precision-recall-counts", "q-leakage-sources", "q-explain-overfitting")


@contextlib.contextmanager
def _staff_app():
    """An app that recovers no work (a short CLI process must not start judging or validating), bad input as exit 2."""
    from server.app import close_app, create_app

    app = create_app({"RECOVER_WORK": False})
    try:
        with exit_codes(as_json=False), app.app_context():
            yield app
    finally:
        close_app(app)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", type=int, help="Request threads [default: TECHSCREEN_THREADS or 16]; by default "
              "a quarter of them may serve progress streams.")
@click.option("--debug", is_flag=True, help="Flask's development server with the debugger (never in production).")
def serve_command(host, port, threads, debug):
    """Serve techscreen (waitress; Flask's own server only with --debug)."""
    from server.app import create_app

    app = create_app()
    threads = threads or app.config["SERVER_THREADS"]
    app.config["SERVER_THREADS"] = threads  # the progress streams' cap follows
    if debug:
        app.run(host=host, port=port, debug=True, use_reloader=False, threaded=True)
        return
    import waitress

    click.echo(f"techscreen serving on http://{host}:{port}")
    waitress.serve(app, host=host, port=port, threads=threads, channel_timeout=120)


@click.group("user")
def user_group():
    """Staff accounts."""


@user_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="")
@click.password_option(help="At least 10 characters (prompted when not given).")
def user_add(email, role, name, password):
    """Add a staff user."""
    with _staff_app():
        user = add_user(get_db(), email, name, role, password)
    click.echo(f"added {user.email} ({user.role.value})")


@user_group.command("password")
@click.argument("email")
@click.password_option(help="At least 10 characters (prompted when not given).")
def user_password(email, password):
    """Set a staff user's password (their sessions end); for a forgotten one, the demo admin's too."""
    with _staff_app():
        session = get_db()
        user = session.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise StaffInputError(f"no user {email!r}")
        set_password(session, user, password)
    click.echo(f"new password set for {user.email}")


@click.group("screen")
def screen_group():
    """Screens: ordered problems and a duration."""


@screen_group.command("add")
@click.argument("name")
@click.option("--minutes", type=int, required=True)
@click.option("--problem", "problems", multiple=True, required=True, help="A bank id; repeat, in order.")
@click.option("--candidate-feedback", type=click.Choice([choice.value for choice in CandidateFeedback]),
              default=CandidateFeedback.VERDICT.value, show_default=True,
              help="What candidates see after Submit: the verdict and hidden-test counts, or also the score total.")
def screen_add(name, minutes, problems, candidate_feedback):
    """Create a screen of the bank's current versions of PROBLEMs."""
    with _staff_app():
        screen = add_screen(get_db(), name, minutes, list(problems),
                            candidate_feedback=CandidateFeedback(candidate_feedback))
    click.echo(f"screen {screen.id}: {screen.name} ({screen.minutes} min, {len(screen.problems)} problems)")


@click.group("invite")
def invite_group():
    """Invites: one link per candidate."""


@invite_group.command("create")
@click.option("--screen", "screen_ref", required=True, help="Screen id or exact name.")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--days", type=int, default=None, help="Days until the invite expires (default from config).")
def invite_create(screen_ref, name, email, days):
    """Create an invite and print its link (the only time it is shown)."""
    with _staff_app() as app:
        session = get_db()
        screen = _find_screen(session, screen_ref)
        if screen is None:
            raise StaffInputError(f"no screen {screen_ref!r}")
        _, token = create_invite(session, screen, name, email, days or app.config["INVITE_DAYS"])
        click.echo("send this link to the candidate; it is not shown again:", err=True)
        click.echo(invite_link(app.config["PUBLIC_URL"], token))


def _find_screen(session, reference: str) -> Screen | None:
    if reference.isdigit():
        return session.get(Screen, int(reference))
    return session.exec(select(Screen).where(Screen.name == reference)).first()


@click.group("token")
def token_group():
    """API tokens for the integration API (/api/v1)."""


@token_group.command("create")
@click.option("--name", required=True, help="Which system uses it.")
@click.option("--scope", "scopes", multiple=True, required=True, type=click.Choice(API_SCOPES),
              help="Repeat for each scope.")
def token_create(name, scopes):
    """Create a token and print it (the only time it is shown)."""
    with _staff_app():
        token, plaintext = create_token(get_db(), name, list(scopes))
    click.echo(f"token {token.id} {token.name!r} ({', '.join(token.scopes)}); store it now, it is not shown again:",
               err=True)
    click.echo(plaintext)


@token_group.command("list")
def token_list():
    """List tokens: id, prefix, name, scopes, last use, state."""
    with _staff_app():
        tokens = list_tokens(get_db())
    for token in tokens:
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
        state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
        click.echo(f"{token.id}\t{token.prefix}…\t{token.name}\t{','.join(token.scopes)}\tused {used}\t{state}")


@token_group.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id):
    """Revoke the token with id TOKEN_ID (from ``token list``)."""
    with _staff_app():
        token = revoke_token(get_db(), token_id)
    click.echo(f"revoked token {token.id} {token.name!r}")


@click.command("migrate")
def migrate_command():
    """Bring the database to the current schema and record the problem bank's versions.

    Every start of the web tier does this; a cluster runs it once, before its web processes start.
    """
    with _staff_app():
        click.echo("database migrated; problem bank recorded")


@click.command("demo")
def demo_command():
    """Make the demo admin, a screen of the seed problems and an invite, once; later runs keep them.

    The password and the invite link are shown only when made (techscreen keeps neither in the clear); later
    runs say how to set a new password or make another invite.
    """
    with _staff_app() as app:
        session = get_db()
        base = app.config["PUBLIC_URL"].rstrip("/")
        admin = session.exec(select(User).where(User.email == DEMO_ADMIN)).first()
        if admin is None:
            password = secrets.token_urlsafe(12)
            add_user(session, DEMO_ADMIN, "Admin", Role.ADMIN.value, password)
            click.echo(f"admin login:  {base}/auth/login  {DEMO_ADMIN} / {password}  (kept across restarts)")
        else:
            click.echo(f"admin login:  {base}/auth/login  {DEMO_ADMIN}, with the password printed when it was made; "
                       f"forgotten? `techscreen user password {DEMO_ADMIN}` sets a new one")
        screen = session.exec(select(Screen).where(Screen.name == DEMO_SCREEN)).first()
        if screen is None:
            screen = add_screen(session, DEMO_SCREEN, 90, [*SEED_PROBLEMS, *DEMO_QUESTIONS])
            _, token = create_invite(session, screen, DEMO_CANDIDATE, "candidate@example.com",
                                     app.config["INVITE_DAYS"])
            click.echo(f"demo invite:  {invite_link(base, token)}  (shown once; open it in a private window)")
        else:
            click.echo(f"demo invite:  made on the first run (its link is shown only then); another: "
                       f"`techscreen invite create --screen '{DEMO_SCREEN}' --name '{DEMO_CANDIDATE}' "
                       f"--email candidate@example.com`, or Invites in the browser")
