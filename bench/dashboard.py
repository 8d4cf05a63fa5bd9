"""How long the reviewer's dashboard takes over many attempts, sorted by score or filtered by band.

Builds a throwaway instance (SQLite in a temporary folder), inserts N attempts at
one screen of three bank problems (rows only, nothing is judged: most problems
have a few judged submits and runs, some none), then times ``dashboard`` for one
page. The baseline is the default sort, newest first, which was always paged in
SQL; the other figures are its ratio. ``--implementation`` times another copy of
``server/review/dashboard.py`` too, e.g. an older revision:

    git show HEAD:server/review/dashboard.py > /tmp/old_dashboard.py
    .venv/bin/python bench/dashboard.py [--attempts 2000] [--repeat 5] [--implementation /tmp/old_dashboard.py]
"""

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import tempfile
import time

from sqlalchemy import insert
from sqlmodel import Session, select

from server.app import create_app
from server.db import engine_of
from server.models import Attempt, AttemptState, Invite, Submission, SubmissionStatus
from server.review import dashboard
from server.scoring.score import band_for
from server.services.api_tokens import hash_token
from server.services.staff import add_screen

PROBLEMS = ("cosine-similarity", "moving-average", "log-anomalies")
CASES = (("newest (baseline)", {}), ("score", {"sort": "score"}), ("score, page 40", {"sort": "score", "page": 40}),
         ("band lean no", {"band": "lean no"}), ("band lean no, by score", {"band": "lean no", "sort": "score"}))


def populate(engine, attempts: int, seed: int = 1) -> None:
    """``attempts`` invites with their attempts and submissions at a new screen of ``PROBLEMS``."""
    rng = random.Random(seed)
    with Session(engine) as session:
        screen = add_screen(session, "Bench", 60, list(PROBLEMS))
        versions = list(screen.problems)
        expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)
        session.execute(insert(Invite), [{"token_hash": hash_token(f"bench-{i}"), "token_prefix": f"b-{i}"[:8],
                                          "screen_id": screen.id, "candidate_name": f"C{i:05}",
                                          "candidate_email": f"c{i}@example.com", "expires_at": expires}
                                         for i in range(attempts)])
        invites = session.exec(select(Invite.id).where(Invite.screen_id == screen.id)).all()
        session.execute(insert(Attempt), [{"invite_id": i, "state": AttemptState.FINISHED} for i in invites])
        attempt_ids = session.exec(select(Attempt.id).join(Invite).where(Invite.screen_id == screen.id)).all()
        session.execute(insert(Submission), [row for attempt_id in attempt_ids for version in versions
                                             for row in _submissions(rng, attempt_id, version)])
        session.commit()


def _submissions(rng: random.Random, attempt_id: int, version: int) -> list[dict]:
    rows = []
    for number in range(rng.choice((0, 1, 1, 2, 3))):
        score = round(rng.uniform(0, 100), 1)
        for kind, scored in (("run", None), ("submit", score)):
            rows.append({"attempt_id": attempt_id, "problem_version_id": version, "kind": kind, "code": "",
                         "notes": "", "code_hash": f"{attempt_id}-{version}-{number}-{kind}",
                         "status": SubmissionStatus.DONE, "verdict": "accepted", "passed": 1, "total": 1,
                         "score": scored, "band": None if scored is None else band_for(scored)})
    return rows


def median_ms(engine, module, filters, repeat: int) -> float:
    """The median time of one dashboard page, each in a fresh session; a first, untimed run warms SQLite's cache."""
    samples = []
    for _ in range(repeat + 1):
        with Session(engine) as session:
            started = time.perf_counter()
            module.dashboard(session, filters)
            samples.append(time.perf_counter() - started)
    return statistics.median(samples[1:]) * 1000


def load(path: str):
    spec = importlib.util.spec_from_file_location("other_dashboard", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--implementation", help="another dashboard.py to time beside the current one")
    options = parser.parse_args()
    modules = [("current", dashboard)] + ([("other", load(options.implementation))] if options.implementation else [])
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "INSTANCE_PATH": folder, "RECOVER_SUBMISSIONS": False,
                          "JUDGE_WORKERS": 1})
        engine = engine_of(app)
        populate(engine, options.attempts)
        print(f"{options.attempts} attempts, {len(PROBLEMS)} problems, page of {dashboard.PAGE_SIZE}")
        for name, module in modules:
            baseline = None
            for label, values in CASES:
                ms = median_ms(engine, module, module.Filters(**values), options.repeat)
                baseline = baseline or ms
                print(f"{name:8} {label:28} {ms:9.1f} ms {ms / baseline:7.1f}x", flush=True)
        app.extensions["techscreen.judge"].shutdown()


if __name__ == "__main__":
    main()
