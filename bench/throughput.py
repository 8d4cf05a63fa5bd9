"""Submits judged per minute by 1 and 2 worker processes, and a candidate's request times under 200 candidates.

Starts a local cluster (server/cluster/local.py: a private Redis, the web tier
as 2 gunicorn processes, ``techscreen worker`` processes) over a fresh
database: a new database on the local PostgreSQL when it answers
(scripts/ensure-postgres.sh), else a SQLite file in a temporary folder;
``--database-url`` names another (it should be empty).

Throughput. One worker (concurrency 1) starts and judges a warm-up submit
(its first job imports the judging code and fills its warm pool, a cost paid
once per worker); then ``--submits`` candidates each submit a seed problem's
reference solution at once (a comment makes each one distinct), judged and
timed from the first job's start to the last one's end as the database
records them. Then fresh batches with two workers, each warmed up alike,
then two workers again and one worker again: the machine's speed drifts over
minutes (a shared host), and in this order a steady drift weighs on both
sides alike. Prints judged per minute of each batch, the rates of each side
over its two batches with their ratio, and the losses: submits left
unjudged, or judged twice (each "judged submission N" line in the workers'
logs must appear once). Beside each rate, the machine's busy CPU-seconds per
submit (from the batch's first submit to its last verdict) and the cores that
kept busy: one worker runs one sandbox job at a time but keeps
more than one core busy (the engine, the warm pool's next container, the
database), which bounds what a second worker can add on a 2-core machine.
The drain is how long some workers waited, the queue empty, for the others'
last jobs: the end of a batch, which a steady wave of candidates does not have.
So each batch also gives its steady rate, over the verdicts from its first to
the start of its drain (``steady_window``), and each side's steady rate and
their ratio follow the whole batches' ones.

Load. The baseline is one candidate's autosave and problem page on the idle
cluster. Then ``--candidates`` candidates each autosave every 4 s, reload
their problem page every 20 s and follow a submit of their own on a progress
stream, as the browser does (reconnecting when a stream ends, polling the
status when one is refused, submitting again once judged), while one worker
judges. Over ``--seconds`` it prints the p50 and p99 of autosaves and pages
with their ratio to the baseline, the streams held and refused, and errors;
then the CPU the web tier ran, and how long it waited runnable for a CPU
(schedstat): when it waits, the machine was short of CPU (other processes,
the judge's containers) and the request times show that, not the web tier's
own cost, which the baseline gives per request. This client keeps its own
objects out of its cyclic collector's reach during the load, and prints its
collections' longest pause: a pause delays every request then in flight.

    .venv/bin/python bench/throughput.py [--candidates 200] [--seconds 60] [--submits 30] [--database-url URL]
"""

import argparse
import collections
import concurrent.futures
import contextlib
import dataclasses
import functools
import gc
import json
import math
import os
import random
import re
import secrets
import signal
import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from sandbox import SandboxSettings, build, engine
from server.app import close_app, create_app
from server.cluster.local import LocalCluster, RedisServer
from server.db import get_db, make_engine
from server.models import Submission, SubmissionStatus
from server.problems import bank
from server.services.attempts import create_invite
from server.services.staff import add_screen

PROBLEMS = ("moving-average", "cosine-similarity", "log-anomalies")
LOCAL_POSTGRES = "postgresql+psycopg://techscreen:techscreen@127.0.0.1:5432/techscreen"
AUTOSAVE_SECONDS, PAGE_SECONDS, POLL_SECONDS, RECONNECT_SECONDS = 4.0, 20.0, 2.0, 1.0  # as web/static/candidate.js
STREAM_SECONDS = 30.0  # a progress stream's lifetime (PROGRESS_STREAM_SECONDS's default)
BATCHES = (1, 2, 2, 1)  # workers in each throughput batch, in order: each side's two batches straddle the middle
WARM_UP_INVITES = 2 * sum(BATCHES)  # warm-up submits for the batches' workers, with room for retries
WARMUP_SECONDS = 8.0  # every candidate has autosaved and opened its stream before the measured window
TIMEOUT = 30
FINISHED = (SubmissionStatus.DONE, SubmissionStatus.ERROR)
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
VERSION = re.compile(r'data-problem="(\d+)"')


