"""Admin basics in the browser: staff users, screens, invites, and the attempts so far.

An invite link lets whoever holds it sit the screen as the candidate: only
admins make invites, and each link is shown once, on the page that made it.
"""

import datetime as dt

from flask import Blueprint, abort, current_app, flash, g, make_response, redirect, render_template, request, url_for
from sqlmodel import col, func, select

from server.db import get_db
from server.ids import parse_id
from server.models import Attempt, AttemptState, Invite, Role, Screen, Submission, User, utcnow
from server.scoring.score import DEFAULT_FLUENCY_WEIGHT
from server.services import attempts as attempt_service
from server.services import invite_admin, screen_edits, staff
from server.services.invite_admin import expiry_from_date
from server.services.paging import page_window
from server.services.problem_store import current_versions
from server.services.results import attempt_totals
from server.services.staff import (
    CANDIDATE_FEEDBACK_LABELS,
    StaffInputError,
    add_screen,
    add_user,
    candidate_feedback,
    invite_link,
    set_candidate_feedback,
)
from server.views.auth import staff_required
from server.views.query_args import page_arg

bp = Blueprint("admin", __name__, url_prefix="/admin")
ROLES_LEAST_FIRST = [Role.REVIEWER.value, Role.AUTHOR.value, Role.ADMIN.value]  # "Add a user" offers the first
ATTEMPTS_PAGE_SIZE = 50
PENDING_INVITES_SHOWN = 200


@bp.route("/")
@staff_required(Role.AUTHOR, Role.REVIEWER)
def index():
    session = get_db()
    count = session.exec(select(func.count()).select_from(Invite)).one()
    pages, page = page_window(count, page_arg(), ATTEMPTS_PAGE_SIZE)
    listed = session.exec(select(Invite, Attempt, Screen).join(Attempt, Attempt.invite_id == Invite.id)
                          .join(Screen, Screen.id == Invite.screen_id).order_by(Invite.id.desc())
                          .offset((page - 1) * ATTEMPTS_PAGE_SIZE).limit(ATTEMPTS_PAGE_SIZE)).all()
    attempt_ids = [attempt.id for _, attempt, _ in listed]
    inviters = attempt_service.invited_by(session, [invite for invite, _, _ in listed])
    submits = dict(session.exec(select(Submission.attempt_id, func.count())
                                .where(Submission.kind == "submit", col(Submission.attempt_id).in_(attempt_ids))
                                .group_by(Submission.attempt_id)).all())
    scores = dict(session.exec(attempt_totals(session, col(Submission.attempt_id).in_(attempt_ids))).all())
    rows = []
    for invite, attempt, screen in listed:
        rows.append({"invite": invite, "attempt": attempt, "screen": screen, "submissions": submits.get(attempt.id, 0),
                     "score": scores.get(attempt.id),
                     "invited_by": inviters[invite.id]})
    return render_template("admin/index.html", rows=rows, count=count, page=page, pages=pages)


@bp.route("/users", methods=("GET", "POST"))
@staff_required()
def users():
    session = get_db()
    if request.method == "POST":
        try:
            user = add_user(session, request.form.get("email", ""), request.form.get("name", ""),
                            request.form.get("role", ""), request.form.get("password", ""))
            flash(f"Added {user.email} as {user.role.value}.")
            return redirect(url_for("admin.users"))
        except StaffInputError as error:
            flash(str(error), "error")
    return render_template("admin/users.html", users=session.exec(select(User).order_by(User.email)).all(),
                           roles=ROLES_LEAST_FIRST)


def _user(user_id: int) -> User:
    return get_db().get(User, user_id) or abort(404, f"There is no user {user_id}.")


def _staff_change(change, done: str):
    """Make ``change``; flash ``done`` or why it was refused; back to the users page."""
    try:
        change()
        flash(done)
    except StaffInputError as error:
        flash(str(error), "error")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/edit", methods=("POST",))
@staff_required()
def edit_user(user_id):
    user = _user(user_id)
    return _staff_change(lambda: staff.edit_user(get_db(), user, request.form.get("name", ""),
                                                 request.form.get("role", "")), f"Saved {user.email}.")


