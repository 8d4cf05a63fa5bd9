"""The database schema (SQLModel). Migrations live in ``server/migrations`` (Alembic).

Times are timezone-aware UTC datetimes. JSON columns hold what the judge produced, so
a submission keeps the exact report it was scored on.
"""

import datetime as dt
import enum

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Role(str, enum.Enum):
    ADMIN = "admin"
    AUTHOR = "author"
    REVIEWER = "reviewer"


class AttemptState(str, enum.Enum):
    INVITED = "invited"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class ProblemState(str, enum.Enum):
    """An authored problem is a draft until first published; screens take only published versions."""

    DRAFT = "draft"
    PUBLISHED = "published"


class Decision(str, enum.Enum):
    """A reviewer's hiring decision, strongest yes first."""

    STRONG_YES = "strong_yes"
    YES = "yes"
    NO = "no"
    STRONG_NO = "strong_no"


class CandidateFeedback(str, enum.Enum):
    """What a screen's candidates see of a submit. Never the band, components or reasons: a candidate
    is not told a hiring recommendation, only how their code did."""

    VERDICT = "verdict"  # the verdict and hidden-test counts
    SCORE = "score"  # those and the score total


class SubmissionStatus(str, enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


class ValidationStatus(str, enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


class User(SQLModel, table=True):
    """A staff account; candidates have no accounts, only invites."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    name: str = ""
    role: Role
    password_hash: str
    created_at: dt.datetime = Field(default_factory=utcnow)
    # Sessions carry the epoch they began in; bumping it (sign out) ends every session, replayed cookies too.
    session_epoch: int = 0
    active: bool = True  # a deactivated user cannot sign in, and their sessions end (the epoch moves on)


class ProblemVersion(SQLModel, table=True):
    """One exact version of a problem package, pinned by its content hash.

    Its files live in ``ProblemFiles``, apart, so that reading a version on
    every request does not load the whole package.
    """

    __table_args__ = (UniqueConstraint("problem_id", "content_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    problem_id: str = Field(index=True)
    content_hash: str
    title: str
    difficulty: str = ""
    minutes: int = 0
    current: bool = True  # the version screens get now; older ones stay for their submissions
    number: int = 1  # 1, 2, 3 ... per problem, in the order versions were recorded
    source: str = "bank"  # "bank" (synced from problems/) or "authored" (published from the browser)
    kind: str = "coding"  # "coding" (a problem package) or "question" (a question item: question.toml alone)
    published_by: int | None = Field(default=None, foreign_key="user.id")
    synced_at: dt.datetime = Field(default_factory=utcnow)


class ProblemFiles(SQLModel, table=True):
    """The whole package of a version (path -> text), so it can be judged again long after the bank moved on."""

    version_id: int = Field(foreign_key="problemversion.id", primary_key=True)
    files: dict = Field(sa_column=Column(JSON, nullable=False))


class AuthoredProblem(SQLModel, table=True):
    """A problem edited in the browser: its working copy of the package and its state.

    Publishing records the working copy as a new ``ProblemVersion`` (immutable,
    pinned by content hash); editing afterwards changes only the working copy, so
    submissions stay pinned to the version they were judged against. Once a
    problem is authored here, the bank sync leaves it alone.
    """

    problem_id: str = Field(primary_key=True)
    files: dict = Field(sa_column=Column(JSON, nullable=False))  # path -> text, as in ProblemFiles
    state: ProblemState = ProblemState.DRAFT
    check_report: dict | None = Field(default=None, sa_column=Column(JSON))  # the last Validate
    checked_hash: str | None = None  # content hash of the files that report is for
    created_by: int | None = Field(default=None, foreign_key="user.id")
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ValidationRun(SQLModel, table=True):
    """One Validate of an authored problem's working copy, kept as a row like a submission.

    Persisted so that a restart re-runs what was queued or running and any
    server process can report progress; the report itself goes on the
    ``AuthoredProblem`` (the last Validate is what publishing checks).
    """

    id: int | None = Field(default=None, primary_key=True)
    problem_id: str = Field(foreign_key="authoredproblem.problem_id", index=True)
    files_hash: str  # the working copy checked (set again when the run starts)
    status: ValidationStatus = Field(default=ValidationStatus.QUEUED, index=True)
    phase: str = "queued"
    fraction: float = 0.0
    message: str = ""  # "passed", "failed", why the run could not finish, or why it is delayed
    requested_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    # A judge's hold on the job (server.services.leases): who, when it last said it is alive, and when the
    # job was last handed to the broker (a cluster's sweep sends again what was lost).
    claimed_by: str | None = None
    heartbeat_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None


class Screen(SQLModel, table=True):
    """An ordered set of problems and a duration."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    minutes: int
    problems: list = Field(sa_column=Column(JSON, nullable=False))  # ProblemVersion ids, in order
    candidate_feedback: CandidateFeedback = CandidateFeedback.VERDICT
    fluency_weight: int = 20  # percent of the total its question items carry (scoring.score.screen_total)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    archived_at: dt.datetime | None = None  # archived: kept for its attempts, offered for no new invite


class Invite(SQLModel, table=True):
    """An unguessable link for one candidate to one screen; one attempt per invite.

    Whoever holds the link can sit the screen as the candidate, so only the
    token's SHA-256 is stored, with its first characters to tell invites apart:
    the link is shown once, to whoever creates the invite.
    """

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(index=True, unique=True)
    token_prefix: str
    screen_id: int = Field(foreign_key="screen.id")
    candidate_name: str
    candidate_email: str
    expires_at: dt.datetime
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_by_token: int | None = Field(default=None, foreign_key="apitoken.id")  # made through /api/v1
    created_at: dt.datetime = Field(default_factory=utcnow)
    revoked_at: dt.datetime | None = None  # a revoked link no longer opens, whatever its expiry


class Attempt(SQLModel, table=True):
    """A candidate's sitting of a screen; the server fixes the deadline at start."""

    id: int | None = Field(default=None, primary_key=True)
    invite_id: int = Field(foreign_key="invite.id", unique=True)
    state: AttemptState = AttemptState.INVITED
    started_at: dt.datetime | None = None
    deadline: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    # The fluency component (question items) as last computed, whenever an answer or a reviewer's score changed;
    # None until one did. Kept so that SQL can sort and filter on the total (``results.attempt_totals``).
    fluency: float | None = None


class Draft(SQLModel, table=True):
    """An autosaved snapshot of code and notes, kept for playback."""

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    problem_version_id: int = Field(foreign_key="problemversion.id")
    code: str = Field(sa_column=Column(Text, nullable=False))
    notes: str = Field(sa_column=Column(Text, nullable=False))
    size: int = 0  # bytes of code and notes, so an attempt's draft history is a cheap sum
    saved_at: dt.datetime = Field(default_factory=utcnow)


class QuestionAnswer(SQLModel, table=True):
    """A candidate's answer to one question item of their screen, autosaved (the latest answer stands).

    ``choices`` are the authored indexes of the options chosen (whatever order the candidate saw them
    in); ``text`` is a written answer. A reviewer may score a written answer (0-100), which then
    replaces its rubric score.
    """

    __table_args__ = (UniqueConstraint("attempt_id", "problem_version_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    problem_version_id: int = Field(foreign_key="problemversion.id")
    choices: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    saved_at: dt.datetime = Field(default_factory=utcnow)
    reviewer_score: float | None = None
    reviewed_by: int | None = Field(default=None, foreign_key="user.id")
    reviewed_at: dt.datetime | None = None


class Submission(SQLModel, table=True):
    """Code and notes sent for judging, and everything judging found.

    ``kind`` is ``run`` (public tests only) or ``submit`` (every test, scored).
    ``report`` is the judge's full JSON (staff only); candidates get a
    filtered view of it.
    """

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    problem_version_id: int = Field(foreign_key="problemversion.id")
    kind: str = "submit"
    code: str = Field(sa_column=Column(Text, nullable=False))
    notes: str = Field(sa_column=Column(Text, nullable=False))
    code_hash: str = Field(index=True)
    custom_input: str | None = Field(default=None, sa_column=Column(Text))  # a Run on the candidate's own input
    status: SubmissionStatus = Field(default=SubmissionStatus.QUEUED, index=True)
    verdict: str | None = None
    passed: int | None = None
    total: int | None = None
    score: float | None = None
    band: str | None = None
    report: dict | None = Field(default=None, sa_column=Column(JSON))
    error: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    # A judge's hold on the job (server.services.leases): who, when it last said it is alive, and when the
    # job was last handed to the broker (a cluster's sweep sends again what was lost).
    claimed_by: str | None = None
    heartbeat_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None


class Event(SQLModel, table=True):
    """Something that happened in an attempt: started, run, submit, finished, and what the browser reports
    (``BROWSER_EVENT_KINDS``: pastes, focus, pages opened and left; see ``review.integrity``)."""

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    kind: str
    problem_version_id: int | None = None
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: dt.datetime = Field(default_factory=utcnow)


class Scorecard(SQLModel, table=True):
    """One reviewer's rubric and decision on one attempt; hidden from others until submitted.

    ``ratings`` maps each of ``RUBRIC`` to ``{"score": 1-4, "notes": str}``.
    """

    __table_args__ = (UniqueConstraint("attempt_id", "reviewer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True)
    reviewer_id: int = Field(foreign_key="user.id")
    ratings: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    decision: Decision | None = None
    notes: str = Field(default="", sa_column=Column(Text, nullable=False))
    submitted_at: dt.datetime | None = None  # None while the reviewer is still writing it
    updated_at: dt.datetime = Field(default_factory=utcnow)


RUBRIC = ("problem_solving", "code_quality", "communication", "ml_fluency")


class SimilarityFlag(SQLModel, table=True):
    """Two final submissions to the same problem whose normalised code is suspiciously alike."""

    __table_args__ = (UniqueConstraint("submission_a", "submission_b"),)

    id: int | None = Field(default=None, primary_key=True)
    problem_id: str = Field(index=True)
    submission_a: int = Field(foreign_key="submission.id", index=True)  # the lower id
    submission_b: int = Field(foreign_key="submission.id", index=True)
    similarity: float
    created_at: dt.datetime = Field(default_factory=utcnow)


class ApiToken(SQLModel, table=True):
    """A token for the integration API; only its SHA-256 is stored, and its prefix to tell tokens apart."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    prefix: str = Field(index=True)
    token_hash: str = Field(unique=True)
    scopes: list = Field(sa_column=Column(JSON, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


# "greenhouse:assessment" is a Greenhouse Assessment Partner key: it authenticates /integrations/greenhouse only.
GREENHOUSE_SCOPE = "greenhouse:assessment"
API_SCOPES = ("screens:read", "invites:write", "results:read", GREENHOUSE_SCOPE)

# What the candidate's browser reports (the server records started, run, submit and finished itself).
BROWSER_EVENT_KINDS = ("paste", "focus_lost", "focus_regained", "page_opened", "page_left")


# What webhooks can subscribe to; "ping" is the admin's "send test event", sent to one endpoint only.
WEBHOOK_EVENTS = ("invite.created", "attempt.started", "attempt.finished", "submission.judged", "scorecard.submitted")


class WebhookEndpoint(SQLModel, table=True):
    """A URL that receives the events it subscribes to, each delivery signed with its secret.

    The secret is kept as is (signing needs it); it is shown to the admin once, when the endpoint is made.
    """

    id: int | None = Field(default=None, primary_key=True)
    url: str
    secret: str
    events: list = Field(sa_column=Column(JSON, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    removed_at: dt.datetime | None = None  # removed endpoints keep their delivery log


class Delivery(SQLModel, table=True):
    """An outgoing HTTP request (a webhook event, a Greenhouse PATCH), kept until it succeeds or is given up.

    The row is the queue: it is written in the same transaction as what it tells of, and a dispatcher sends
    what is due (``next_attempt_at``), so a delivery survives a restart and is retried with back-off.
    """

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # "webhook" or "greenhouse_patch"
    event: str
    endpoint_id: int | None = Field(default=None, foreign_key="webhookendpoint.id", index=True)
    method: str = "POST"
    url: str
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    # Extra headers to send, sealed (server/sealed.py): a Greenhouse PATCH's Authorization, cleared once the
    # delivery is settled.
    headers: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    attempts: int = 0
    next_attempt_at: dt.datetime | None = Field(default_factory=utcnow, index=True)  # None once settled
    last_status: int | None = None
    last_error: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    delivered_at: dt.datetime | None = None
    given_up_at: dt.datetime | None = None


class GreenhouseInterview(SQLModel, table=True):
    """A test Greenhouse sent (``send_test``): its invite, the candidate as Greenhouse described them, and
    where to PATCH when the candidate finishes. Its id is the ``partner_interview_id``."""

    id: int | None = Field(default=None, primary_key=True)
    invite_id: int = Field(foreign_key="invite.id", unique=True)
    token_id: int = Field(foreign_key="apitoken.id")  # the key Greenhouse called with
    partner_test_id: str
    candidate: dict = Field(sa_column=Column(JSON, nullable=False))
    callback_url: str
    # The Authorization Greenhouse called with, sealed (server/sealed.py), sent back on the PATCH; cleared once the
    # PATCH is queued.
    callback_authorization: str | None = None
    emailed_at: dt.datetime | None = None
    email_error: str | None = None  # why the invite was not e-mailed (no SMTP configured, the server refused)
    created_at: dt.datetime = Field(default_factory=utcnow)
