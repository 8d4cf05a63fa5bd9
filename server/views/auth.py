"""Staff login and logout; ``staff_required`` guards staff pages by role."""

import functools
import secrets
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, session, url_for
from sqlmodel import select
from werkzeug.security import check_password_hash, generate_password_hash

from server import rate_limits
from server.db import get_db
from server.models import Role, User
from server.services.staff import StaffInputError, change_own_password, end_sessions

bp = Blueprint("auth", __name__, url_prefix="/auth")
# Candidate pages and APIs refuse a staff session with this: staff never act as a candidate.
STAFF_AS_CANDIDATE = ("You are signed in as staff; candidate links cannot be used from a staff session. "
                      "Sign out or use a private window.")


@bp.before_app_request
def load_user():
    """``g.user``: the session's active user, while the session began in the user's current epoch (see
    ``logout``; deactivating a user or setting their password moves the epoch on too)."""
    user_id = session.get("user_id")
    user = get_db().get(User, user_id) if user_id is not None else None
    if user is not None and (session.get("epoch") != user.session_epoch or not user.active):
        session.clear()
        user = None
    g.user = user


def staff_required(*roles: Role):
    """Only signed-in staff with one of ``roles`` (admins always) may pass."""
    def decorator(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if g.user is None:
                return redirect(url_for("auth.login", next=request.path))
            if g.user.role != Role.ADMIN and g.user.role not in roles:
                abort(403, "Your role does not allow this page.")
            return view(**kwargs)
        return wrapped
    return decorator


LANDING_BY_ROLE = {Role.ADMIN: "admin.index", Role.AUTHOR: "authoring.index", Role.REVIEWER: "review.dashboard"}


def landing_url(user: User) -> str:
    """Where a role's work starts: authors at their problems, reviewers at the review dashboard."""
    return url_for(LANDING_BY_ROLE[user.role])


def home():
    """``/``: the signed-in user's landing page, else the login."""
    return redirect(landing_url(g.user) if g.user is not None else url_for("auth.login"))


def same_site_path(target: str) -> bool:
    """Whether ``target`` (``next`` after login) is a path on this site, and so safe to redirect to.

    Browsers drop tabs and newlines from a URL and read a backslash as ``/``, so
    ``/%09/host`` (decoded), ``/\\host`` and ``//host`` all lead to another host.
    Only one ``/`` followed by neither ``/`` nor a backslash, with no control,
    invisible or space character, and no scheme or host once parsed, is followed.
    """
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(char.isspace() or not char.isprintable() for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


@functools.cache
def _unknown_user_hash() -> str:
    """A hash of no one's password, checked for an unknown email so that its refusal takes as long as a wrong
    password's: the time of an answer does not tell which staff emails exist."""
    return generate_password_hash(secrets.token_urlsafe(32))


def _login_account() -> str:
    return "account:" + request.form.get("email", "").strip().lower()


def _refused(response: Response) -> bool:
    return response.status_code == 401


# Each address may try 10 logins a minute. Each account may fail 20 a minute, from however many addresses: a
# spread-out guesser is slowed, and no single address can fail often enough to lock the account out; a lock
# takes several addresses at once and lifts within a minute of them stopping.
@bp.route("/login", methods=("GET", "POST"))
@rate_limits.limit("10 per minute", methods=("POST",))
@rate_limits.limit("20 per minute", key_func=_login_account, methods=("POST",), deduct_when=_refused)
def login():
    error = None
    if request.method == "POST":
        email = request.form.get("email", "").strip().lower()
        user = get_db().exec(select(User).where(User.email == email)).first()
        stored_hash = user.password_hash if user is not None else _unknown_user_hash()
        if not check_password_hash(stored_hash, request.form.get("password", "")) or user is None:
            error = "Wrong email or password."
        elif not user.active:
            error = "This account is deactivated; ask an admin to reactivate it."
        else:
            session.clear()
            session["user_id"], session["epoch"] = user.id, user.session_epoch
            target = request.args.get("next", "")
            return redirect(target if same_site_path(target) else landing_url(user))
    return render_template("auth/login.html", error=error), 401 if error else 200


@bp.route("/password", methods=("GET", "POST"))
@staff_required(Role.AUTHOR, Role.REVIEWER)
@rate_limits.limit("10 per minute", methods=("POST",))
def password():
    """Change one's own password: the other sessions of the account end, this one goes on."""
    if request.method == "POST":
        new = request.form.get("new_password", "")
        try:
            if new != request.form.get("repeat_password", ""):
                raise StaffInputError("the new password and its repetition differ")
            change_own_password(get_db(), g.user, request.form.get("current_password", ""), new)
        except StaffInputError as error:
            flash(f"Password not changed: {error}.", "error")
            return render_template("auth/password.html"), 400
        session["epoch"] = g.user.session_epoch
        flash("Password changed; your other sessions are signed out.")
        return redirect(landing_url(g.user))
    return render_template("auth/password.html")


@bp.route("/logout", methods=("POST",))
def logout():
    """Signing out ends every session of the account: a copy of the cookie no longer signs in."""
    if g.user is not None:
        end_sessions(get_db(), g.user)
    session.clear()
    return redirect(url_for("auth.login"))