@contextlib.contextmanager
def fresh_database(url: str | None, folder: Path):
    """``(url, description)``: ``url`` as given, else a new database on the local PostgreSQL (dropped
    afterwards), else a new SQLite file in ``folder``."""
    if url:
        yield url, make_url(url).render_as_string(hide_password=True) + " (as given)"
        return
    name = f"techscreen_bench_{secrets.token_hex(4)}"
    try:
        admin = create_engine(LOCAL_POSTGRES, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
    except (ImportError, SQLAlchemyError) as error:
        yield (f"sqlite:///{folder / 'techscreen.db'}",
               f"SQLite, a new file (no PostgreSQL at 127.0.0.1:5432: {type(error).__name__})")
        return
    try:
        yield (make_url(LOCAL_POSTGRES).set(database=name).render_as_string(hide_password=False),
               f"PostgreSQL, a new database {name} on 127.0.0.1:5432 (dropped afterwards)")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def make_invites(instance: str, count: int) -> list[str]:
    """``count`` invites to a screen of ``PROBLEMS``, made in this process as staff would: their tokens."""
    app = create_app({"INSTANCE_PATH": instance, "RECOVER_WORK": False})
    try:
        with app.app_context():
            screen = add_screen(get_db(), "Bench", 180, list(PROBLEMS))
            return [create_invite(get_db(), screen, f"Candidate {n}", f"c{n}@example.com", 3)[1]
                    for n in range(count)]
    finally:
        close_app(app)


@functools.cache
def reference_solution(problem: str) -> str:
    return bank.load(problem).solution


class Candidate:
    """A candidate's browser over HTTP, on problem ``index`` of the screen: the session cookie and CSRF token.

    ``http`` serves the page (loads, autosaves), ``progress`` what follows a
    submission (submit, stream, status, result): two sessions sharing the
    cookies, as the browser's EventSource has a connection of its own, so that
    each is used by one thread.
    """

    def __init__(self, base: str, token: str, index: int = 0):
        self.http, self.progress = requests.Session(), requests.Session()
        self.progress.cookies = self.http.cookies
        landing = self.http.get(f"{base}/invite/{token}", timeout=TIMEOUT)
        csrf = CSRF.search(landing.text).group(1)
        self.http.headers["X-CSRFToken"] = self.progress.headers["X-CSRFToken"] = csrf
        self.http.post(f"{base}/invite/{token}/start", data={"csrf_token": csrf}, timeout=TIMEOUT).raise_for_status()
        self.page = f"{base}/invite/{token}/problem/{index}"
        page = self.http.get(self.page, timeout=TIMEOUT)
        page.raise_for_status()
        self.version = int(VERSION.search(page.text).group(1))
        self.api = f"{base}/api/candidate/{token}"
        self.solution = reference_solution(PROBLEMS[index])
        self.edits = 0

    def autosave(self) -> requests.Response:
        self.edits += 1
        return self.http.post(f"{self.api}/problems/{self.version}/draft", timeout=TIMEOUT,
                              json={"code": f"{self.solution}\n# edit {self.edits}\n", "notes": "Linear, one pass."})

    def load_page(self) -> requests.Response:
        return self.http.get(self.page, timeout=TIMEOUT)

    def submit(self, variant: str) -> int:
        response = self.progress.post(f"{self.api}/problems/{self.version}/submit", timeout=TIMEOUT,
                                      json={"code": f"{self.solution}\n# {variant}\n", "notes": ""})
        response.raise_for_status()
        return response.json()["id"]


def start_candidates(base: str, tokens: list[str], index=lambda n: 0) -> list[Candidate]:
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        return list(pool.map(lambda n: Candidate(base, tokens[n], index(n)), range(len(tokens))))


def wait_judged(database, ids: list[int], timeout: float) -> None:
    """Until every submission of ``ids`` is finished, or ``timeout`` passed (the losses count those left).

    Reads the status column alone: whole rows carry their reports, and reading them twice a second took the
    workers a few per cent of the CPU they were being timed on."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        with Session(database) as session:
            if all(status in FINISHED for status in session.exec(select(Submission.status)
                                                                  .where(Submission.id.in_(ids)))):
                return
        time.sleep(0.5)


def judged_by(cluster: LocalCluster, name: str) -> list[int]:
    return [int(found) for found in re.findall(r"judged submission (\d+):", cluster.log(name))]


def judge_batch(cluster: LocalCluster, database, tokens: list[str], workers: int, label: str,
                spare: list[str]) -> tuple[list[int], list[str], float]:
    """``workers`` new workers, each warmed up with a submit of its own (from ``spare`` tokens), then one submit
    per token, queued at once and judged until all are finished: the batch's ids, the workers' names, and the
    machine's busy CPU-seconds from the batch's first submit to its last verdict."""
    candidates = start_candidates(cluster.url, tokens, lambda n: n % len(PROBLEMS))
    names = [f"judge{label}-{n}" for n in range(workers)]
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(cluster.start_worker, names))
    warm_up(cluster, database, names, spare)
    busy = machine_busy_seconds()
    ids = [candidate.submit(f"batch of {workers}, submit {n}") for n, candidate in enumerate(candidates)]
    wait_judged(database, ids, 600 + 120 * len(ids))
    return ids, names, machine_busy_seconds() - busy


def warm_up(cluster: LocalCluster, database, names: list[str], spare: list[str]) -> None:
    """Until each worker has judged a submit: a worker's first job imports the judging code and fills its warm
    pool, a cost it pays once, which a batch of a few dozen submits would count as part of its rate (twice over
    with two workers). Which worker takes a submit is the broker's choice: a worker that took none gets another."""
    while cold := [name for name in names if not judged_by(cluster, name)]:
        if len(spare) < len(cold):
            raise SystemExit("bench: out of invites for warming the workers up")
        warming = start_candidates(cluster.url, [spare.pop() for _ in cold])
        ids = [candidate.submit("warm-up") for candidate in warming]
        wait_judged(database, ids, 600)
        with Session(database) as session:
            failed = session.exec(select(Submission.error).where(Submission.id.in_(ids),
                                                                 Submission.status == SubmissionStatus.ERROR)).first()
        if failed is not None:  # every later submit would fail alike: say why instead of running out of invites
            raise SystemExit(f"bench: a warm-up submit failed: {failed}")


def machine_busy_seconds() -> float:
    """CPU-seconds the whole machine has spent busy (/proc/stat: user to steal but idle and waiting for I/O;
    the guest fields after them are counted in user already)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def throughput(cluster: LocalCluster, database, tokens: list[str], submits: int, spare: list[str]) -> str:
    """Judge the ``BATCHES`` in turn, each with fresh workers; print each batch's rate, each side's rate over
    its batches with their ratio, and the losses. Returns the last batch's worker, left running."""
    print(f"\nthroughput: {submits} submits a batch, reference solutions of {', '.join(PROBLEMS)}")
    print(f"{'batch':6} {'workers':>7} {'judged':>6} {'span s':>7} {'per minute':>11} {'s/submit':>9} "
          f"{'per worker':>11}  CPU s/submit  cores busy  drain s  steady /min")
    every_id, every_name, names = [], [], []
    sides = collections.defaultdict(lambda: [0, 0.0, 0, 0.0])  # workers -> judged, span, steady judged, steady span
    for index, workers in enumerate(BATCHES):
        for name in names:  # the last batch's workers stop before the next batch is queued
            cluster.kill(name, signal.SIGTERM)
        label = "abcdefgh"[index]
        batch = tokens[index * submits:(index + 1) * submits]
        ids, names, busy = judge_batch(cluster, database, batch, workers, label, spare)
        every_id, every_name = every_id + ids, every_name + names
        with Session(database) as session:
            rows = session.exec(select(Submission).where(Submission.id.in_(ids),
                                                         Submission.status == SubmissionStatus.DONE)).all()
        span = (max(row.finished_at for row in rows) - min(row.started_at for row in rows)).total_seconds() \
            if rows else math.inf
        per_job = statistics.mean((row.finished_at - row.started_at).total_seconds() for row in rows) if rows else 0
        judged = [set(judged_by(cluster, name)) & set(ids) for name in names]
        split, drain = "+".join(str(len(found)) for found in judged), drain_seconds(rows, judged)
        steady_judged, steady_span = steady_window(rows, judged)
        for field, value in enumerate((len(rows), span, steady_judged, steady_span)):
            sides[workers][field] += value
        print(f"{label:6} {workers:7} {len(rows):6} {span:7.1f} {60 * len(rows) / span:11.2f} {per_job:9.1f} "
              f"{split:>11}  {busy / max(1, len(rows)):12.2f}  {busy / span:10.2f}  {drain:7.1f}  "
              f"{60 * steady_judged / steady_span:11.2f}", flush=True)
    for title, field in (("per minute over both batches", 0), ("steady, without the batches' ends", 2)):
        rates = {workers: 60 * side[field] / side[field + 1] for workers, side in sides.items()}
        print(f"{title}: " + ", ".join(f"{workers} worker{'s' if workers > 1 else ''} {rate:.2f}"
                                       for workers, rate in rates.items()) + f"; ratio {rates[2] / rates[1]:.2f}x")
    report_losses(cluster, database, every_id, every_name)
    return names[-1]


def drain_seconds(rows: list[Submission], judged: list[set[int]]) -> float:
    """From the first worker's last verdict to the batch's last: the end of a batch, when the queue is empty and
    some workers wait for the others' last jobs (a steady wave of candidates has no such end)."""
    last = last_verdicts(rows, judged)
    return (max(last) - min(last)).total_seconds() if rows and None not in last else 0.0


def last_verdicts(rows: list[Submission], judged: list[set[int]]) -> list:
    """When each worker gave its last verdict of the batch (None for one that gave none)."""
    return [max((row.finished_at for row in rows if row.id in ids), default=None) for ids in judged]


def steady_window(rows: list[Submission], judged: list[set[int]]) -> tuple[int, float]:
    """Verdicts after the batch's first and up to its drain, and the seconds between: the pace while every
    worker had work, as in a steady wave of candidates. A batch has two ends such a wave has not: at its start
    no verdict is due until the first job is done, and at its end the drain. Within the window each worker's
    job under way at the start is counted and its job under way at the end is not, which evens out."""
    last = last_verdicts(rows, judged)
    if not rows or None in last:
        return 0, math.inf
    first, end = min(row.finished_at for row in rows), min(last)
    seconds = (end - first).total_seconds()
    return (sum(1 for row in rows if first < row.finished_at <= end), seconds) if seconds > 0 else (0, math.inf)


def report_losses(cluster: LocalCluster, database, ids: list[int], workers: list[str]) -> None:
    """Submits left unjudged, and submits judged more than once by ``workers``."""
    with Session(database) as session:
        rows = session.exec(select(Submission).where(Submission.id.in_(ids))).all()
    saved = collections.Counter(found for name in workers for found in judged_by(cluster, name))
    unjudged = [row.id for row in rows if row.status != SubmissionStatus.DONE]
    twice = [found for found, times in saved.items() if times > 1]
    verdicts = collections.Counter(row.verdict for row in rows)
    print(f"losses: {len(unjudged) + len(twice)} (unjudged {unjudged or 0}, judged twice {twice or 0}); "
          f"verdicts {dict(verdicts)}")


@dataclasses.dataclass(frozen=True)
class Sample:
    kind: str
    at: float  # when the request started (monotonic)
    seconds: float
    outcome: str  # "ok", an HTTP status or an exception's name


def timed(samples: list, kind: str, request) -> None:
    started, at = time.perf_counter(), time.monotonic()
    try:
        response = request()
        outcome = "ok" if response.ok else str(response.status_code)
    except requests.RequestException as error:
        outcome = type(error).__name__
    samples.append(Sample(kind, at, time.perf_counter() - started, outcome))


def idle_baseline(cluster: LocalCluster, token: str, repeat: int = 20) -> dict[str, float]:
    """One candidate alone on the cluster: the median autosave and page, and the web tier's CPU per request, in
    seconds."""
    candidate, samples = Candidate(cluster.url, token), []
    ran, _ = group_schedule(cluster.processes["web"].pid)
    for _ in range(repeat):
        timed(samples, "autosave", candidate.autosave)
        timed(samples, "page", candidate.load_page)
        time.sleep(0.2)
    baseline = {kind: statistics.median(s.seconds for s in samples if s.kind == kind) for kind in ("autosave", "page")}
    baseline["cpu"] = (group_schedule(cluster.processes["web"].pid)[0] - ran) / len(samples)
    print(f"idle baseline, one candidate alone: autosave p50 {baseline['autosave'] * 1000:.1f} ms, page p50 "
          f"{baseline['page'] * 1000:.1f} ms; the web tier spends {baseline['cpu'] * 1000:.1f} ms of CPU a request")
    return baseline


class Crowd:
    """Candidates working at once, each as its browser would: autosave, page loads, a progress stream."""

    def __init__(self, candidates: list[Candidate]):
        self.candidates, self.samples = candidates, []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self.held, self._threads = 0, []
        self.counts = collections.Counter()  # streams opened, refused, failed; status polls

    def start(self) -> None:
        """Each candidate submits, then works in two threads: its page (autosaves, reloads) and its stream."""
        ids = [candidate.submit("held") for candidate in self.candidates]
        self._threads = [threading.Thread(target=target, args=args, daemon=True)
                         for candidate, submission in zip(self.candidates, ids, strict=True)
                         for target, args in ((self._browse, (candidate,)), (self._follow, (candidate, submission)))]
        for thread in self._threads:
            thread.start()

    def streams_held(self, seconds: float) -> list[int]:
        """How many streams are open, every half second for ``seconds``."""
        ends, held = time.monotonic() + seconds, []
        while time.monotonic() < ends:
            held.append(self.held)
            time.sleep(0.5)
        return held

    def finish(self) -> None:
        """Stop working: a stream ends at its next event or heartbeat."""
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=15)

    def _browse(self, candidate: Candidate) -> None:
        """Autosave every 4 s and load the problem page every 20 s, starting at a random moment."""
        next_save = time.monotonic() + random.uniform(0, AUTOSAVE_SECONDS)
        next_page = time.monotonic() + random.uniform(0, PAGE_SECONDS)
        while not self.stop.wait(max(0.0, min(next_save, next_page) - time.monotonic())):
            if time.monotonic() >= next_save:
                timed(self.samples, "autosave", candidate.autosave)
                next_save += AUTOSAVE_SECONDS
            if time.monotonic() >= next_page:
                timed(self.samples, "page", candidate.load_page)
                next_page += PAGE_SECONDS

    def _follow(self, candidate: Candidate, submission: int) -> None:
        """Follow ``submission`` on its stream, reconnecting as EventSource does; poll when refused; once it
        is judged, read the result and submit again. The first stream is cut after a random part of a
        stream's lifetime (as a page reload would), so that the candidates' reconnections spread out."""
        cut = time.monotonic() + random.uniform(0, STREAM_SECONDS)
        while not self.stop.is_set():
            try:
                phase, cut = self._stream(candidate, submission, cut), math.inf
                if phase in ("done", "error") and not self.stop.is_set():
                    candidate.progress.get(f"{candidate.api}/submissions/{submission}", timeout=TIMEOUT)
                    submission = candidate.submit(f"again after {submission}")
                    continue
            except requests.RequestException:
                if not self.stop.is_set():
                    self._count("streams failed")
            self.stop.wait(RECONNECT_SECONDS)

    def _stream(self, candidate: Candidate, submission: int, cut: float) -> str | None:
        """One stream (or, when refused, polling until judged), closed at ``cut`` if still open: the last phase
        seen."""
        url = f"{candidate.api}/submissions/{submission}/progress"
        phase = None
        with candidate.progress.get(url, stream=True, timeout=(TIMEOUT, TIMEOUT)) as response:
            if response.status_code in (429, 503):
                self._count("streams refused")
                return self._poll(candidate, submission)
            response.raise_for_status()
            self._count("streams opened")
            self._hold(+1)
            try:
                for line in response.iter_lines(decode_unicode=True):
                    if line.startswith("data: "):
                        phase = json.loads(line[len("data: "):])["phase"]
                    if self.stop.is_set() or time.monotonic() > cut:
                        break
            finally:
                self._hold(-1)
        return phase

    def _poll(self, candidate: Candidate, submission: int) -> str | None:
        while not self.stop.wait(POLL_SECONDS):
            self._count("status polls")
            response = candidate.progress.get(f"{candidate.api}/submissions/{submission}/status", timeout=TIMEOUT)
            if response.ok and response.json()["phase"] in ("done", "error"):
                return response.json()["phase"]
        return None

    def _count(self, what: str) -> None:
        with self._lock:
            self.counts[what] += 1

    def _hold(self, change: int) -> None:
        with self._lock:
            self.held += change


