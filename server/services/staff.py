"""Staff accounts and screens, shared by the admin pages and the CLI."""

from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from server.errors import TechscreenError
from server.models import AuthoredProblem, CandidateFeedback, ProblemVersion, Role, Screen, User
from server.scoring.score import DEFAULT_FLUENCY_WEIGHT

MIN_PASSWORD = 10
CANDIDATE_FEEDBACK_LABELS = {CandidateFeedback.VERDICT: "the verdict and hidden-test counts",
                             CandidateFeedback.SCORE: "the verdict, hidden-test counts and the score total"}


class StaffInputError(TechscreenError):
    """Bad input for a user or screen; the message says which field and why."""


def add_user(session: Session, email: str, name: str, role: str, password: str) -> User:
    email = email.strip().lower()
    if "@" not in email:
        raise StaffInputError(f"email {email!r} is not an email address")
    if role not in {r.value for r in Role}:
        raise StaffInputError(f"role {role!r} is not one of {', '.join(r.value for r in Role)}")
    if len(password) < MIN_PASSWORD:
        raise StaffInputError(f"the password needs at least {MIN_PASSWORD} characters")
    if session.exec(select(User).where(User.email == email)).first():
        raise StaffInputError(f"a user with email {email} already exists")
    user = User(email=email, name=name.strip(), role=Role(role), password_hash=generate_password_hash(password))
    session.add(user)
    session.commit()
    return user


def candidate_feedback(value: str) -> CandidateFeedback:
    """The setting named ``value`` (``verdict`` or ``score``).

    Raises:
        StaffInputError: Any other value.
    """
    try:
        return CandidateFeedback(value)
    except ValueError:
        raise StaffInputError(f"candidate_feedback {value!r} is not one of "
                              f"{', '.join(choice.value for choice in CandidateFeedback)}") from None


def end_sessions(session: Session, user: User) -> None:
    """Every web session of ``user`` ends: the cookies issued so far no longer sign in."""
    user.session_epoch += 1
    session.add(user)
    session.commit()


def add_screen(session: Session, name: str, minutes: int, problem_ids: list[str],
               created_by: int | None = None,
               candidate_feedback: CandidateFeedback = CandidateFeedback.VERDICT,
               fluency_weight: int = DEFAULT_FLUENCY_WEIGHT) -> Screen:
    """A screen of the current versions of ``problem_ids`` (problems and question items), in that order;
    ``fluency_weight`` is the percent of the total its question items carry."""
    if not name.strip():
        raise StaffInputError("the screen needs a name")
    if not 1 <= minutes <= 600:
        raise StaffInputError("the duration must be between 1 and 600 minutes")
    if not problem_ids:
        raise StaffInputError("a screen needs at least one problem")
    if not 0 <= fluency_weight <= 100:
        raise StaffInputError("the question items' weight must be between 0 and 100 percent")
    versions = []
    for problem_id in problem_ids:
        version = session.exec(select(ProblemVersion).where(ProblemVersion.problem_id == problem_id,
                                                            ProblemVersion.current)).first()
        if version is None and session.get(AuthoredProblem, problem_id) is not None:
            raise StaffInputError(f"problem {problem_id!r} is a draft: publish it (Problems, Validate, Publish) "
                                  "before putting it into a screen")
        if version is None:
            raise StaffInputError(f"no problem {problem_id!r} in the bank")
        versions.append(version.id)
    if len(set(versions)) != len(versions):
        raise StaffInputError("a problem appears twice in the screen")
    screen = Screen(name=name.strip(), minutes=minutes, problems=versions, created_by=created_by,
                    candidate_feedback=candidate_feedback, fluency_weight=fluency_weight)
    session.add(screen)
    session.commit()
    return screen


def set_candidate_feedback(session: Session, screen: Screen, feedback: CandidateFeedback) -> None:
    """Change what the screen's candidates see of their submits, from their next look on."""
    screen.candidate_feedback = feedback
    session.add(screen)
    session.commit()


def staff_emails(session: Session, user_ids) -> dict[int, str]:
    """The email of each of ``user_ids`` (None skipped), by id: who made, published or validated something."""
    ids = set(user_ids) - {None}
    return {user.id: user.email for user in session.exec(select(User).where(User.id.in_(ids)))} if ids else {}


def invite_link(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/invite/{token}"
