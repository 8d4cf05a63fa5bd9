"""The reviewer's pages: dashboard, attempt, submission, playback, similarity, scorecards, report and exports.

Reviewers and admins only (``staff_required(Role.REVIEWER)``). Every page
takes an attempt's results from ``services.results``, so they all agree, and
first closes the attempts whose deadline passed, so that a finished attempt
never shows as in progress (without its band).
"""

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlmodel import col, or_, select

from server import json_out
from server.db import get_db
from server.error_responses import json_view
from server.ids import parse_id
from server.judge.verdicts import Verdict
from server.models import (
    RUBRIC,
    Attempt,
    Decision,
    Invite,
    ProblemVersion,
    Role,
    Screen,
    SimilarityFlag,
    Submission,
)
from server.problems.statement import render_markdown
from server.review import dashboard as dashboard_query
from server.review import scorecards
from server.review.cases import case_rows
from server.review.chart import complexity_svg
from server.review.code_view import highlighted
from server.review.diff import line_diff
from server.review.export import export_csv, export_json
from server.review.flagging import THRESHOLD, flag_match
from server.review.integrity import integrity
from server.review.playback import timeline
from server.services.answers import AnswerRejected, set_reviewer_score
from server.services.attempts import close_due, close_if_due, screen_problems
from server.services.problem_store import load_question, load_version
from server.services.results import attempt_result, record_fluency, screen_results, summarise_scorecards
from server.views.auth import staff_required
from server.views.query_args import id_arg, page_arg

bp = Blueprint("review", __name__, url_prefix="/review")
VERDICTS = tuple(verdict.label for verdict in Verdict)
bp.add_app_template_filter(scorecards.rubric_label, "rubric_label")


@bp.before_request
@staff_required(Role.REVIEWER)
def reviewers_only():
    """Every page here: reviewers and admins; authors get 403, anonymous visitors the login page."""


def _instance() -> Path:
    return Path(current_app.instance_path)


def _row_or_404(model, row_id: int):
    row = get_db().get(model, row_id)
    if row is None:
        abort(404, f"There is no {model.__name__.lower()} {row_id}.")
    return row


def _attempt_or_404(attempt_id: int) -> Attempt:
    found = _row_or_404(Attempt, attempt_id)
    close_if_due(get_db(), found)
    return found


def _invite_of(session, attempt_id: int) -> Invite:
    return session.exec(select(Invite).join(Attempt, Attempt.invite_id == Invite.id)
                        .where(Attempt.id == attempt_id)).one()


def _filters() -> dashboard_query.Filters:
    args = request.args
    return dashboard_query.Filters(
        screen=id_arg("screen"), problem=args.get("problem", "").strip(),
        band=args.get("band", "") if args.get("band", "") in dashboard_query.BAND_NAMES else "",
        verdict=args.get("verdict", "") if args.get("verdict", "") in VERDICTS else "",
        flagged=args.get("flagged") == "1",
        reviewed=args.get("reviewed", "") if args.get("reviewed", "") in ("yes", "no") else "",
        sort=args.get("sort", "newest") if args.get("sort") in dashboard_query.SORTS else "newest",
        page=page_arg())


@bp.route("/")
def dashboard():
    session = get_db()
    filters = _filters()
    close_due(session)
    found = dashboard_query.dashboard(session, filters)
    problems = sorted(set(session.exec(select(ProblemVersion.problem_id).where(ProblemVersion.kind != "question"))))
    return render_template("review/dashboard.html", page=found, filters=filters,
                           screens=session.exec(select(Screen).order_by(Screen.id.desc())).all(),
                           problems=problems, bands=dashboard_query.BAND_NAMES, verdicts=VERDICTS)


def _flags_of(session, submission_ids: list[int]) -> list[dict]:
    """Flags touching ``submission_ids``, each with the other side's submission and candidate."""
    flags = session.exec(select(SimilarityFlag).where(or_(col(SimilarityFlag.submission_a).in_(submission_ids),
                                                          col(SimilarityFlag.submission_b).in_(submission_ids)))
                         .order_by(SimilarityFlag.similarity.desc())).all()
    shown = []
    for flag in flags:
        other_id = flag.submission_b if flag.submission_a in submission_ids else flag.submission_a
        other = session.get(Submission, other_id)
        shown.append({"flag": flag, "other": other, "candidate": _invite_of(session, other.attempt_id).candidate_name})
    return shown


