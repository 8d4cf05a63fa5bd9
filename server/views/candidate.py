"""The candidate's pages: invite landing, start, the problem workspace, finish.

Candidates have no accounts: the invite token in the URL is the credential,
and every view reaches only that token's attempt. A browser signed in as
staff is refused: no staff role acts as a candidate.
"""

from pathlib import Path

from flask import Blueprint, current_app, g, redirect, render_template, url_for

from server.db import get_db
from server.models import AttemptState
from server.questions.item import MAX_ANSWER_CHARS
from server.questions.order import option_order
from server.services import attempts
from server.services.answers import answer_of
from server.services.candidate_view import public_case
from server.services.custom_input import input_form
from server.services.drafts import latest_draft
from server.services.problem_store import load_question, load_version
from server.views.auth import STAFF_AS_CANDIDATE

bp = Blueprint("candidate", __name__, url_prefix="/invite")

NOTES_TEMPLATE = "## Approach\n\n\n## Complexity\nTime: \nSpace: \n\n## Edge cases\n- \n\n## Trade-offs\n\n"


@bp.before_request
def refuse_staff_session():
    if g.user is not None:
        return render_template("candidate/staff_session.html", message=STAFF_AS_CANDIDATE), 403
    return None


@bp.errorhandler(attempts.InviteError)
def invite_error(error):
    status = 404 if isinstance(error, attempts.InviteNotFound) else 410
    return render_template("error.html", title=error.title, message=str(error)), status


@bp.route("/<token>")
def landing(token):
    invite, attempt, screen = attempts.invite_for(get_db(), token)
    if attempt.state == AttemptState.IN_PROGRESS:
        return redirect(url_for("candidate.problem", token=token, index=0))
    problems = attempts.screen_problems(get_db(), screen)
    return render_template("candidate/landing.html", token=token, invite=invite, attempt=attempt, screen=screen,
                           problems=problems)


@bp.route("/<token>/start", methods=("POST",))
def start(token):
    _, attempt, screen = attempts.invite_for(get_db(), token)
    attempts.start(get_db(), attempt, screen)
    return redirect(url_for("candidate.problem", token=token, index=0))


@bp.route("/<token>/problem/<int:index>")
def problem(token, index):
    session = get_db()
    invite, attempt, screen = attempts.invite_for(session, token)
    if attempt.state == AttemptState.INVITED:
        return redirect(url_for("candidate.landing", token=token))
    versions = attempts.screen_problems(session, screen)
    if not 0 <= index < len(versions):
        raise attempts.InviteNotFound("That problem is not part of this screen.")
    version = versions[index]
    if version.kind == "question":
        return _question(session, token, invite, attempt, screen, versions, index)
    package = load_version(session, version, Path(current_app.instance_path))
    draft = latest_draft(session, attempt.id, version.id)
    last = attempts.latest_submission(session, attempt, version.id, "submit")
    return render_template(
        "candidate/problem.html", token=token, invite=invite, attempt=attempt, screen=screen, versions=versions,
        index=index, version=version, package=package, statement=package.statement_html(),
        code=draft.code if draft else package.starter, notes=draft.notes if draft else NOTES_TEMPLATE,
        examples=[public_case(case) for case in package.public_cases],
        seconds_left=attempts.seconds_left(attempt), read_only=attempt.state == AttemptState.FINISHED,
        last_submission_id=last.id if last else None, own_input=input_form(package))


def _question(session, token, invite, attempt, screen, versions, index):
    """A question item in the workspace: the options in this attempt's shuffled order, the saved answer."""
    version = versions[index]
    item = load_question(session, version)
    answer = answer_of(session, attempt.id, version.id)
    options = [(number, item.options[number].text) for number in option_order(attempt.id, version.id,
                                                                                 len(item.options))]
    return render_template(
        "candidate/question.html", token=token, invite=invite, attempt=attempt, screen=screen, versions=versions,
        index=index, version=version, item=item, options=options, chosen=set(answer.choices) if answer else set(),
        text=answer.text if answer else "", max_chars=MAX_ANSWER_CHARS, seconds_left=attempts.seconds_left(attempt),
        read_only=attempt.state == AttemptState.FINISHED)


@bp.route("/<token>/finish", methods=("POST",))
def finish(token):
    _, attempt, _ = attempts.invite_for(get_db(), token)
    attempts.finish(get_db(), attempt)
    return redirect(url_for("candidate.finished", token=token))


@bp.route("/<token>/finished")
def finished(token):
    invite, attempt, screen = attempts.invite_for(get_db(), token)
    if attempt.state != AttemptState.FINISHED:
        return redirect(url_for("candidate.landing", token=token))
    return render_template("candidate/finished.html", token=token, invite=invite, attempt=attempt, screen=screen)
