"""Secrets the server keeps only to send them on later, sealed at rest with a key derived from ``SECRET_KEY``.

Greenhouse's completion PATCH carries the same Authorization header Greenhouse
called ``send_test`` with; API keys are stored hashed, so that header is kept
until the PATCH is settled. Sealed (Fernet: AES-CBC with an HMAC), a copy of
the database alone does not give the key away; the web processes and the
workers that send deliveries share ``SECRET_KEY``.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from server.errors import TechscreenError

__all__ = ["SealBroken", "seal", "unseal"]


class SealBroken(TechscreenError):
    """A sealed value cannot be opened: sealed under another ``SECRET_KEY``, or altered."""


@functools.lru_cache(maxsize=4)
def _box(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"techscreen sealed values").derive(secret_key.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret_key: str, text: str) -> str:
    """``text`` sealed: authenticated encryption, as ASCII."""
    return _box(secret_key).encrypt(text.encode("utf-8")).decode("ascii")


def unseal(secret_key: str, sealed: str) -> str:
    """The text ``seal`` sealed under the same ``secret_key``.

    Raises:
        SealBroken: Another key sealed it, or it was altered.
    """
    try:
        return _box(secret_key).decrypt(sealed.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise SealBroken("a sealed value cannot be opened: SECRET_KEY changed since it was sealed, or it was "
                         "altered") from error
