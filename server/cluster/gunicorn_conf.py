"""gunicorn settings for a cluster's web tier: ``gunicorn -c python:server.cluster.gunicorn_conf server.wsgi:app``.

The app is built once, before the processes fork, so migrations and the
problem-bank sync run once; each process then opens its own database
connections. Each process serves ``TECHSCREEN_THREADS`` requests at once
(threads; a progress stream holds one for its short lifetime).
"""

import os

preload_app = True
worker_class = "gthread"
workers = int(os.environ.get("TECHSCREEN_WEB_PROCESSES", "2"))
threads = int(os.environ.get("TECHSCREEN_THREADS", "16"))
timeout = 120
graceful_timeout = 30


def post_fork(server, worker):
    """Connections opened before the fork belong to the parent: this process opens its own."""
    from server.db import engine_of

    engine_of(server.app.wsgi()).dispose(close=False)
