"""Bearer-token authentication and scopes for the integration API.

Only the ``Authorization: Bearer <token>`` header authenticates: a staff
session cookie sent along is ignored, so a browser signed in to techscreen
cannot be made to call the API (and the API needs no CSRF token).
"""

import functools

from flask import g, request

from server import rate_limits
from server.api.errors import ApiError
from server.db import get_db
from server.services.api_tokens import TokenRejected, authenticate

CHALLENGE = 'Bearer realm="techscreen"'


def require_scope(*accepted: str):
    """Let the request through with a valid token holding any of ``accepted``; sets ``g.api_token``."""
    def decorator(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            token = authenticate_request()
            if not set(accepted) & set(token.scopes):
                raise ApiError(403, "insufficient_scope",
                               f"this token lacks the scope {' or '.join(accepted)} (it has: "
                               f"{', '.join(token.scopes)}); an admin can create a token that has it")
            g.api_token = token
            return view(**kwargs)
        return wrapped
    return decorator


def rate_limit_key() -> str:
    """One request budget per token the request authenticates as; requests that do not authenticate (no
    token, a guess, a revoked one) share their address's budget."""
    try:
        return rate_limits.token_or_address(authenticate_request().id)
    except ApiError:
        return rate_limits.token_or_address(None)


def authenticate_request():
    """The token of the request's Authorization header, looked up once per request (the rate limit's key
    and the scope check both ask).

    Raises:
        ApiError: 401 ``missing_token`` without the header, ``invalid_token`` when it does not authenticate.
    """
    if "api_authentication" not in g:
        try:
            g.api_authentication = _authenticate_header()
        except ApiError as error:
            g.api_authentication = error
    if isinstance(g.api_authentication, ApiError):
        raise g.api_authentication
    return g.api_authentication


def _authenticate_header():
    header = request.headers.get("Authorization", "")
    if not header.strip():
        raise ApiError(401, "missing_token", "send the header 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": CHALLENGE})
    scheme, _, presented = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        raise ApiError(401, "invalid_token", "the Authorization header must be 'Bearer <token>'",
                       headers={"WWW-Authenticate": CHALLENGE + ', error="invalid_request"'})
    try:
        return authenticate(get_db(), presented.strip())
    except TokenRejected as error:
        raise ApiError(401, "invalid_token", str(error),
                       headers={"WWW-Authenticate": CHALLENGE + ', error="invalid_token"'}) from None
