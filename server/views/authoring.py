"""Authoring in the browser (authors and admins): list, create, edit, validate, publish, import and export."""

import io
from types import SimpleNamespace

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import NotFound

from server.body_limits import accepts_body
from server.db import get_db
from server.error_responses import json_view
from server.errors import ArchiveError, ProblemFormatError
from server.json_body import json_object
from server.models import Role
from server.problems import archive
from server.problems.package import SUBMISSION_FOLDERS, load_package
from server.problems.statement import render_preview
from server.questions.item import QUESTION_FILE, parse_question
from server.services import authoring, validation
from server.services.authoring import AuthoringError
from server.services.candidate_view import public_case
from server.services.custom_input import input_form
from server.services.settings_form import FIELDS, apply_rubric, apply_settings, read_rubric, read_settings
from server.services.staff import staff_emails
from server.views.auth import staff_required
from server.views.candidate import NOTES_TEMPLATE

bp = Blueprint("authoring", __name__, url_prefix="/author")

# The import form's body: an archive up to the archive limit, plus the multipart framing and two small fields.
IMPORT_BODY_BYTES = archive.MAX_ARCHIVE_BYTES + 64 * 1024


def _validations() -> validation.Validations:
    return current_app.extensions["techscreen.validations"]


def _problem(problem_id: str):
    try:
        return authoring.get_problem(get_db(), problem_id)
    except AuthoringError as error:
        raise NotFound(str(error)) from None


def _zip(problem_id: str, files: dict, name: str):
    try:
        data = archive.pack(problem_id, files)
    except ProblemFormatError as error:  # a path outside the package, stored before paths were checked
        flash(f"Cannot export: {error}", "error")
        return redirect(url_for("authoring.edit", problem_id=problem_id))
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True, download_name=f"{name}.zip")


@bp.route("/")
@staff_required(Role.AUTHOR)
def index():
    return render_template("authoring/index.html", rows=authoring.problem_rows(get_db()))


@bp.route("/new", methods=("POST",))
@staff_required(Role.AUTHOR)
def new():
    try:
        problem = authoring.create_problem(get_db(), request.form.get("id", ""), request.form.get("title", ""),
                                           g.user.id, kind="question" if request.form.get("kind") == "question"
                                           else "coding")
    except AuthoringError as error:
        flash(str(error), "error")
        return render_template("authoring/index.html", rows=authoring.problem_rows(get_db()),
                               typed=request.form), 400
    start = "question" if authoring.is_question(problem) else "package"
    flash(f"Created {problem.problem_id} from the starting {start}: edit it, validate, then publish.")
    return redirect(url_for("authoring.edit", problem_id=problem.problem_id))


@bp.route("/<problem_id>/adopt", methods=("POST",))
@staff_required(Role.AUTHOR)
def adopt(problem_id):
    try:
        authoring.adopt_bank_problem(get_db(), problem_id, g.user.id)
    except AuthoringError as error:
        flash(str(error), "error")
        return redirect(url_for("authoring.index"))
    flash(f"{problem_id} is now edited in the browser; the bank folder no longer updates it.")
    return redirect(url_for("authoring.edit", problem_id=problem_id))


@bp.route("/import", methods=("POST",))
@staff_required(Role.AUTHOR)
@accepts_body(IMPORT_BODY_BYTES, f"a problem archive of at most {archive.MAX_ARCHIVE_BYTES // 2**20} MiB")
def import_zip():
    upload = request.files.get("archive")
    if upload is None or not upload.filename:
        flash("Choose a zip file to import.", "error")
        return redirect(url_for("authoring.index"))
    try:
        problem = authoring.import_archive(get_db(), upload.read(), upload.filename, g.user.id,
                                           replace=request.form.get("replace") == "on")
    except ArchiveError as error:
        return render_template("authoring/index.html", rows=authoring.problem_rows(get_db()),
                               import_issues=error.issues, import_name=upload.filename), 400
    except AuthoringError as error:
        flash(str(error), "error")
        return redirect(url_for("authoring.index"))
    flash(f"Imported {problem.problem_id} as its working copy: validate, then publish.")
    return redirect(url_for("authoring.edit", problem_id=problem.problem_id))


