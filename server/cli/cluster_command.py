"""``techscreen cluster``: a whole cluster on this host for a try-out (``make cluster``).

The web tier (gunicorn, several processes behind one address) and judge
workers, as child processes, against the broker and database of the
environment (``make cluster`` starts Debian's Redis and PostgreSQL on
loopback). Ctrl-C stops everything; workers finish the jobs they run.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from server.cluster.local import CHECKOUT, LocalCluster
from server.cluster.worker_context import instance_folder

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
DEFAULT_DATABASE = "postgresql+psycopg://techscreen:techscreen@127.0.0.1:5432/techscreen"


@click.command("cluster")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--web-processes", default=2, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes, one job each.")
@click.option("--broker-url", envvar="TECHSCREEN_BROKER_URL", default=DEFAULT_BROKER, show_default=True)
@click.option("--database-url", envvar="DATABASE_URL", default=DEFAULT_DATABASE, show_default=True)
def cluster_command(host, port, web_processes, workers, broker_url, database_url):
    """Run the web tier and judge workers of a cluster here until Ctrl-C."""
    instance = instance_folder()
    environment = {"TECHSCREEN_BROKER_URL": broker_url, "DATABASE_URL": database_url,
                   "TECHSCREEN_INSTANCE": str(instance), "TECHSCREEN_PUBLIC_URL": f"http://{host}:{port}"}
    cluster = LocalCluster(environment, instance / "cluster-logs", host, port)
    subprocess.run([sys.executable, "-m", "server.cli", "demo"], env=cluster.environment, cwd=CHECKOUT, check=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.start_web(processes=web_processes)
        for number in range(1, workers + 1):
            cluster.start_worker(f"worker{number}")
        click.echo(f"techscreen cluster serving on {cluster.url}: {web_processes} web processes, {workers} workers "
                   f"(logs in {_short(cluster.logs)}); Ctrl-C stops it")
        while all(process.poll() is None for process in cluster.processes.values()):
            time.sleep(1)
        dead = [name for name, process in cluster.processes.items() if process.poll() is not None]
        raise click.ClickException(f"{', '.join(dead)} stopped; see {_short(cluster.logs)}")
    except KeyboardInterrupt:
        click.echo("stopping the cluster (workers finish what they are judging)")
    finally:
        cluster.stop()


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