@bp.route("/users/<int:user_id>/active", methods=("POST",))
@staff_required()
def user_active(user_id):
    user, active = _user(user_id), request.form.get("active") == "true"
    return _staff_change(lambda: staff.set_active(get_db(), user, active),
                         f"{user.email} is {'active again' if active else 'deactivated and signed out everywhere'}.")


@bp.route("/users/<int:user_id>/password", methods=("POST",))
@staff_required()
def user_password(user_id):
    user = _user(user_id)
    return _staff_change(lambda: staff.set_password(get_db(), user, request.form.get("password", "")),
                         f"New password set for {user.email}; their sessions are signed out. Tell them the "
                         "password by a separate channel.")


@bp.route("/screens", methods=("GET", "POST"))
@staff_required(Role.AUTHOR)
def screens():
    session = get_db()
    if request.method == "POST":
        try:
            minutes = int(request.form.get("minutes", "0") or 0)
            screen = add_screen(session, request.form.get("name", ""), minutes, request.form.getlist("problems"),
                                created_by=g.user.id,
                                candidate_feedback=candidate_feedback(request.form.get("candidate_feedback",
                                                                                       "verdict")),
                                fluency_weight=int(request.form.get("fluency_weight", "") or DEFAULT_FLUENCY_WEIGHT))
            flash(f"Created screen {screen.name!r}.")
            return redirect(url_for("admin.screens"))
        except (StaffInputError, ValueError) as error:
            flash(str(error), "error")
    all_screens = session.exec(select(Screen).order_by(Screen.id.desc())).all()
    return render_template("admin/screens.html", screens=all_screens, versions=current_versions(session),
                           titles={s.id: [v.title for v in attempt_service.screen_problems(session, s)]
                                   for s in all_screens}, feedback_labels=CANDIDATE_FEEDBACK_LABELS)


@bp.route("/screens/<int:screen_id>/candidate-feedback", methods=("POST",))
@staff_required(Role.AUTHOR)
def screen_feedback(screen_id):
    """What the screen's candidates see of a submit: the verdict and counts, or also the score total."""
    session = get_db()
    screen = session.get(Screen, screen_id) or abort(404, f"There is no screen {screen_id}.")
    try:
        feedback = candidate_feedback(request.form.get("candidate_feedback", ""))
        set_candidate_feedback(session, screen, feedback)
        flash(f"Candidates at {screen.name} now see {CANDIDATE_FEEDBACK_LABELS[feedback]} after Submit.")
    except StaffInputError as error:
        flash(str(error), "error")
    return redirect(url_for("admin.screens"))


@bp.route("/screens/<int:screen_id>", methods=("GET", "POST"))
@staff_required(Role.AUTHOR)
def edit_screen(screen_id):
    """Name, duration and the problems in order (Move up, Move down, Remove, Add: each sends the whole form)."""
    session = get_db()
    screen = session.get(Screen, screen_id) or abort(404, f"There is no screen {screen_id}.")
    problem_ids = [version.problem_id for version in attempt_service.screen_problems(session, screen)]
    name, minutes, fluency_weight = screen.name, screen.minutes, screen.fluency_weight
    if request.method == "POST":
        name, problem_ids = request.form.get("name", ""), request.form.getlist("problems")
        action, _, argument = request.form.get("action", "save").partition(":")
        if action in screen_edits.MOVES:
            problem_ids = screen_edits.moved(problem_ids, _move_index(argument), action)
        elif action == "remove":
            problem_ids = [p for p in problem_ids if p != argument]
        elif action == "add" and request.form.get("add"):
            problem_ids.append(request.form["add"])
        try:
            minutes = int(request.form.get("minutes", "0") or 0)
            fluency_weight = int(request.form.get("fluency_weight", "") or screen.fluency_weight)
            screen_edits.edit_screen(session, screen, name, minutes, problem_ids, fluency_weight)
            flash(f"Saved screen {screen.name!r}.")
            return redirect(url_for("admin.edit_screen", screen_id=screen.id))
        except (StaffInputError, ValueError) as error:
            session.rollback()
            flash(f"Not saved: {error}.", "error")
    versions = {version.problem_id: version for version in current_versions(session)}
    versions.update({version.problem_id: version for version in attempt_service.screen_problems(session, screen)})
    return render_template("admin/screen_edit.html", screen=screen, name=name, minutes=minutes,
                           fluency_weight=fluency_weight,
                           items=[versions[p] for p in problem_ids if p in versions],
                           addable=[v for p, v in versions.items() if p not in problem_ids],
                           started=screen_edits.started_attempts(session, screen))