@bp.route("/<problem_id>/")
@staff_required(Role.AUTHOR)
def edit(problem_id):
    session = get_db()
    problem = _problem(problem_id)
    issues = authoring.format_issues(problem_id, problem.files)
    versions = authoring.versions(session, problem_id)
    runs = validation.runs(session, problem_id)
    people = staff_emails(session, [v.published_by for v in versions] + [run.requested_by for run in runs])
    if authoring.is_question(problem):
        errors = [issue for issue in issues if issue.severity == "error"]
        return render_template("authoring/question.html", problem=problem, state=authoring.state_of(session, problem),
                               validation=authoring.validation_of(problem), issues=issues, versions=versions,
                               runs=runs, people=people, title=authoring.working_title(problem) or problem_id,
                               text=problem.files[QUESTION_FILE],
                               item=None if errors else parse_question(problem.files[QUESTION_FILE]))
    return render_template("authoring/edit.html", problem=problem, state=authoring.state_of(session, problem),
                           validation=authoring.validation_of(problem), issues=issues,
                           issues_json=[issue.as_json() for issue in issues],
                           versions=versions, runs=runs, people=people,
                           folders=SUBMISSION_FOLDERS, fields=FIELDS,
                           title=authoring.working_title(problem) or problem_id)


@bp.route("/<problem_id>/try")
@staff_required(Role.AUTHOR)
def try_as_candidate(problem_id):
    """The working copy (saved) in the candidate's workspace, as a candidate would see it: statement, starter code
    in the editor, the notes template and the clock; nothing is saved or judged (Validate judges)."""
    problem = _problem(problem_id)
    try:
        with authoring.materialised(problem_id, problem.files) as root:
            package = load_package(root)
            statement = package.statement_html()
    except ProblemFormatError as error:
        flash(f"The preview needs a package without format errors: {len(error.issues)} to fix (Save shows them).",
              "error")
        return redirect(url_for("authoring.edit", problem_id=problem_id))
    version = SimpleNamespace(id=0, title=package.spec.title, minutes=package.spec.time_limit_minutes)
    return render_template("candidate/problem.html", preview=True, token="", versions=[version], index=0,
                           version=version, package=package, statement=statement, code=package.starter,
                           notes=NOTES_TEMPLATE, examples=[public_case(case) for case in package.public_cases],
                           seconds_left=version.minutes * 60, read_only=False, last_submission_id=None,
                           own_input=input_form(package), problem_id=problem_id,
                           screen=SimpleNamespace(name="Preview"))


@bp.route("/<problem_id>/save", methods=("POST",))
@json_view
@staff_required(Role.AUTHOR)
def save(problem_id):
    session = get_db()
    problem = _problem(problem_id)
    try:
        issues = authoring.save_files(session, problem, json_object().get("files"),
                                      g.user.id)
    except AuthoringError as error:
        return jsonify(message=str(error)), 400
    return jsonify(issues=[issue.as_json() for issue in issues], state=authoring.state_of(session, problem),
                   validation=authoring.validation_of(problem))


@bp.route("/<problem_id>/question", methods=("POST",))
@staff_required(Role.AUTHOR)
def save_question(problem_id):
    """Save a question item's ``question.toml`` as typed (however broken); the edit page lists its errors."""
    session = get_db()
    problem = _problem(problem_id)
    try:
        issues = authoring.save_files(session, problem, {QUESTION_FILE: request.form.get("question", "")}, g.user.id)
    except AuthoringError as error:
        flash(str(error), "error")
    else:
        errors = sum(issue.severity == "error" for issue in issues)
        flash(f"Saved, with {errors} error{'s' if errors != 1 else ''} to fix." if errors else
              "Saved: validate, then publish.", "error" if errors else "message")
    return redirect(url_for("authoring.edit", problem_id=problem_id))


