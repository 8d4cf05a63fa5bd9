"""An address for the real Docker engine that a test can take away and bring back.

While open, every connection to ``path`` is forwarded, byte for byte (half-closes included), to the real
engine's socket. ``close`` does to the judge what an engine going away does: the connections in flight are
cut and the address stops answering (its socket file goes) until ``open``. ``cut`` cuts only the
connections in flight, as a broken link does, and keeps answering.
"""

import contextlib
import itertools
import os
import socket
import threading

from sandbox.engine import DEFAULT_SOCKET


class EngineProxy:
    def __init__(self, path: str, target: str = DEFAULT_SOCKET.removeprefix("unix://")):
        self.path = path
        self.target = target
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self._pairs: dict[int, tuple[socket.socket, socket.socket]] = {}
        self._ended: dict[int, int] = {}
        self._keys = itertools.count()

    @property
    def url(self) -> str:
        return f"unix://{self.path}"

    @property
    def is_open(self) -> bool:
        return self._listener is not None

    def open(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
            listener.close()
            os.unlink(self.path)
        self.cut()

    def cut(self) -> None:
        with self._lock:
            pairs = list(self._pairs.values())
        for pair in pairs:
            for end in pair:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(self.target)
            except OSError:
                client.close()
                upstream.close()
                continue
            with self._lock:
                key = next(self._keys)
                self._pairs[key], self._ended[key] = (client, upstream), 0
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(key, source, sink), daemon=True).start()

    def _pump(self, key: int, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)  # pass the end of this direction on
        with self._lock:
            self._ended[key] += 1
            done = self._ended[key] == 2
            if done:
                del self._pairs[key], self._ended[key]
        if done:
            source.close()
            sink.close()
