"""Configuration from the environment, with safe defaults.

``SECRET_KEY`` comes from ``TECHSCREEN_SECRET_KEY`` or is generated once and
kept in the instance folder (mode 0600), never hard-coded.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit


def secret_key(instance: Path) -> str:
    """The instance's secret key, created on first use."""
    path = instance / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def secure_cookies(public_url: str) -> bool:
    """Whether the session cookie is sent over HTTPS only: when candidates reach the site over HTTPS, unless
    ``TECHSCREEN_SECURE_COOKIES`` says otherwise (1 or 0; e.g. 0 to try an https URL's settings over http)."""
    override = os.environ.get("TECHSCREEN_SECURE_COOKIES", "")
    if override in ("0", "1"):
        return override == "1"
    return urlsplit(public_url).scheme == "https"


def from_environment(instance: Path) -> dict:
    """Settings for ``create_app``; each may be overridden by the test config."""
    broker_url = os.environ.get("TECHSCREEN_BROKER_URL", "")
    public_url = os.environ.get("TECHSCREEN_PUBLIC_URL", "http://127.0.0.1:5000")
    return {
        "SECRET_KEY": os.environ.get("TECHSCREEN_SECRET_KEY") or secret_key(instance),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'techscreen.db'}",
        "JUDGE_WORKERS": int(os.environ.get("TECHSCREEN_JUDGE_WORKERS") or os.cpu_count() or 2),
        "PUBLIC_URL": public_url,
        "INVITE_DAYS": int(os.environ.get("TECHSCREEN_INVITE_DAYS", "14")),
        "SUBMISSIONS_PER_MINUTE": int(os.environ.get("TECHSCREEN_SUBMISSIONS_PER_MINUTE", "6")),
        "API_REQUESTS_PER_MINUTE": int(os.environ.get("TECHSCREEN_API_REQUESTS_PER_MINUTE", "120")),
        # Autosaves per attempt and problem, as a flask-limiter limit (a burst is fine, one every two seconds on
        # average); past the history budget the newest draft of a problem replaces the previous one.
        "DRAFT_RATE_LIMIT": os.environ.get("TECHSCREEN_DRAFT_RATE_LIMIT", "30 per minute"),
        "DRAFT_HISTORY_BYTES": int(os.environ.get("TECHSCREEN_DRAFT_HISTORY_MB", "16")) * 2 ** 20,
        "EVENT_RATE_LIMIT": os.environ.get("TECHSCREEN_EVENT_RATE_LIMIT", "120 per minute"),
        "EVENTS_PER_ATTEMPT": int(os.environ.get("TECHSCREEN_EVENTS_PER_ATTEMPT", "5000")),
        # Each progress stream holds one of the server's request threads: a few per attempt, a quarter of the
        # threads in all (PROGRESS_STREAMS 0), each for a short while; a refused browser polls instead.
        "SERVER_THREADS": int(os.environ.get("TECHSCREEN_THREADS", "16")),
        "PROGRESS_STREAMS": int(os.environ.get("TECHSCREEN_PROGRESS_STREAMS", "0")),
        "PROGRESS_STREAMS_PER_ATTEMPT": int(os.environ.get("TECHSCREEN_PROGRESS_STREAMS_PER_ATTEMPT", "2")),
        "PROGRESS_STREAM_SECONDS": float(os.environ.get("TECHSCREEN_PROGRESS_STREAM_SECONDS", "30")),
        # A CSRF token lives as long as its session: the workspace reads it once at page load, and a screen
        # may last far longer than Flask-WTF's default hour.
        "WTF_CSRF_TIME_LIMIT": None,
        # How many proxies (load balancers) in front of the web tier append to X-Forwarded-For (server.security).
        "TRUSTED_PROXIES": int(os.environ.get("TECHSCREEN_TRUSTED_PROXIES", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies(public_url),
        "MAX_CONTENT_LENGTH": 512 * 1024,  # every page but those declaring their own (server/body_limits.py)
        # Shared by every web process of a cluster (its Redis), so per-attempt limits hold across them.
        "RATELIMIT_STORAGE_URI": os.environ.get("TECHSCREEN_RATELIMIT_STORAGE") or broker_url or "memory://",
        # The X-RateLimit-* headers cost each limited request a second round trip to that store; a refusal
        # still says when to retry (Retry-After, server/rate_limits.py).
        "RATELIMIT_HEADERS_ENABLED": False,
        # While that Redis is away, each process counts in its own memory: limits still hold, requests still work.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RECOVER_WORK": True,  # re-queue submissions and validations a previous process left unfinished
        # A cluster (server.cluster): the Celery broker (Redis) when judging runs on workers, empty to judge in
        # this process. A worker's lease on a job lapses after LEASE_SECONDS without a heartbeat; each worker
        # sweeps every SWEEP_SECONDS for jobs lost or never sent, sending again one unsent for RESEND_SECONDS.
        "BROKER_URL": broker_url,
        "LEASE_SECONDS": float(os.environ.get("TECHSCREEN_LEASE_SECONDS", "60")),
        "SWEEP_SECONDS": float(os.environ.get("TECHSCREEN_SWEEP_SECONDS", "30")),
        "RESEND_SECONDS": float(os.environ.get("TECHSCREEN_RESEND_SECONDS", "300")),
        # Outgoing deliveries (webhooks, Greenhouse's PATCH): polled every DELIVERY_POLL_SECONDS (a cluster's
        # workers send them from their sweep); a failed one is tried again after 30 s, 60 s, 2 min ... (at most
        # an hour apart) and given up after DELIVERY_MAX_ATTEMPTS tries.
        "DELIVERY_POLL_SECONDS": float(os.environ.get("TECHSCREEN_DELIVERY_POLL_SECONDS", "5")),
        "DELIVERY_RETRY_FIRST_SECONDS": float(os.environ.get("TECHSCREEN_DELIVERY_RETRY_FIRST_SECONDS", "30")),
        "DELIVERY_MAX_ATTEMPTS": int(os.environ.get("TECHSCREEN_DELIVERY_MAX_ATTEMPTS", "12")),
        "DELIVERY_TIMEOUT_SECONDS": float(os.environ.get("TECHSCREEN_DELIVERY_TIMEOUT_SECONDS", "10")),
        # Invites made through an integration are mailed when this is set (server.services.mail).
        "SMTP_URL": os.environ.get("TECHSCREEN_SMTP_URL", ""),
    }
