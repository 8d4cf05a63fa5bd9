"""A cluster's processes on this host, as children: the web tier (gunicorn) and workers, and a Redis if wanted.

For ``techscreen cluster`` (a try-out), the cluster test and the throughput
bench. Every process runs in its own process group, so that stopping or
killing one (SIGKILL, as a crash would) takes its children with it. A real
deployment starts the same commands under its own supervisor
(docs/deployment.md).
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TECHSCREEN = [sys.executable, "-m", "server.cli"]
CHECKOUT = Path(__file__).resolve().parents[2]  # children import this checkout's code, whatever is installed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready, what: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Poll ``ready()`` until true; fail saying ``what`` did not happen (or that ``process`` exited)."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        with contextlib.suppress(OSError):
            if ready():
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not within {timeout:.0f} s")


class RedisServer:
    """A private redis-server on loopback whose data survives a restart (append-only file)."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder, self.port = Path(folder), port or free_port()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not installed (make services installs it)")
        self._process = subprocess.Popen(
            [executable, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(self._answers, f"redis-server on port {self.port}", 20, self._process)

    def restart(self) -> None:
        """Stop (as a service restart does: SIGTERM, data flushed) and start again on the same port."""
        self.stop()
        self.start()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=20)

    def _answers(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")


class LocalCluster:
    """Web processes and workers sharing ``environment`` (broker, database, instance folder, secret key)."""

    def __init__(self, environment: dict, logs: Path, host: str = "127.0.0.1", port: int | None = None):
        self.environment = {**os.environ, "PYTHONPATH": str(CHECKOUT), **environment}
        self.logs = Path(logs)
        self.logs.mkdir(parents=True, exist_ok=True)
        self.host, self.port = host, port or free_port()
        self.url = f"http://{host}:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}

    def start_web(self, processes: int = 2, threads: int = 16) -> None:
        """gunicorn with ``processes`` web processes; returns once the login page answers."""
        environment = {**self.environment, "TECHSCREEN_WEB_PROCESSES": str(processes),
                       "TECHSCREEN_THREADS": str(threads), "TECHSCREEN_PUBLIC_URL": self.url}
        self._start("web", [sys.executable, "-m", "gunicorn", "-c", "python:server.cluster.gunicorn_conf",
                            "--bind", f"{self.host}:{self.port}", "server.wsgi:app"], environment)
        wait_until(lambda: urllib.request.urlopen(f"{self.url}/auth/login", timeout=2).status == 200,
                   f"the web tier at {self.url}", 120, self.processes["web"])

    def start_worker(self, name: str, concurrency: int = 1) -> None:
        """``techscreen worker`` named ``name``, judging behind the pages; returns once it has connected to the
        broker."""
        self._start(name, [*TECHSCREEN, "worker", "--concurrency", str(concurrency), "--name", f"{name}@%h",
                           "--behind-pages"], self.environment)  # this host serves the pages too
        wait_until(lambda: "ready." in self.log(name), f"worker {name}", 60, self.processes[name])

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signal the process and its children (SIGKILL: as a crash would); waits for it to end."""
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=60)

    def stop(self) -> None:
        """SIGTERM everything (workers finish their jobs), then SIGKILL what is left after 60 s."""
        for name in list(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.processes[name].pid, signal.SIGTERM)
        for name, process in list(self.processes.items()):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill(name)
            self.processes.pop(name, None)

    def _start(self, name: str, command: list[str], environment: dict) -> None:
        with open(self.logs / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(command, env=environment, cwd=CHECKOUT, stdout=log,
                                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                    start_new_session=True)
