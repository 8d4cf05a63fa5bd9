"""The WSGI entry point the cluster's gunicorn web processes load."""

import os
import subprocess
import sys


def test_the_loaded_app_is_out_of_the_cyclic_collectors_reach(tmp_path):
    """A full collection walked the app's 300,000 objects, 60-140 ms during which a gevent web process
    answered nobody: the page and autosave p99 of the throughput bench went over 150 ms in one run of eight."""
    probe = "import gc, server.wsgi\nprint(gc.get_freeze_count(), len(gc.get_objects()))"
    env = dict(os.environ, TECHSCREEN_INSTANCE=str(tmp_path))
    env.pop("TECHSCREEN_BROKER_URL", None)
    env.pop("DATABASE_URL", None)
    shown = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True,
                           timeout=120).stdout.split()
    frozen, tracked = int(shown[0]), int(shown[1])
    assert frozen > 100_000 and tracked < frozen / 100
