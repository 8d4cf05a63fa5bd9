"""``techscreen worker``: a judge host of a cluster, taking jobs from the broker until stopped.

Needs ``TECHSCREEN_BROKER_URL`` and a ``DATABASE_URL`` every host reaches, a
Docker engine and the sandbox image (``techscreen sandbox build``). SIGTERM
drains it: the jobs it runs finish, the rest stay in the broker for others.
"""

import socket

import click
from celery import signals

from sandbox import PriorityUnavailable, SandboxSettings, gc, priority
from server.cluster.celery_app import QUEUES, configure
from server.cluster.sweep import Sweeper


@click.command("worker")
@click.option("--concurrency", type=int, default=1, show_default=True,
              help="Jobs judged at once (one process each); about one per core this host gives to judging.")
@click.option("--queues", default=",".join(QUEUES), show_default=True,
              help="Queues to take jobs from, first ones first.")
@click.option("--name", default=None, help="The worker's name [default: worker-PID@HOST].")
@click.option("--behind-pages", is_flag=True,
              help="On a host that serves the web tier too: judge at the lowest CPU priority, job containers in "
                   "a control group of idle priority, so pages go first (docs/deployment.md).")
def worker_command(concurrency, queues, name, behind_pages):
    """Judge submissions and Validate runs sent by the web tier."""
    from server.cluster.worker_context import judge_context, settings

    if behind_pages:
        try:
            click.echo(f"judging behind pages: job containers in {priority.behind_pages()}", err=True)
        except PriorityUnavailable as error:
            click.echo(f"judging at the lowest nice value, but job containers at normal priority: {error}",
                       err=True)

    values = settings()
    if not values["BROKER_URL"]:
        raise click.UsageError("TECHSCREEN_BROKER_URL is not set: a worker takes its jobs from the broker "
                               "(e.g. redis://127.0.0.1:6379/0)")
    gc.remove_orphans(SandboxSettings.from_environment(), lambda message: click.echo(message, err=True))
    app = configure(values["BROKER_URL"], SandboxSettings.from_environment().job_wall_seconds)
    sweeper = Sweeper(judge_context().engine, values["SWEEP_SECONDS"], values["LEASE_SECONDS"],
                      values["RESEND_SECONDS"], values)
    signals.worker_ready.connect(lambda **_: sweeper.start(), weak=False)
    signals.worker_shutdown.connect(lambda **_: sweeper.stop(), weak=False)
    app.worker_main(["worker", "--loglevel", "INFO", "--concurrency", str(concurrency), "--queues", queues,
                     "--hostname", name or f"worker-%p@{socket.gethostname()}", "--without-gossip",
                     "--without-mingle"])
