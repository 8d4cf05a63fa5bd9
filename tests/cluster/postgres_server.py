"""A private PostgreSQL server for a test that restarts its database (the machine's own serves other tests)."""

import glob
import shutil
import subprocess
import tempfile
from pathlib import Path

from server.cluster.local import free_port


class PostgresServer:
    """initdb in a temporary folder, owned by the ``postgres`` user (PostgreSQL refuses to run as root)."""

    def __init__(self):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not binaries:
            raise RuntimeError("PostgreSQL is not installed (make services installs it)")
        self.bin = Path(binaries[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="techscreen-pg-", dir="/tmp"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data, self.port = self.folder / "data", free_port()
        self.url = f"postgresql+psycopg://techscreen@127.0.0.1:{self.port}/techscreen"

    def start(self) -> None:
        if not self.data.exists():
            self._as_postgres("initdb", "-D", self.data, "-U", "techscreen", "--auth=trust", "-E", "UTF8")
        self._as_postgres("pg_ctl", "-D", self.data, "-l", self.folder / "server.log", "-w", "-t", "60", "-o",
                          f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")
        if not (self.folder / "created").exists():
            self._as_postgres("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "techscreen", "techscreen")
            (self.folder / "created").touch()

    def restart(self) -> None:
        """A fast shutdown (connections dropped, as a restart of the service does) and a start."""
        self.stop("fast")
        self.start()

    def stop(self, mode: str = "immediate") -> None:
        self._as_postgres("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def remove(self) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin / "pg_ctl"), "-D", str(self.data), "-m",
                        "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _as_postgres(self, program: str, *arguments) -> None:
        command = ["runuser", "-u", "postgres", "--", str(self.bin / program), *map(str, arguments)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stdout}{result.stderr}")