@bp.route("/attempts/<int:attempt_id>")
def attempt(attempt_id):
    return _attempt_page(_attempt_or_404(attempt_id), "review/attempt.html")


@bp.route("/attempts/<int:attempt_id>/report")
def report(attempt_id):
    return _attempt_page(_attempt_or_404(attempt_id), "review/report.html")


def _attempt_page(found: Attempt, template: str, form: scorecards.ScorecardInput | None = None, status: int = 200):
    session = get_db()
    result = attempt_result(session, found)
    finals = [problem.final.id for problem in result.problems if problem.final is not None]
    visible = scorecards.visible_scorecards(session, found.id, g.user)
    own = scorecards.own_scorecard(session, found.id, g.user.id)
    return render_template(template, result=result, integrity=integrity(session, found),
                           flags=_flags_of(session, finals),
                           own=own, form=form or _form_of(own), rubric=RUBRIC, scale=scorecards.SCALE,
                           decisions=list(Decision),
                           may_see=scorecards.may_see_others(session, found.id, g.user), visible=visible,
                           summary=summarise_scorecards([card for card, _ in visible]),
                           notes_html={p.final.id: render_markdown(p.final.notes) for p in result.problems
                                       if p.final is not None}), status


def _form_of(card) -> scorecards.ScorecardInput:
    if card is None:
        return scorecards.ScorecardInput({}, "", "")
    ratings = {key: ("" if (card.ratings.get(key) or {}).get("score") is None else str(card.ratings[key]["score"]),
                     (card.ratings.get(key) or {}).get("notes", "")) for key in RUBRIC}
    return scorecards.ScorecardInput(ratings, card.decision.value if card.decision else "", card.notes)


@bp.route("/attempts/<int:attempt_id>/scorecard", methods=("POST",))
def save_scorecard(attempt_id):
    found = _attempt_or_404(attempt_id)
    form = request.form
    sent = scorecards.ScorecardInput({key: (form.get(f"{key}_score", ""), form.get(f"{key}_notes", ""))
                                      for key in RUBRIC}, form.get("decision", ""), form.get("notes", ""))
    submit = form.get("action") == "submit"
    try:
        scorecards.save_scorecard(get_db(), found.id, g.user.id, sent, submit)
    except scorecards.ScorecardError as error:
        flash(str(error), "error")
        return _attempt_page(found, "review/attempt.html", form=sent, status=400)
    flash("Scorecard submitted: the other reviewers' scorecards are now shown." if submit else "Draft saved.")
    return redirect(url_for("review.attempt", attempt_id=found.id) + "#scorecard")


@bp.route("/attempts/<int:attempt_id>/questions/<int:version_id>/score", methods=("POST",))
def score_question(attempt_id, version_id):
    """A reviewer's score for a written answer (0-100); empty returns the item to its rubric score."""
    session = get_db()
    found = _attempt_or_404(attempt_id)
    screen = session.get(Screen, _invite_of(session, found.id).screen_id)
    version = session.get(ProblemVersion, version_id)
    if version_id not in screen.problems or version.kind != "question" \
            or load_question(session, version).format != "written":
        abort(404, f"No written question {version_id} in this attempt's screen: only written answers take a "
                   "reviewer's score.")
    typed = request.form.get("score", "").strip()
    try:
        set_reviewer_score(session, found.id, version_id, float(typed) if typed else None, g.user.id)
    except (ValueError, AnswerRejected) as error:
        flash(f"Score not saved: {error}", "error")
    else:
        record_fluency(session, found)
        flash(f"Score saved for {version.title}." if typed else f"{version.title} uses its rubric score again.")
    return redirect(url_for("review.attempt", attempt_id=found.id) + f"#question-{version_id}")


