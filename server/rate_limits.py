"""Rate limits: views declare them here, and each app's own Flask-Limiter enforces them.

Flask-Limiter keeps its settings and its storage on the ``Limiter`` object,
and ``Limiter.init_app`` overwrites them with the newest app's config. One
Limiter for the process therefore let any app made later (a test's, a CLI
command's) switch another app's limits off or move them to another store.
So views only *declare* their limits (``limit``, ``limit_blueprint``), and
``init_app``, called once the blueprints are registered, makes the app's
Limiter and applies the declarations to that app's views alone.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, request
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address

__all__ = ["limit", "limit_blueprint", "init_app", "token_or_address", "current_limit", "retry_after_seconds"]

_DECLARED = "techscreen_rate_limits"
_EXTENSION = "techscreen.limiter"

LimitValue = str | Callable[[], str]  # a callable reads the app's config at request time


@dataclass(frozen=True)
class _Declared:
    value: LimitValue
    key_func: Callable[[], str]
    methods: tuple[str, ...] | None = None
    scope: str | None = None  # set for a limit one blueprint's routes share
    deduct_when: Callable[[Response], bool] | None = None  # counts only the responses it holds true for


def limit(value: LimitValue, *, key_func: Callable[[], str] = get_remote_address,
          methods: tuple[str, ...] | None = None,
          deduct_when: Callable[[Response], bool] | None = None) -> Callable:
    """Declare a limit on a view function (as ``Limiter.limit`` does); the function itself is unchanged."""

    def declare(view: Callable) -> Callable:
        view.__dict__.setdefault(_DECLARED, []).append(_Declared(value, key_func, methods, deduct_when=deduct_when))
        return view

    return declare


def limit_blueprint(blueprint: Blueprint, value: LimitValue, *, scope: str, key_func: Callable[[], str]) -> None:
    """Declare one budget shared by all of ``blueprint``'s routes (as ``Limiter.shared_limit`` on a blueprint)."""
    blueprint.__dict__.setdefault(_DECLARED, []).append(_Declared(value, key_func, scope=scope))


def init_app(app: Flask) -> None:
    """Give ``app`` a Limiter of its own, enforcing the limits declared on its views and blueprints."""
    limiter = Limiter(get_remote_address, default_limits=[], app=app)
    for endpoint, view in list(app.view_functions.items()):
        for declared in getattr(view, _DECLARED, ()):
            view = limiter.limit(declared.value, key_func=declared.key_func, methods=declared.methods,
                                 deduct_when=declared.deduct_when)(view)
        app.view_functions[endpoint] = view
    for blueprint in app.blueprints.values():
        for declared in getattr(blueprint, _DECLARED, ()):
            limiter.shared_limit(declared.value, scope=declared.scope, key_func=declared.key_func)(blueprint)
    app.extensions[_EXTENSION] = limiter
    app.after_request(_say_when_to_retry)


def token_or_address(token_id: int | None) -> str:
    """An integration's budget key: the token the request authenticates as (however its header is spelled),
    else its address, so that guessed, revoked or missing keys share one budget instead of each getting one."""
    return f"token:{token_id}" if token_id is not None else "address:" + (request.remote_addr or "")


def current_limit() -> RequestLimit | None:
    """The limit this request hit, if the app's limiter refused it."""
    return current_app.extensions[_EXTENSION].current_limit


def retry_after_seconds(refused: RequestLimit) -> int:
    """Whole seconds until ``refused``'s window lets a request through again (at least 1)."""
    return max(1, math.ceil(refused.reset_at - time.time()))


def _say_when_to_retry(response: Response) -> Response:
    """Retry-After on the limiter's refusals, the one header of Flask-Limiter's set kept (each costs a read)."""
    refused = current_limit() if response.status_code == 429 else None
    if refused is not None and "Retry-After" not in response.headers:
        response.headers["Retry-After"] = str(retry_after_seconds(refused))
    return response
