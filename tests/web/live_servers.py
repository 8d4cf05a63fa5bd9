"""Real servers in threads for the integration tests: the app over HTTP, a receiver of deliveries (what
Greenhouse or a webhook consumer runs), and an SMTP server (aiosmtpd)."""

import contextlib
import dataclasses
import email
import threading
import time

from aiosmtpd.controller import Controller
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from server.cluster.local import free_port


@contextlib.contextmanager
def serving(wsgi_app):
    """``wsgi_app`` on a loopback port, threaded, for the block; yields its base URL."""
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclasses.dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict
    body: str
    at: float  # time.monotonic() when it arrived


class Receiver:
    """Records every request; answers each with the next of ``statuses`` (then 200)."""

    def __init__(self, statuses: tuple[int, ...] = ()):
        self.requests: list[Received] = []
        self._statuses = list(statuses)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        request = Request(environ)
        with self._lock:
            self.requests.append(Received(request.method, request.path, dict(request.headers),
                                          request.get_data(as_text=True), time.monotonic()))
            status = self._statuses.pop(0) if self._statuses else 200
        return Response("ok" if status < 300 else "not now", status=status)(environ, start_response)

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Received]:
        ends = time.monotonic() + timeout
        while time.monotonic() < ends:
            with self._lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} requests within {timeout} s, got {self.requests}")


class Mailbox:
    """aiosmtpd's handler: keeps each message it is given."""

    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@contextlib.contextmanager
def smtp_server():
    """A real SMTP server on loopback; yields (its smtp:// URL, the Mailbox)."""
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}?from=screens@example.com", mailbox
    finally:
        controller.stop()
