"""Greenhouse's Assessment Partner contract, as a service: list tests, send one, report its status.

Greenhouse calls these (``server.views.greenhouse`` speaks its HTTP); the
tests it can send are the screens; each test sent is an invite with a
``GreenhouseInterview`` beside it, whose id is the ``partner_interview_id``.
When the attempt finishes, ``integration_events`` queues the PATCH that tells
Greenhouse to ask for the status.
"""

import dataclasses
from collections.abc import Callable

from sqlmodel import Session, col, select

from server.errors import TechscreenError
from server.ids import parse_id
from server.models import ApiToken, Attempt, AttemptState, GreenhouseInterview, Invite, Screen, utcnow
from server.services import attempts, mail
from server.services.outgoing_http import RefusedUrl, check_url
from server.services.results import attempt_result
from server.services.staff import invite_link

CANDIDATE_FIELDS = ("first_name", "last_name", "email", "phone_number", "resume_url", "greenhouse_profile_url")
REQUIRED_CANDIDATE_FIELDS = ("first_name", "last_name", "email")
MAX_FIELD = 2000
STATUS_BY_STATE = {AttemptState.INVITED: "sent", AttemptState.IN_PROGRESS: "in_progress",
                   AttemptState.FINISHED: "complete"}


class GreenhouseInputError(TechscreenError):
    """A request Greenhouse sent that cannot be carried out; ``errors`` says each thing that is wrong."""

    def __init__(self, errors: list[str], status: int = 400):
        super().__init__("; ".join(errors))
        self.errors, self.status = errors, status


@dataclasses.dataclass(frozen=True)
class Sending:
    """What ``send_test`` needs besides the request: how to make links, mail, and the invite's lifetime."""

    public_url: str
    report_url: Callable[[int], str]  # the reviewer's report of an attempt
    invite_days: int
    smtp: mail.SmtpSettings | None


def list_tests(session: Session) -> list[dict]:
    """The screens that take new invites: an archived one is no test to send."""
    return [{"partner_test_id": str(screen.id), "partner_test_name": screen.name}
            for screen in session.exec(select(Screen).where(col(Screen.archived_at).is_(None)).order_by(Screen.id))]


def send_test(session: Session, token: ApiToken, document, authorization: str, sending: Sending) -> GreenhouseInterview:
    """Invite the candidate to the screen ``partner_test_id`` and mail them the link when mail is configured
    (otherwise, or when mailing fails, an admin issues the link from the Greenhouse page).

    Raises:
        GreenhouseInputError: What is missing or malformed in the request, all of it at once; 404 for an
            unknown test, 422 for an archived one.
    """
    screen, candidate, callback_url = _read_send_test(session, document)
    invite, token_text = attempts.create_invite(
        session, screen, f"{candidate['first_name']} {candidate['last_name']}".strip(), candidate["email"],
        sending.invite_days, created_by_token=token.id)
    interview = GreenhouseInterview(invite_id=invite.id, token_id=token.id, partner_test_id=str(screen.id),
                                    candidate=candidate, callback_url=callback_url,
                                    callback_authorization=authorization)
    if sending.smtp is None:
        interview.email_error = "no mail server is configured (TECHSCREEN_SMTP_URL)"
    else:
        subject, text = mail.invite_message(invite.candidate_name, screen.name,
                                            invite_link(sending.public_url, token_text),
                                            f"{invite.expires_at:%Y-%m-%d %H:%M}")
        try:
            mail.send(sending.smtp, invite.candidate_email, subject, text)
            interview.emailed_at = utcnow()
        except mail.MailError as error:
            interview.email_error = str(error)
    session.add(interview)
    session.commit()
    return interview


