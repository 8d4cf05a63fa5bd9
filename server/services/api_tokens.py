"""Tokens for the integration API: created by admins, stored hashed, scoped, revocable.

The plaintext is returned once, at creation; the database keeps only its
SHA-256 and a short prefix (shown in lists to tell tokens apart). A presented
token is looked up by its prefix and compared with ``hmac.compare_digest``, so
checking a guess takes the same time however much of it is right.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from sqlmodel import Session, select

from server.errors import TechscreenError
from server.models import API_SCOPES, ApiToken, utcnow

TOKEN_PREFIX = "tsk_"
PREFIX_CHARS = len(TOKEN_PREFIX) + 8  # "tsk_" and the first 8 random characters
TOKEN_BYTES = 32
MAX_NAME = 100
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)  # last_used_at is written at most this often per token


class ApiTokenError(TechscreenError):
    """Bad input for a token (name, scopes) or an unknown token id; the message says which and why."""


class TokenRejected(TechscreenError):
    """A presented token that does not authenticate: unknown, malformed or revoked."""


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8", "surrogatepass")).hexdigest()


def validate_scopes(scopes: list[str]) -> list[str]:
    """The scopes in ``API_SCOPES`` order, without repeats.

    Raises:
        ApiTokenError: No scope given, or one that is not in ``API_SCOPES``.
    """
    unknown = [scope for scope in scopes if scope not in API_SCOPES]
    if unknown:
        raise ApiTokenError(f"unknown scope {', '.join(map(repr, unknown))}: "
                            f"choose from {', '.join(API_SCOPES)}")
    if not scopes:
        raise ApiTokenError(f"a token needs at least one scope: {', '.join(API_SCOPES)}")
    return [scope for scope in API_SCOPES if scope in scopes]


def create_token(session: Session, name: str, scopes: list[str],
                 created_by: int | None = None) -> tuple[ApiToken, str]:
    """A new token and its plaintext, which is not stored and cannot be shown again.

    Raises:
        ApiTokenError: The name is empty, too long or taken by an active token, or the scopes are bad.
    """
    name = name.strip()
    if not name:
        raise ApiTokenError("the token needs a name (say which system uses it)")
    if len(name) > MAX_NAME:
        raise ApiTokenError(f"the token name has {len(name)} characters; at most {MAX_NAME}")
    if session.exec(select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))).first():
        raise ApiTokenError(f"an active token is already named {name!r}; choose another name or revoke it")
    scopes = validate_scopes(scopes)
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(name=name, prefix=plaintext[:PREFIX_CHARS], token_hash=hash_token(plaintext), scopes=scopes,
                     created_by=created_by)
    session.add(token)
    session.commit()
    return token, plaintext


def authenticate(session: Session, presented: str) -> ApiToken:
    """The active token whose plaintext is ``presented``; records when it was last used.

    Raises:
        TokenRejected: Malformed, unknown or revoked (the message says which).
    """
    if not presented.startswith(TOKEN_PREFIX) or len(presented) <= PREFIX_CHARS:
        raise TokenRejected(f"the token is malformed: techscreen tokens start with {TOKEN_PREFIX!r}")
    digest = hash_token(presented)
    found = None
    for candidate in session.exec(select(ApiToken).where(ApiToken.prefix == presented[:PREFIX_CHARS])):
        if hmac.compare_digest(candidate.token_hash, digest):
            found = candidate
    if found is None:
        raise TokenRejected("the token is not known: check that it was copied whole")
    if found.revoked_at is not None:
        raise TokenRejected(f"the token {found.name!r} was revoked on {found.revoked_at:%Y-%m-%d %H:%M} UTC")
    now = utcnow()
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
        found.last_used_at = now
        session.add(found)
        session.commit()
    return found


def list_tokens(session: Session) -> list[ApiToken]:
    """Every token, newest first, revoked ones included (they stay for the record)."""
    return list(session.exec(select(ApiToken).order_by(ApiToken.id.desc())))


def revoke_token(session: Session, token_id: int) -> ApiToken:
    """Revoke for good; revoking a revoked token keeps its first revocation time.

    Raises:
        ApiTokenError: No token has that id.
    """
    token = session.get(ApiToken, token_id)
    if token is None:
        raise ApiTokenError(f"no API token with id {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.add(token)
        session.commit()
    return token
