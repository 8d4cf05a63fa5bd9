"""What a crash left (queued or running submissions and validations, job containers) is dealt with at start."""

import contextlib
import os
import socket
import subprocess
import time

import docker
from sqlmodel import select

from sandbox.hardening import COMMAND
from sandbox.image import LABEL, image_tag
from server.db import get_db
from server.models import Attempt, Submission, SubmissionStatus, ValidationRun, ValidationStatus
from server.problems.bank import load
from server.services.attempts import start
from server.services.authoring import create_problem
from server.services.judging import code_hash
from server.services.staff import add_screen, add_user
from tests.web.conftest import PASSWORD, login, wait_done


def test_interrupted_submissions_are_judged_after_a_restart(make_app, invite):
    token, versions = invite
    crashed = make_app(RECOVER_WORK=False)
    with crashed.app_context():
        session = get_db()
        attempt = session.exec(select(Attempt)).one()
        start(session, attempt, add_screen(session, "unused", 30, ["cosine-similarity"]))
        code = load("cosine-similarity").solution
        for status in (SubmissionStatus.QUEUED, SubmissionStatus.RUNNING):
            session.add(Submission(attempt_id=attempt.id, problem_version_id=versions[0], kind="run", code=code,
                                   notes="", code_hash=code_hash("run", versions[0], code, status.value),
                                   status=status))
        session.commit()
        ids = [s.id for s in session.exec(select(Submission)).all()]
    restarted = make_app()
    client = restarted.test_client()
    views = [wait_done(client, token, submission_id) for submission_id in ids]
    assert [v["verdict"] for v in views] == ["accepted", "accepted"]


def test_an_interrupted_validation_runs_again_after_a_restart(make_app):
    crashed = make_app(RECOVER_WORK=False)
    with crashed.app_context():
        session = get_db()
        add_user(session, "author@example.com", "Author", "author", PASSWORD)
        problem = create_problem(session, "count-things", "Count things", None)
        session.add(ValidationRun(problem_id=problem.problem_id, files_hash="stale", status=ValidationStatus.RUNNING,
                                  phase="reference", fraction=0.4))
        session.commit()
    author = make_app().test_client()
    login(author, "author@example.com")
    deadline = time.monotonic() + 180
    while (status := author.get("/author/count-things/validate").get_json())["progress"]["status"] == "running":
        assert time.monotonic() < deadline, status
        time.sleep(0.2)
    assert status["validation"] == "passed", status
    assert status["progress"]["files_hash"] == status["checked_hash"] != "stale"
    assert ">passed<" in author.get("/author/count-things/").data.decode()  # the history lists the run


def test_job_containers_of_a_killed_server_are_removed_when_the_server_starts(make_app, docker_client):
    dead = subprocess.Popen(["true"])
    dead.wait()
    here = socket.gethostname()
    owners = {"killed": (here, dead.pid), "alive": (here, os.getpid()), "elsewhere": ("another-host", dead.pid)}
    made = {name: docker_client.api.create_container(image_tag(), command=COMMAND, labels={
        LABEL: "job", "techscreen.host": host, "techscreen.host_pid": str(pid)})["Id"]
        for name, (host, pid) in owners.items()}
    try:
        make_app()
        left = {name for name, container in made.items()
                if docker_client.api.containers(all=True, filters={"id": container})}
        assert left == {"alive", "elsewhere"}  # only a process known dead on this host gives its containers up
    finally:
        for container in made.values():
            with contextlib.suppress(docker.errors.NotFound):
                docker_client.api.remove_container(container, force=True)
