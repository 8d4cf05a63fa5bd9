"""The Celery application shared by the web tier (which sends jobs) and the workers (which run them).

Queues are taken in order: candidates' Submits, then their Runs, then
authors' Validates (Redis's ``priority`` queue order: a worker asks for
``submit`` first). Tasks are acknowledged only when done and given back when
their worker dies, and a worker reserves one job at a time, so a job waiting
in the broker can go to whichever worker frees up first.
"""

from celery import Celery
from kombu import Queue

QUEUES = ("submit", "run", "validate")
SUBMISSION_QUEUES = {"submit": "submit", "run": "run"}

celery = Celery("techscreen", set_as_current=False, include=["server.cluster.tasks"])


def configure(broker_url: str, job_seconds: float) -> Celery:
    """Point the app at ``broker_url``; a message unacknowledged for twice the longest job is given back."""
    celery.conf.update(
        broker_url=broker_url,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": int(2 * job_seconds) + 60,
                                  "queue_order_strategy": "priority"},
        task_queues=[Queue(name) for name in QUEUES],
        task_default_queue="run",
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
    )
    return celery
