"""Helpers for the integration API's tests: a real token in the app's database, and its header."""

from server.db import get_db
from server.models import API_SCOPES
from server.services.api_tokens import create_token


def issue_token(app, *scopes: str, name: str = "ATS") -> str:
    """A new token's plaintext, with ``scopes`` (every scope when none are given)."""
    with app.app_context():
        _, plaintext = create_token(get_db(), name, list(scopes or API_SCOPES))
    return plaintext


def bearer(plaintext: str) -> dict:
    return {"Authorization": f"Bearer {plaintext}"}
