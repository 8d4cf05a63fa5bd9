"""A real server (waitress, in a thread) and Debian's Chromium driven by Playwright."""

import contextlib
import shutil
import threading
from pathlib import Path

import pytest
import waitress
from playwright.sync_api import sync_playwright
from sqlmodel import select

from server.app import close_app, create_app
from server.db import get_db
from server.models import Submission

CHROMIUM = "/usr/bin/chromium"


@contextlib.contextmanager
def serving(app):
    """``app`` served over HTTP on a free port (its PUBLIC_URL), closed afterwards."""
    # poll, not select: closing the server from this thread while its loop waits must not raise EBADF there
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=app.config["SERVER_THREADS"],
                                    asyncore_use_poll=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    app.config["PUBLIC_URL"] = f"http://127.0.0.1:{server.effective_port}"
    try:
        yield app
    finally:
        server.close()
        thread.join(timeout=10)
        close_app(app)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test's report also says what the judge said: each submission's verdict and every
    test's status and message (a verdict on the page says only its name)."""
    report = yield
    app = getattr(item, "funcargs", {}).get("live_app")
    if report.when == "call" and report.failed and app is not None:
        report.sections.append(("judge reports", judged(app)))
    return report


def judged(app) -> str:
    with app.app_context():
        submissions = get_db().exec(select(Submission).order_by(Submission.id)).all()
        lines = []
        for submission in submissions:
            lines.append(f"submission {submission.id} ({submission.kind}): {submission.status.value} "
                         f"{submission.verdict} {submission.error or ''}")
            lines += [f"  {test['name']}: {test['verdict']} {test.get('message', '')[:500]}"
                      for test in (submission.report or {}).get("tests", [])]
    return "\n".join(lines) or "no submission"


@pytest.fixture
def live_app(tmp_path, docker_client):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "JUDGE_WORKERS": 2, "SERVER_THREADS": 8})
    with serving(app):
        yield app


@pytest.fixture(scope="session")
def browser():
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def screenshots(tmp_path_factory) -> Path:
    """Where the tests leave screenshots for people to look at."""
    folder = Path(tmp_path_factory.getbasetemp()) / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder
