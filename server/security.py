"""Request-level protections shared by every blueprint: CSRF, rate limits, and the security headers.

They live apart from the app factory so that views can use ``csrf`` and
``limiter`` without importing ``server.app`` (which imports the views).
"""

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    limiter.init_app(app)