@bp.route("/<problem_id>/question/validate", methods=("POST",))
@staff_required(Role.AUTHOR)
def validate_question(problem_id):
    run = authoring.validate_question(get_db(), _problem(problem_id), g.user.id)
    flash("Validate passed: publish to record a version." if run.message == "passed" else
          "Validate failed: fix what is listed and validate again.", "message" if run.message == "passed" else "error")
    return redirect(url_for("authoring.edit", problem_id=problem_id))


@bp.route("/preview", methods=("POST",))
@json_view
@staff_required(Role.AUTHOR)
def preview():
    body = json_object()
    markdown, toml = body.get("markdown"), body.get("toml")
    if not isinstance(markdown, str) or not isinstance(toml, str | None):
        return jsonify(message="markdown (and toml, when given) must be text"), 400
    return jsonify(html=render_preview(markdown, toml))


@bp.route("/<problem_id>/cases", methods=("POST",))
@json_view
@staff_required(Role.AUTHOR)
def cases(problem_id):
    body = json_object()
    problem = _problem(problem_id)
    typed = body.get("files") if isinstance(body.get("files"), dict) else {}
    files = {**problem.files, **{name: text for name, text in typed.items()
                                 if name in ("problem.toml", "generator.py") and isinstance(text, str)}}
    try:
        rows, general = authoring.case_row_errors(files, body.get("file"), body.get("cases"))
    except AuthoringError as error:
        return jsonify(message=str(error)), 400
    return jsonify(rows={str(index): messages for index, messages in rows.items()}, general=general)


@bp.route("/<problem_id>/settings", methods=("POST",))
@json_view
@staff_required(Role.AUTHOR)
def settings(problem_id):
    _problem(problem_id)
    body = json_object()
    text, values, rubric = body.get("toml"), body.get("values", {}), body.get("rubric")
    if not isinstance(text, str) or not isinstance(values, dict) or not isinstance(rubric, list | None):
        return jsonify(message="send the problem.toml text, the form's values and (optionally) the rubric"), 400
    problems = []
    for apply, typed in ((apply_settings, values), (apply_rubric, rubric)):
        try:
            text = apply(text, typed) if typed is not None else text
        except AuthoringError as error:
            problems.append(str(error))
    if problems:
        return jsonify(message="; ".join(problems)), 400
    return jsonify(toml=text, values=read_settings(text), rubric=read_rubric(text))


@bp.route("/<problem_id>/validate", methods=("GET", "POST"))
@json_view
@staff_required(Role.AUTHOR)
def validate(problem_id):
    problem = _problem(problem_id)
    if request.method == "POST":
        run = (authoring.validate_question(get_db(), problem, g.user.id) if authoring.is_question(problem)
               else _validations().start(problem, g.user.id))
        return jsonify(progress=validation.progress_json(run)), 202
    run = validation.latest_run(get_db(), problem_id)
    return jsonify(progress=validation.progress_json(run), report=problem.check_report,
                   checked_hash=problem.checked_hash, validation=authoring.validation_of(problem))


@bp.route("/<problem_id>/publish", methods=("POST",))
@staff_required(Role.AUTHOR)
def publish(problem_id):
    try:
        version = authoring.publish(get_db(), _problem(problem_id), g.user.id)
    except AuthoringError as error:
        flash(str(error), "error")
    else:
        flash(f"Published {problem_id} version {version.number}: new screens get it; earlier screens and "
              "submissions keep theirs.")
    return redirect(url_for("authoring.edit", problem_id=problem_id))


@bp.route("/<problem_id>/export.zip")
@staff_required(Role.AUTHOR)
def export_working(problem_id):
    return _zip(problem_id, _problem(problem_id).files, f"{problem_id}-working-copy")


@bp.route("/<problem_id>/versions/<int:number>.zip")
@staff_required(Role.AUTHOR)
def export_version(problem_id, number):
    try:
        files = authoring.version_files(get_db(), problem_id, number)
    except AuthoringError as error:
        raise NotFound(str(error)) from None
    return _zip(problem_id, files, f"{problem_id}-v{number}")
