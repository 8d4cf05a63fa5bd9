"""Staff accounts and screens, shared by the admin pages and the CLI."""

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

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
    _check_password(password)
    if session.exec(select(User).where(User.email == email)).first():
        raise StaffInputError(f"a user with email {email} already exists")
    user = User(email=email, name=name.strip(), role=_role(role), password_hash=generate_password_hash(password))
    session.add(user)
    session.commit()
    return user


def _role(value: str) -> Role:
    if value not in {r.value for r in Role}:
        raise StaffInputError(f"role {value!r} is not one of {', '.join(r.value for r in Role)}")
    return Role(value)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StaffInputError(f"the password needs at least {MIN_PASSWORD} characters")


def _other_active_admins(session: Session, user: User) -> int:
    return len(session.exec(select(User.id).where(User.role == Role.ADMIN, User.active, User.id != user.id)).all())


def edit_user(session: Session, user: User, name: str, role: str) -> None:
    """A new name and role; the last active admin stays an admin, so someone can still manage users."""
    new_role = _role(role)
    if user.role == Role.ADMIN and new_role != Role.ADMIN and user.active and not _other_active_admins(session, user):
        raise StaffInputError(f"{user.email} is the only active admin: make another admin first")
    user.name, user.role = name.strip(), new_role
    session.add(user)
    session.commit()


def set_active(session: Session, user: User, active: bool) -> None:
    """Deactivating ends every session of ``user`` at once and refuses their sign-in until reactivated."""
    if not active and user.role == Role.ADMIN and not _other_active_admins(session, user):
        raise StaffInputError(f"{user.email} is the only active admin: make another admin first")
    user.active = active
    if not active:
        user.session_epoch += 1
    session.add(user)
    session.commit()


def set_password(session: Session, user: User, password: str) -> None:
    """A new password; every session of ``user`` ends (whoever knew the old one is signed out)."""
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    user.session_epoch += 1
    session.add(user)
    session.commit()


def change_own_password(session: Session, user: User, current: str, new: str) -> None:
    """Raises StaffInputError when ``current`` is not the user's password (a left-open session cannot change it)."""
    if not check_password_hash(user.password_hash, current):
        raise StaffInputError("the current password is wrong")
    set_password(session, user, new)


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
    check_screen_fields(name, minutes, fluency_weight)
    screen = Screen(name=name.strip(), minutes=minutes, problems=screen_versions(session, problem_ids),
                    created_by=created_by, candidate_feedback=candidate_feedback, fluency_weight=fluency_weight)
    session.add(screen)
    session.commit()
    return screen


def check_screen_fields(name: str, minutes: int, fluency_weight: int) -> None:
    if not name.strip():
        raise StaffInputError("the screen needs a name")
    if not 1 <= minutes <= 600:
        raise StaffInputError("the duration must be between 1 and 600 minutes")
    if not 0 <= fluency_weight <= 100:
        raise StaffInputError("the question items' weight must be between 0 and 100 percent")


def screen_versions(session: Session, problem_ids: list[str], kept: dict[str, int] | None = None) -> list[int]:
    """The version ids of ``problem_ids``, in order: ``kept[problem_id]`` where given, else the current version."""
    if not problem_ids:
        raise StaffInputError("a screen needs at least one problem")
    versions = []
    for problem_id in problem_ids:
        if kept and problem_id in kept:
            versions.append(kept[problem_id])
            continue
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
    return versions


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
