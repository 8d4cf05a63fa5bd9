"""gunicorn settings for a cluster's web tier: ``gunicorn -c python:server.cluster.gunicorn_conf server.wsgi:app``.

Each web process is a gevent worker: a request, and a progress stream
waiting for Redis, costs a greenlet rather than a thread, so a process holds
hundreds of streams. The master migrates the database and records the
problem bank once, in a child process, before the web processes start (they
would otherwise race to do it).
"""

import os
import subprocess
import sys

worker_class = "gevent"
workers = int(os.environ.get("TECHSCREEN_WEB_PROCESSES", "2"))
worker_connections = int(os.environ.get("TECHSCREEN_WEB_CONNECTIONS", "1000"))
timeout = 120
# A candidate's page autosaves every 4 s: a connection closed when idle for less (gunicorn's default is 2 s)
# raced with the next request, which then failed on a reset connection. A gevent worker's idle
# connection costs a greenlet.
keepalive = 75
graceful_timeout = 30
control_socket_disable = True  # several clusters may run on one host (tests, benches); none uses gunicornc
# Half the connections may be progress streams; the rest stay for pages and autosaves.
raw_env = [f"TECHSCREEN_PROGRESS_STREAMS={os.environ.get('TECHSCREEN_PROGRESS_STREAMS') or worker_connections // 2}"]


def on_starting(server):
    subprocess.run([sys.executable, "-m", "server.cli", "migrate"], check=True)