def test_status(session: Session, partner_interview_id, sending: Sending) -> dict:
    """Greenhouse's view of one test sent: its status, the reviewer's report, the score, flat metadata.

    Raises:
        GreenhouseInputError: No ``partner_interview_id`` (400) or no such test (404).
    """
    interview = _interview(session, partner_interview_id)
    invite = session.get(Invite, interview.invite_id)
    attempt = session.exec(select(Attempt).where(Attempt.invite_id == invite.id)).one()
    attempts.close_if_due(session, attempt)
    result = attempt_result(session, attempt)
    status = STATUS_BY_STATE[attempt.state]
    if attempt.state == AttemptState.INVITED and invite.expires_at < utcnow():
        status = "expired"
    return {
        "partner_status": status,
        "partner_profile_url": sending.report_url(attempt.id),
        "partner_score": None if result.total is None or not result.finished else round(result.total, 1),
        "metadata": {
            "Screen": result.screen.name,
            "Invited At": _when(invite.created_at),
            "Started At": _when(attempt.started_at),
            "Completed At": _when(attempt.finished_at),
            "Band": result.band,
            "Problems": len(result.problems),
            "Problems Submitted": sum(problem.final is not None for problem in result.problems),
            "Scorecards": result.scorecards.count,
            "Similarity Flags": result.similarity_flags,
        },
    }


def interviews(session: Session, limit: int = 200) -> list[tuple[GreenhouseInterview, Invite, Attempt]]:
    """The tests Greenhouse sent, newest first, for the admins' page."""
    return list(session.exec(select(GreenhouseInterview, Invite, Attempt)
                             .join(Invite, Invite.id == GreenhouseInterview.invite_id)
                             .join(Attempt, Attempt.invite_id == Invite.id)
                             .order_by(GreenhouseInterview.id.desc()).limit(limit)))


def _read_send_test(session: Session, document) -> tuple[Screen, dict, str]:
    if not isinstance(document, dict):
        raise GreenhouseInputError(["the body must be a JSON object with partner_test_id, candidate and url"])
    errors = []
    test_id = document.get("partner_test_id")
    if isinstance(test_id, int) and not isinstance(test_id, bool):
        test_id = str(test_id)
    if not isinstance(test_id, str) or not test_id.strip():
        errors.append("partner_test_id is required (a string from list_tests)")
    candidate = document.get("candidate")
    if not isinstance(candidate, dict):
        errors.append("candidate is required (an object with first_name, last_name and email)")
        candidate = {}
    cleaned = {}
    for field in CANDIDATE_FIELDS:
        value = candidate.get(field)
        if value is not None and not isinstance(value, str):
            errors.append(f"candidate.{field} must be a string or null")
        elif value is not None and len(value) > MAX_FIELD:
            errors.append(f"candidate.{field} is longer than {MAX_FIELD} characters")
        else:
            cleaned[field] = value.strip() if value else None
    if isinstance(document.get("candidate"), dict):  # else the whole candidate was reported missing
        errors += [f"candidate.{field} is required" for field in REQUIRED_CANDIDATE_FIELDS
                   if isinstance(candidate.get(field), str | None) and not cleaned.get(field)]
    if cleaned.get("email") and "@" not in cleaned["email"]:
        errors.append(f"candidate.email {cleaned['email']!r} is not an e-mail address")
    url = document.get("url")
    try:
        url = check_url(url) if isinstance(url, str) else None
    except RefusedUrl:
        url = None
    if url is None:
        errors.append("url is required: the http(s) URL to PATCH when the candidate completes the test")
    if errors:
        raise GreenhouseInputError(errors)
    screen_id = parse_id(test_id.strip())
    screen = session.get(Screen, screen_id) if screen_id is not None else None
    if screen is None:
        raise GreenhouseInputError([f"no test has partner_test_id {test_id!r}; list_tests gives the ids"], 404)
    if screen.archived_at is not None:
        raise GreenhouseInputError([f"screen {screen.id} is archived: it takes no new invites"], 422)
    return screen, cleaned, url


def _interview(session: Session, partner_interview_id) -> GreenhouseInterview:
    if not partner_interview_id:
        raise GreenhouseInputError(["the query parameter partner_interview_id is required"])
    text = str(partner_interview_id).strip()
    interview_id = parse_id(text)
    found = session.get(GreenhouseInterview, interview_id) if interview_id is not None else None
    if found is None:
        raise GreenhouseInputError([f"no test was sent with partner_interview_id {text!r}"], 404)
    return found


def _when(moment) -> str | None:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else None
