"""One outgoing HTTP request to a URL an admin or Greenhouse gave us: http(s) only, a timeout, no redirects.

A redirect is not followed (a 3xx is a failed delivery, retried), so a receiver cannot send a signed body
on to somewhere else. Only the status counts; the answer's body is read no further than a short excerpt.
"""

import dataclasses
from urllib.parse import urlsplit

import requests

ANSWER_EXCERPT = 500


class RefusedUrl(ValueError):
    """Not an http(s) URL with a host."""


@dataclasses.dataclass(frozen=True)
class Answer:
    status: int | None  # None when no answer came (refused, timed out)
    error: str | None  # None when the status is 2xx


def check_url(url: str) -> str:
    """``url`` stripped, if it is an absolute http or https URL.

    Raises:
        RefusedUrl: Another scheme (file:, ftp:, javascript: ...), or no host.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedUrl(f"{url!r} is not an http or https URL")
    return url


def send(method: str, url: str, body: str, headers: dict, timeout: float) -> Answer:
    """Send once; whatever goes wrong comes back as an ``Answer`` with an error, never as an exception."""
    try:
        response = requests.request(method, check_url(url), data=body.encode(), headers=headers, timeout=timeout,
                                    allow_redirects=False, stream=True)
    except (requests.RequestException, RefusedUrl) as error:
        return Answer(None, f"{type(error).__name__}: {error}"[:ANSWER_EXCERPT])
    with response:
        if 200 <= response.status_code < 300:
            return Answer(response.status_code, None)
        excerpt = next(response.iter_content(ANSWER_EXCERPT), b"").decode("utf-8", "replace")
        return Answer(response.status_code, f"HTTP {response.status_code}: {excerpt}".strip())
