"""E-mail by SMTP, configured by one URL (``TECHSCREEN_SMTP_URL``); without it, nothing is mailed.

``smtp://[user:password@]host[:port][?from=address&starttls=1]``, or ``smtps://`` for TLS from the start.
"""

import dataclasses
import smtplib
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from server.errors import TechscreenError

TIMEOUT_SECONDS = 20


class MailError(TechscreenError):
    """The SMTP URL is malformed, or the server did not take the message."""


@dataclasses.dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte
    starttls: bool
    username: str | None
    password: str | None
    sender: str

    @classmethod
    def from_url(cls, url: str) -> "SmtpSettings":
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError(f"TECHSCREEN_SMTP_URL must look like smtp://host:port or smtps://host, not {url!r}")
        query = parse_qs(parts.query)
        tls = parts.scheme == "smtps"
        return cls(parts.hostname, parts.port or (465 if tls else 25), tls,
                   query.get("starttls", ["0"])[0] == "1", unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None,
                   query.get("from", [f"techscreen@{parts.hostname}"])[0])


def send(settings: SmtpSettings, to: str, subject: str, text: str) -> None:
    """Send one plain-text message.

    Raises:
        MailError: The server could not be reached or refused the message (the reason is in the message).
    """
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, to, subject
    message.set_content(text)
    connect = smtplib.SMTP_SSL if settings.tls else smtplib.SMTP
    try:
        with connect(settings.host, settings.port, timeout=TIMEOUT_SECONDS) as server:
            if settings.starttls:
                server.starttls()
            if settings.username:
                server.login(settings.username, settings.password or "")
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"the mail server did not take the message: {error}") from None


def invite_message(candidate_name: str, screen_name: str, link: str, expires: str) -> tuple[str, str]:
    """The subject and text of an invite."""
    return (f"Your technical screen: {screen_name}",
            f"Hello {candidate_name},\n\nYou are invited to a technical screen, {screen_name}.\n"
            f"Open this link to start when you are ready (the timer starts when you click Start):\n\n{link}\n\n"
            f"The link is personal and works until {expires} UTC.\n")
