"""The outbox's back-off and which URLs an outgoing delivery may go to."""

import pytest

from server.services.outbox import RETRY_MAX_SECONDS, retry_delay
from server.services.outgoing_http import RefusedUrl, check_url, send


def test_retries_back_off_doubling_up_to_an_hour():
    assert [retry_delay(attempts) for attempts in range(1, 9)] == [30, 60, 120, 240, 480, 960, 1920, 3600]
    assert retry_delay(500) == RETRY_MAX_SECONDS
    assert [retry_delay(attempts, first=0.5, cap=3) for attempts in range(1, 5)] == [0.5, 1, 2, 3]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "http://",
                                 "//example.com/x", "example.com", ""])
def test_only_http_and_https_urls_are_accepted(url):
    with pytest.raises(RefusedUrl):
        check_url(url)
    answer = send("POST", url, "{}", {}, timeout=1)  # a delivery to it fails, saying why, without raising
    assert answer.status is None and "not an http or https URL" in answer.error


def test_http_and_https_urls_are_kept():
    assert check_url(" https://app.greenhouse.io/x?y=1 ") == "https://app.greenhouse.io/x?y=1"
    assert check_url("http://127.0.0.1:8080/hooks") == "http://127.0.0.1:8080/hooks"
