"""Request-level protections: where they live, the security headers, sessions that end at logout."""

import subprocess
import sys

from tests.conftest import ROOT


def test_views_use_csrf_and_the_limiter_without_importing_the_app_factory():
    probe = ("import sys\nimport server.views.auth, server.views.candidate_api, server.api.v1\n"
             "print('server.app' in sys.modules)")
    imported = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "False"
