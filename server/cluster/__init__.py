"""Judging on a cluster: Celery workers on any number of hosts, Redis as broker and progress board.

Used when ``TECHSCREEN_BROKER_URL`` is set; without it the app judges in its
own process (``server.services.judge_queue``), exactly as before. The rules
that keep a job from being lost or judged twice are the database's
(``server.services.leases``); the broker only carries jobs to workers, and a
periodic sweep (``sweep``) sends again whatever a failure dropped.
"""