def _move_index(argument: str) -> int:
    """The position a Move button names (none: -1, which moves nothing); the page never sends anything else."""
    try:
        return int(argument or -1)
    except ValueError:
        abort(400, f"{argument!r} is not the position of an item to move.")


@bp.route("/screens/<int:screen_id>/archive", methods=("POST",))
@staff_required(Role.AUTHOR)
def archive_screen(screen_id):
    session = get_db()
    screen = session.get(Screen, screen_id) or abort(404, f"There is no screen {screen_id}.")
    archived = request.form.get("archived") == "true"
    screen_edits.set_archived(session, screen, archived)
    flash(f"Archived {screen.name!r}: its attempts stay, no new invites." if archived
          else f"{screen.name!r} is back among the screens to invite to.")
    return redirect(url_for("admin.screens"))


@bp.route("/invites", methods=("GET", "POST"))
@staff_required()
def invites():
    session = get_db()
    link = None
    if request.method == "POST":
        screen_id = parse_id(request.form.get("screen", ""))
        screen = session.get(Screen, screen_id) if screen_id is not None else None
        name, email = request.form.get("name", "").strip(), request.form.get("email", "").strip()
        try:
            if screen is None or screen.archived_at is not None or not name or "@" not in email:
                raise StaffInputError("Choose a screen and give the candidate's name and email.")
            expires = request.form.get("expires", "")
            _, token = attempt_service.create_invite(session, screen, name, email, current_app.config["INVITE_DAYS"],
                                                     created_by=g.user.id,
                                                     expires_at=expiry_from_date(expires) if expires else None)
            link = invite_link(current_app.config["PUBLIC_URL"], token)
            flash(f"Invite for {name} created.")
        except StaffInputError as error:
            flash(str(error), "error")
    open_screens = session.exec(select(Screen).where(col(Screen.archived_at).is_(None))).all()
    pending = session.exec(select(Invite, Screen).join(Attempt, Attempt.invite_id == Invite.id)
                           .join(Screen, Screen.id == Invite.screen_id)
                           .where(Attempt.state == AttemptState.INVITED).order_by(Invite.id.desc())
                           .limit(PENDING_INVITES_SHOWN)).all()
    default_expiry = (utcnow() + dt.timedelta(days=current_app.config["INVITE_DAYS"])).date()
    response = make_response(render_template("admin/invites.html", screens=open_screens, link=link,
                                             pending=pending, now=utcnow(), default_expiry=default_expiry))
    response.headers["Cache-Control"] = "no-store"  # the page may carry a link's only showing
    return response


def _invite(invite_id: int) -> Invite:
    return get_db().get(Invite, invite_id) or abort(404, f"There is no invite {invite_id}.")


@bp.route("/invites/<int:invite_id>/revoke", methods=("POST",))
@staff_required()
def revoke_invite(invite_id):
    invite = _invite(invite_id)
    invite_admin.revoke(get_db(), invite)
    flash(f"Revoked the invite for {invite.candidate_name}: the link no longer opens.")
    return redirect(url_for("admin.invites"))


@bp.route("/invites/<int:invite_id>/expiry", methods=("POST",))
@staff_required()
def invite_expiry(invite_id):
    invite = _invite(invite_id)
    try:
        invite_admin.set_expiry(get_db(), invite, expiry_from_date(request.form.get("expires", "")))
        flash(f"The invite for {invite.candidate_name} now expires {invite.expires_at:%Y-%m-%d %H:%M} UTC.")
    except StaffInputError as error:
        flash(str(error), "error")
    return redirect(url_for("admin.invites"))
