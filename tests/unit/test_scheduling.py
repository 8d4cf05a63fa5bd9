"""The judge queue's scheduling rules, on simulated queues (the real queue is tested in tests/web)."""

import heapq
import itertools
import random

import pytest

from server.services.scheduling import Waiting, next_job, retry_delay


def simulate(arrivals, workers):
    """Run ``next_job`` as the queue does: ``arrivals`` are (time, attempt, kind, duration) in time order.

    Returns the starts, in order, as (time, arrival index)."""
    clock = itertools.count(1)
    pending = list(enumerate(arrivals))
    waiting: dict[int, Waiting] = {}
    busy: set[int] = set()
    served: dict[int, int] = {}
    running: list[tuple[float, int, int]] = []  # (end, index, attempt)
    starts: list[tuple[float, int]] = []
    while pending or running:
        now = min([end for end, _, _ in running[:1]] + [arrived for _, (arrived, *_) in pending[:1]])
        while running and running[0][0] <= now:
            _, _, attempt = heapq.heappop(running)
            busy.discard(attempt)
            served[attempt] = next(clock)
        while pending and pending[0][1][0] <= now:
            index, (_, attempt, kind, _) = pending.pop(0)
            waiting[index] = Waiting(index, attempt, kind, next(clock))
        while len(busy) < workers and (job := next_job(waiting.values(), busy, served, now)) is not None:
            del waiting[job.submission_id]
            busy.add(job.attempt_id)
            starts.append((now, job.submission_id))
            heapq.heappush(running, (now + arrivals[job.submission_id][3], job.submission_id, job.attempt_id))
    assert not waiting
    return starts


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_one_candidates_six_runs_do_not_hold_up_anothers_job(workers):
    arrivals = [(0.01 * i, "A", "run", 10.0) for i in range(6)] + [(0.1, "B", "submit", 10.0)]
    order = [index for _, index in simulate(arrivals, workers)]
    assert order.index(6) == 1  # B's job starts right after A's first, before A's second
    assert order[0] == 0 and order[2:] == [1, 2, 3, 4, 5]


def test_a_submit_goes_before_its_own_older_runs():
    arrivals = [(0.0, "A", "run", 5.0), (0.1, "A", "run", 5.0), (0.2, "A", "run", 5.0),
                (0.3, "A", "submit", 5.0), (0.4, "A", "run", 5.0)]
    assert [index for _, index in simulate(arrivals, workers=2)] == [0, 3, 1, 2, 4]


def test_an_attempt_waits_for_at_most_one_job_of_each_other_attempt():
    """The fairness bound, on random loads: while an attempt has a job ready and none running, no other
    attempt starts two jobs."""
    rng = random.Random(20240611)
    for _ in range(200):
        arrivals = sorted((rng.uniform(0, 60), rng.choice("ABCDE"), rng.choice(["run", "run", "submit"]),
                           rng.uniform(0.5, 20)) for _ in range(rng.randint(5, 40)))
        workers = rng.randint(1, 3)
        starts = simulate(arrivals, workers)
        started_at = {index: time for time, index in starts}
        for index, (arrived, attempt, _, _) in enumerate(arrivals):
            # the job waited from its arrival (or its attempt's previous job's end, if later) to its start
            before = [i for i, a in enumerate(arrivals) if a[1] == attempt and started_at[i] < started_at[index]]
            ready = max([arrived] + [started_at[i] + arrivals[i][3] for i in before])
            others = [arrivals[i][1] for time, i in starts if ready < time < started_at[index]
                      and arrivals[i][1] != attempt]
            assert all(others.count(other) <= 1 for other in set(others)), (arrivals, workers, index)


def test_a_busy_attempt_and_a_job_in_back_off_wait():
    run = Waiting(1, attempt_id=7, kind="run", arrived=1)
    backing_off = Waiting(2, attempt_id=8, kind="submit", arrived=2, due=100.0, failures=3)
    assert next_job([run, backing_off], busy={7}, last_served={}, now=50.0) is None
    assert next_job([run, backing_off], busy=set(), last_served={}, now=50.0) == run
    assert next_job([backing_off], busy=set(), last_served={}, now=100.0) == backing_off


def test_an_attempt_served_last_goes_after_one_waiting_since_before():
    waiting = [Waiting(1, 1, "run", arrived=1), Waiting(2, 2, "run", arrived=5)]
    assert next_job(waiting, set(), {1: 9}, 0.0).submission_id == 2  # attempt 1's last job ended at tick 9
    assert next_job(waiting, set(), {1: 3}, 0.0).submission_id == 1


def test_retries_back_off_doubling_up_to_a_minute():
    assert [retry_delay(n) for n in range(1, 9)] == [2, 4, 8, 16, 32, 60, 60, 60]
    assert retry_delay(10_000) == 60