@bp.route("/submissions/<int:submission_id>")
def submission(submission_id):
    session = get_db()
    found = _row_or_404(Submission, submission_id)
    version = session.get(ProblemVersion, found.problem_version_id)
    package = load_version(session, version, _instance())
    attempt_row = _attempt_or_404(found.attempt_id)
    report_json = found.report or {}
    signals = integrity(session, attempt_row).only(version.id)
    return render_template("review/submission.html", submission=found, version=version, package=package,
                           result=attempt_result(session, attempt_row), rows=case_rows(report_json, package),
                           code=highlighted(found.code), chart=complexity_svg(report_json.get("complexity")),
                           complexity=report_json.get("complexity"), score=report_json.get("score"),
                           narration=report_json.get("notes"), quality=report_json.get("quality"),
                           policy=(report_json.get("policy") or {}).get("violations", []),
                           notes_html=render_markdown(found.notes), integrity=signals,
                           flags=_flags_of(session, [found.id]))


@bp.route("/attempts/<int:attempt_id>/playback/<int:version_id>")
def playback(attempt_id, version_id):
    session = get_db()
    found = _attempt_or_404(attempt_id)
    result = attempt_result(session, found)
    if version_id not in result.screen.problems:
        abort(404, "That problem is not part of this attempt's screen.")
    return render_template("review/playback.html", result=result, version=session.get(ProblemVersion, version_id),
                           data=timeline(session, found.id, version_id))


@bp.route("/attempts/<int:attempt_id>/playback/<int:version_id>/diff")
@json_view
def playback_diff(attempt_id, version_id):
    """JSON: the line diff of snapshot ``a`` against ``b`` (indexes), of their ``part`` (code or notes)."""
    snapshots = timeline(get_db(), _attempt_or_404(attempt_id).id, version_id)["snapshots"]
    if not snapshots:
        return jsonify(error="not_found", message="nothing was saved for this problem in this attempt"), 404
    a, b = (parse_id(request.args.get(name, "")) for name in ("a", "b"))
    if a is None or b is None or a >= len(snapshots) or b >= len(snapshots):
        return jsonify(error="bad_request", message=f"a and b must be snapshot indexes 0..{len(snapshots) - 1}"), 400
    part = request.args.get("part", "code")
    if part not in ("code", "notes"):
        return jsonify(error="bad_request", message="part must be code or notes"), 400
    before, after = snapshots[a], snapshots[b]
    return jsonify(a=before["index"], b=after["index"], part=part, rows=line_diff(before[part], after[part]))


@bp.route("/similarity/<int:flag_id>")
def similarity(flag_id):
    session = get_db()
    flag = _row_or_404(SimilarityFlag, flag_id)
    a, b, match = flag_match(session, flag, _instance())
    sides = []
    for submission_row, lines, anchor in ((a, {r[0] for r in match.regions}, "A"),
                                          (b, {r[1] for r in match.regions}, "B")):
        sides.append({"submission": submission_row, "invite": _invite_of(session, submission_row.attempt_id),
                      "code": highlighted(submission_row.code, tuple(sorted(lines)), anchor)})
    return render_template("review/similarity.html", flag=flag, match=match, sides=sides, threshold=THRESHOLD)


def _visible_attempts(results) -> set[int]:
    session = get_db()
    return {r.attempt.id for r in results if scorecards.may_see_others(session, r.attempt.id, g.user)}


@bp.route("/screens/<int:screen_id>/results.csv")
def results_csv(screen_id):
    screen = _row_or_404(Screen, screen_id)
    close_due(get_db(), screen)
    results = screen_results(get_db(), screen)
    versions = screen_problems(get_db(), screen)
    problem_ids = [version.problem_id for version in versions if version.kind != "question"]
    question_ids = [version.problem_id for version in versions if version.kind == "question"]
    return Response(export_csv(results, problem_ids, question_ids, _visible_attempts(results)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="screen-{screen.id}-results.csv"'})


@bp.route("/screens/<int:screen_id>/results.json")
def results_json(screen_id):
    screen = _row_or_404(Screen, screen_id)
    close_due(get_db(), screen)
    results = screen_results(get_db(), screen)
    return Response(json_out.dumps(export_json(screen, results, _visible_attempts(results)), indent=1),
                    mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="screen-{screen.id}-results.json"'})
