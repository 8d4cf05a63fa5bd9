"""One candidate opening sixty progress streams does not slow anyone else (real waitress, real HTTP)."""

import json
import re
import socket
import time
from urllib.parse import urlsplit

import requests

from server.db import get_db
from server.models import Submission, SubmissionStatus
from server.problems.bank import load
from server.services.attempts import create_invite, invite_for, start
from server.services.staff import add_screen
from tests.web.conftest import csrf_token

STREAMS = 60
SOLUTION = load("cosine-similarity").solution
NOTES = "One pass: dot product and both norms. Time O(n), space O(1).\n"


def started_invite(app) -> tuple[str, int]:
    with app.app_context():
        session = get_db()
        screen = add_screen(session, "Load", 30, ["cosine-similarity"])
        token = create_invite(session, screen, "Mallory", "mallory@example.com", 3)[1]
        start(session, invite_for(session, token)[1], screen)
        return token, screen.problems[0]


def open_stream(base: str, path: str) -> socket.socket:
    """A raw HTTP connection asking for an event stream; nothing reads it until the end of the test."""
    address = urlsplit(base)
    connection = socket.create_connection((address.hostname, address.port), timeout=60)
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {address.netloc}\r\nAccept: text/event-stream\r\n\r\n"
                       .encode())
    return connection


def response_head(connection: socket.socket) -> tuple[int, bytes]:
    """The status code and the body when it has a length (a refusal); a stream's body is left unread."""
    connection.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(4096)
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length: *(\d+)", head)
    while length and len(body) < int(length.group(1)):
        body += connection.recv(4096)
    return int(head.split(b" ", 2)[1]), body


def seconds(call) -> float:
    began = time.perf_counter()
    response = call()
    assert response.ok, (response.status_code, response.text[:300])
    return time.perf_counter() - began


def submission_status(app, submission_id: int) -> SubmissionStatus:
    with app.app_context():
        return get_db().get(Submission, submission_id).status


def test_sixty_progress_streams_do_not_slow_the_login_page_or_autosave(live_app):
    base = live_app.config["PUBLIC_URL"]
    token, version = started_invite(live_app)
    api = f"{base}/api/candidate/{token}"
    candidate = requests.Session()
    headers = {"X-CSRFToken": csrf_token(candidate.get(f"{base}/invite/{token}/problem/0").content)}

    def login_page():
        return requests.get(f"{base}/auth/login", timeout=120)

    def autosave(text):
        return candidate.post(f"{api}/problems/{version}/draft", json={"code": text, "notes": ""},
                              headers=headers, timeout=120)

    baseline = max(seconds(login_page), seconds(lambda: autosave("x = 0\n")))
    submitted = candidate.post(f"{api}/problems/{version}/submit", json={"code": SOLUTION, "notes": NOTES},
                               headers=headers, timeout=60).json()["id"]
    streams = [open_stream(base, f"/api/candidate/{token}/submissions/{submitted}/progress")
               for _ in range(STREAMS)]
    try:
        time.sleep(1.0)  # the server has taken up every stream request by now
        during = {"login page": seconds(login_page), "autosave": seconds(lambda: autosave("x = 1\n"))}
        judging = submission_status(live_app, submitted)
        heads = [response_head(stream) for stream in streams]
    finally:
        for stream in streams:
            stream.close()

    bound = max(2.0, 4 * baseline)
    assert all(took < bound for took in during.values()), f"baseline {baseline:.2f} s, with {STREAMS} streams {during}"
    assert judging in (SubmissionStatus.QUEUED, SubmissionStatus.RUNNING)  # the streams were waiting on real judging
    refused = [body for status, body in heads if status in (429, 503)]
    assert len(refused) >= STREAMS - 2 and all(status in (200, 429, 503) for status, _ in heads)
    assert "progress streams" in json.loads(refused[0])["message"]

    deadline = time.monotonic() + 300
    while (progress := candidate.get(f"{api}/submissions/{submitted}/status", timeout=10).json())["phase"] != "done":
        assert time.monotonic() < deadline, progress
        time.sleep(1.0)
    assert candidate.get(f"{api}/submissions/{submitted}", timeout=10).json()["verdict"] == "accepted"
