"""Integrations in the browser (admins only): webhook endpoints and their delivery log, and the tests
Greenhouse sent, with a link to issue for each invite that was not mailed."""

from flask import Blueprint, current_app, flash, g, make_response, redirect, render_template, request, url_for

from server.db import get_db
from server.models import WEBHOOK_EVENTS, GreenhouseInterview, Invite
from server.services import attempts, greenhouse, outbox, webhooks
from server.services.staff import invite_link
from server.views.auth import staff_required

bp = Blueprint("integrations", __name__, url_prefix="/admin/integrations")


def _wake_deliveries() -> None:
    dispatcher = current_app.extensions.get("techscreen.deliveries")
    if dispatcher is not None:
        dispatcher.wake()


@bp.route("/webhooks", methods=("GET", "POST"))
@staff_required()
def webhook_endpoints():
    session = get_db()
    created = None
    form = {"url": "", "events": []}
    if request.method == "POST":
        form = {"url": request.form.get("url", ""), "events": request.form.getlist("events")}
        try:
            created = webhooks.add_endpoint(session, form["url"], form["events"], created_by=g.user.id)
            form = {"url": "", "events": []}
        except webhooks.WebhookError as error:
            flash(str(error), "error")
    response = make_response(render_template("admin/webhooks.html", endpoints=webhooks.active_endpoints(session),
                                             events=WEBHOOK_EVENTS, created=created, form=form),
                             422 if request.method == "POST" and created is None else 200)
    response.headers["Cache-Control"] = "no-store"  # the page may carry a secret's only showing
    return response


@bp.route("/webhooks/<int:endpoint_id>/test", methods=("POST",))
@staff_required()
def send_test_event(endpoint_id):
    try:
        delivery = webhooks.send_test_event(get_db(), endpoint_id)
        _wake_deliveries()
        flash(f"Test event queued to {delivery.url}; the delivery log shows how it went.")
    except webhooks.WebhookError as error:
        flash(str(error), "error")
    return redirect(url_for("integrations.deliveries"))


@bp.route("/webhooks/<int:endpoint_id>/remove", methods=("POST",))
@staff_required()
def remove_endpoint(endpoint_id):
    try:
        removed = webhooks.remove_endpoint(get_db(), endpoint_id)
        flash(f"Removed {removed.url}: it receives no more events.")
    except webhooks.WebhookError as error:
        flash(str(error), "error")
    return redirect(url_for("integrations.webhook_endpoints"))


@bp.route("/deliveries")
@staff_required()
def deliveries():
    return render_template("admin/deliveries.html", deliveries=outbox.recent(get_db()))


@bp.route("/greenhouse")
@staff_required()
def greenhouse_tests():
    return render_template("admin/greenhouse.html", interviews=greenhouse.interviews(get_db()), link=None,
                           link_for=None)


@bp.route("/greenhouse/<int:interview_id>/link", methods=("POST",))
@staff_required()
def issue_link(interview_id):
    """A new invite link for a test Greenhouse sent, shown once, for an admin to pass on (the old one stops)."""
    session = get_db()
    interview = session.get(GreenhouseInterview, interview_id)
    if interview is None:
        flash(f"No test sent by Greenhouse has id {interview_id}.", "error")
        return redirect(url_for("integrations.greenhouse_tests"))
    invite = session.get(Invite, interview.invite_id)
    link = invite_link(current_app.config["PUBLIC_URL"], attempts.replace_token(session, invite))
    response = make_response(render_template("admin/greenhouse.html", interviews=greenhouse.interviews(session),
                                             link=link, link_for=invite))
    response.headers["Cache-Control"] = "no-store"  # the page carries the link's only showing
    return response
