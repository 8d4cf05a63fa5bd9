"""API tokens in the browser (admins only): create one, see it once, list them, revoke."""

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for

from server.db import get_db
from server.models import API_SCOPES
from server.services.api_tokens import ApiTokenError, create_token, list_tokens, revoke_token
from server.services.staff import staff_emails
from server.views.auth import staff_required

bp = Blueprint("tokens", __name__, url_prefix="/admin/tokens")


@bp.route("/", methods=("GET", "POST"))
@staff_required()
def index():
    session = get_db()
    created = plaintext = None
    form = {"name": "", "scopes": []}
    if request.method == "POST":
        form = {"name": request.form.get("name", ""), "scopes": request.form.getlist("scopes")}
        try:
            created, plaintext = create_token(session, form["name"], form["scopes"], created_by=g.user.id)
            form = {"name": "", "scopes": []}
        except ApiTokenError as error:
            flash(str(error), "error")
    tokens = list_tokens(session)
    emails = staff_emails(session, [token.created_by for token in tokens])
    response = make_response(render_template("admin/tokens.html", tokens=tokens, emails=emails,
                                             scopes=API_SCOPES, created=created, plaintext=plaintext, form=form),
                             422 if request.method == "POST" and created is None else 200)
    response.headers["Cache-Control"] = "no-store"  # the page may carry a token's only showing
    return response


@bp.route("/<int:token_id>/revoke", methods=("POST",))
@staff_required()
def revoke(token_id):
    try:
        token = revoke_token(get_db(), token_id)
        flash(f"Revoked the token {token.name!r} ({token.prefix}…): it no longer authenticates.")
    except ApiTokenError as error:
        flash(str(error), "error")
    return redirect(url_for("tokens.index"))
