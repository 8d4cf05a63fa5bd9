"""Request-level protections shared by every blueprint: CSRF, the security headers, and which proxies' forwarded
client address to believe.

They live apart from the app factory so that views can use ``csrf`` without
importing ``server.app`` (which imports the views). Rate limits have their own
module, ``server.rate_limits``.

The Content-Security-Policy allows scripts, styles, images and connections
from this origin only: no inline script or event-handler attribute runs (the
pages keep theirs in ``web/static/*.js``; ``<script type="application/json">``
blocks are data, never executed), no plugin, no other site may frame a page
or receive a form. The one exception: CodeMirror styles itself with
``<style>`` elements, admitted by a nonce drawn for each response and handed
to the editor in ``<meta name="csp-nonce">`` (not ``'unsafe-inline'``).

``Referrer-Policy: same-origin`` keeps URLs, which carry invite tokens on
the candidate's pages, from ever reaching another site, while same-origin
requests keep their ``Referer``, which Flask-WTF's CSRF check requires over
HTTPS (so ``no-referrer`` would refuse every form and fetch there).
"""

import secrets

from flask import Flask, Response, g
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()

SECURITY_HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def content_security_policy(style_nonce: str) -> str:
    """The policy; ``data:`` images are CodeMirror's lint underlines (SVG backgrounds), which cannot run script."""
    return "; ".join((
        "default-src 'self'", "script-src 'self'", f"style-src 'self' 'nonce-{style_nonce}'", "img-src 'self' data:",
        "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"))


def style_nonce() -> str:
    """This response's nonce for CodeMirror's style elements, drawn on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", content_security_policy(style_nonce()))
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def trust_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` proxies (a load balancer: 1), the client's address and scheme are those they
    forward in X-Forwarded-For and -Proto, so each client gets its own rate limits. Without one those headers
    are anyone's to forge, so they are ignored (0, the default)."""
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)


def init_app(app: Flask) -> None:
    trust_proxies(app)
    csrf.init_app(app)
    app.after_request(security_headers)
    app.context_processor(lambda: {"csp_nonce": style_nonce()})