def group_schedule(leader: int) -> tuple[float, float]:
    """Seconds the threads of ``leader``'s process group have run on a CPU, and waited runnable for one (from
    /proc: a process group's member, then its threads' schedstat)."""
    ran = waited = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == leader:  # after the command: state, ppid, pgrp
                for task in (stat.parent / "task").glob("*/schedstat"):
                    run, wait, _ = task.read_text().split()
                    ran, waited = ran + int(run), waited + int(wait)
    return ran / 1e9, waited / 1e9


@contextlib.contextmanager
def collector_pauses():
    """Move what this process holds out of the cyclic collector's reach, then record each collection's pause
    (seconds) in the list yielded. With the crowd's 400 threads, sessions and samples in reach, a full
    collection stopped the client for 150 ms, timed as the server's latency of every request then in flight."""
    gc.collect()
    gc.freeze()
    pauses, started = [], []

    def timed(phase, info):
        if phase == "start":
            started[:] = [time.perf_counter()]
        elif started:
            pauses.append(time.perf_counter() - started[0])

    gc.callbacks.append(timed)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(timed)


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1] if len(values) > 1 \
        else values[0]


def load(cluster: LocalCluster, tokens: list[str], seconds: float, baseline: dict[str, float], worker: str) -> None:
    """``len(tokens)`` candidates working for ``seconds`` while ``worker`` judges; print the request times."""
    print(f"\nload: {len(tokens)} candidates (autosave every {AUTOSAVE_SECONDS:.0f} s, problem page every "
          f"{PAGE_SECONDS:.0f} s, a progress stream each) for {seconds:.0f} s, worker {worker} judging")
    crowd = Crowd(start_candidates(cluster.url, tokens))
    with collector_pauses() as pauses:
        crowd.start()
        time.sleep(WARMUP_SECONDS)
        web, judged = cluster.processes["web"].pid, len(judged_by(cluster, worker))
        start, client_cpu, (web_ran, web_waited) = time.monotonic(), time.process_time(), group_schedule(web)
        held = crowd.streams_held(seconds)
        end = time.monotonic()
        ran, waited = group_schedule(web)
        client_cpu, web_ran, web_waited = time.process_time() - client_cpu, ran - web_ran, waited - web_waited
        judged = len(judged_by(cluster, worker)) - judged
        crowd.finish()
    print(f"this client's own collector: {len(pauses)} collections, the longest {max(pauses, default=0) * 1000:.1f} ms "
          "(every request in flight waits them out)")
    print(f"{'request':9} {'count':>6} {'idle p50':>9} {'p50':>8} {'ratio':>6} {'p99':>8} {'ratio':>6}  errors")
    for kind in ("autosave", "page"):
        measured = [s for s in crowd.samples if s.kind == kind and start <= s.at < end]
        times = [s.seconds for s in measured if s.outcome == "ok"]
        errors = collections.Counter(s.outcome for s in measured if s.outcome != "ok")
        idle, p50, p99 = baseline[kind] * 1000, percentile(times, 0.5) * 1000, percentile(times, 0.99) * 1000
        print(f"{kind:9} {len(measured):6} {idle:7.1f}ms {p50:6.1f}ms {p50 / idle:5.1f}x {p99:6.1f}ms "
              f"{p99 / idle:5.1f}x  {sum(errors.values())} {dict(errors) if errors else ''}")
    counts = crowd.counts
    print(f"streams held: mean {statistics.mean(held):.0f}, min {min(held)} of {len(tokens)} candidates; "
          f"opened {counts['streams opened']}, refused {counts['streams refused']} "
          f"(status polls {counts['status polls']}), failed {counts['streams failed']}")
    window = end - start
    requests_per_second = sum(start <= s.at < end for s in crowd.samples) / window
    print(f"meanwhile: {judged} submits judged; {requests_per_second:.0f} autosaves and pages a second (at the idle "
          f"CPU cost, {requests_per_second * baseline['cpu']:.2f} cores); this client used {client_cpu / window:.2f} "
          f"cores; the web tier ran {web_ran / window:.2f} CPU-seconds a second and waited "
          f"{web_waited / window:.2f} for a CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200, help="simulated candidates in the load phase")
    parser.add_argument("--seconds", type=float, default=60, help="the load phase's measured window")
    parser.add_argument("--submits", type=int, default=30, help="submits in each throughput batch")
    parser.add_argument("--database-url", help="an empty database to use instead of a fresh one")
    parser.add_argument("--parallel-jobs", type=int, default=1,
                        help="sandbox jobs one judging runs at once (TECHSCREEN_PARALLEL_JOBS): 1, so that each "
                        "worker uses one core and the ratio shows what a second worker adds, as a worker on a "
                        "host of its own would")
    options = parser.parse_args()
    client = engine.connect(SandboxSettings.from_environment())
    build.build_image(client, log=lambda line: None)
    client.close()
    with tempfile.TemporaryDirectory(prefix="techscreen-bench-") as name:
        folder = Path(name)
        redis = RedisServer(folder / "redis")
        redis.start()
        try:
            with fresh_database(options.database_url, folder) as (url, described):
                print(f"database: {described}; {os.cpu_count()} cores; {options.parallel_jobs} sandbox jobs "
                      f"at once per judging")
                environment = {"TECHSCREEN_BROKER_URL": redis.url, "DATABASE_URL": url,
                               "TECHSCREEN_INSTANCE": str(folder / "instance"),
                               "TECHSCREEN_SECRET_KEY": secrets.token_urlsafe(48),
                               "TECHSCREEN_PROBLEMS": str(bank.REPOSITORY_BANK),
                               "TECHSCREEN_SUBMISSIONS_PER_MINUTE": "1000",
                               "TECHSCREEN_PARALLEL_JOBS": str(options.parallel_jobs)}
                os.environ.update(environment)
                tokens = make_invites(environment["TECHSCREEN_INSTANCE"],
                                      len(BATCHES) * options.submits + WARM_UP_INVITES + options.candidates + 1)
                run(LocalCluster(environment, folder / "logs"), make_engine(url), tokens, options)
        finally:
            redis.stop()


def run(cluster: LocalCluster, database, tokens: list[str], options) -> None:
    try:
        cluster.start_web(processes=2)
        baseline = idle_baseline(cluster, tokens.pop())
        batches, spare = len(BATCHES) * options.submits, len(BATCHES) * options.submits + WARM_UP_INVITES
        worker = throughput(cluster, database, tokens[:batches], options.submits, tokens[batches:spare])
        load(cluster, tokens[spare:], options.seconds, baseline, worker)
    finally:
        cluster.stop()
        database.dispose()


if __name__ == "__main__":
    main()
