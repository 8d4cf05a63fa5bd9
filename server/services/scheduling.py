"""The judge queue's rules, kept pure (no threads, no database) so that they can move with the queue.

Fair share between attempts. An attempt has at most one job running. Each
attempt with a job ready has a turn: when its last job ended, or when its
oldest ready job arrived if that is later. The next job goes to the attempt
whose turn came first. Ending a job moves that attempt's turn to now, behind
every attempt already waiting, so while an attempt waits, each other attempt
is served at most once before it, and an attempt that starts waiting later
never goes before it: round-robin in order of arrival, whatever one candidate
piles up. Within an attempt a Submit goes before its Runs, then oldest first.

Retry. A job the engine could not run (``EngineUnavailable``) waits 2, 4, 8
... seconds, at most a minute, and runs again, whole, for as long as the
engine stays away; the submission is kept, never failed for it.
"""

import dataclasses
from collections.abc import Collection, Iterable, Mapping

RETRY_FIRST_SECONDS = 2.0
RETRY_MAX_SECONDS = 60.0


@dataclasses.dataclass(frozen=True)
class Waiting:
    """A job waiting to run.

    ``arrived`` and the values of ``next_job``'s ``last_served`` are ticks of one clock (any increasing
    count); ``due`` (the end of a retry's back-off) is in ``next_job``'s ``now`` time; ``failures`` counts
    the runs the engine could not finish.
    """

    submission_id: int
    attempt_id: int
    kind: str
    arrived: int
    due: float = 0.0
    failures: int = 0


def next_job(waiting: Iterable[Waiting], busy: Collection[int], last_served: Mapping[int, int],
             now: float) -> Waiting | None:
    """The job to start now, or None.

    Args:
        waiting: Every job not yet started.
        busy: Attempts with a job running.
        last_served: For attempts that have had a job, the tick when the last one ended.
        now: The time ``due`` is compared with.
    """
    ready: dict[int, list[Waiting]] = {}
    for job in waiting:
        if job.attempt_id not in busy and job.due <= now:
            ready.setdefault(job.attempt_id, []).append(job)
    if not ready:
        return None

    def turn(attempt: int) -> tuple[int, int]:
        oldest = min(job.arrived for job in ready[attempt])
        return max(last_served.get(attempt, oldest), oldest), attempt

    return min(ready[min(ready, key=turn)], key=lambda job: (job.kind != "submit", job.arrived))


def retry_delay(failures: int) -> float:
    """Seconds to wait after the engine failed a job ``failures`` times in a row: 2, 4, 8, ..., 60, 60."""
    return min(RETRY_MAX_SECONDS, RETRY_FIRST_SECONDS * 2 ** min(max(failures, 1) - 1, 16))
