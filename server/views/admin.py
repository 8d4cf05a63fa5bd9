"""Admin basics in the browser: staff users, screens, invites, and the attempts so far.

An invite link lets whoever holds it sit the screen as the candidate: only
admins make invites, and each link is shown once, on the page that made it.
"""

from flask import Blueprint, abort, current_app, flash, g, make_response, redirect, render_template, request, url_for
from sqlmodel import col, func, select

from server.db import get_db
from server.ids import parse_id
from server.models import Attempt, Invite, Role, Screen, Submission, User
from server.scoring.score import DEFAULT_FLUENCY_WEIGHT
from server.services import attempts as attempt_service
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
ATTEMPTS_PAGE_SIZE = 50


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
                           roles=[role.value for role in Role])


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


@bp.route("/invites", methods=("GET", "POST"))
@staff_required()
def invites():
    session = get_db()
    link = None
    if request.method == "POST":
        screen_id = parse_id(request.form.get("screen", ""))
        screen = session.get(Screen, screen_id) if screen_id is not None else None
        name, email = request.form.get("name", "").strip(), request.form.get("email", "").strip()
        if screen is None or not name or "@" not in email:
            flash("Choose a screen and give the candidate's name and email.", "error")
        else:
            _, token = attempt_service.create_invite(session, screen, name, email, current_app.config["INVITE_DAYS"],
                                                     created_by=g.user.id)
            link = invite_link(current_app.config["PUBLIC_URL"], token)
            flash(f"Invite for {name} created.")
    response = make_response(render_template("admin/invites.html", screens=session.exec(select(Screen)).all(),
                                             link=link))
    response.headers["Cache-Control"] = "no-store"  # the page may carry a link's only showing
    return response
