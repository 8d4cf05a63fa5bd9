"""The ``techscreen`` command line (DESIGN.md: a stable contract for scripts and CI).

Exit codes: 0 when the command did its job (for ``judge``: whatever the
verdict), 2 for bad usage or a bad problem package, 1 for a system error
(Docker unreachable, image missing).
"""

import click

from server.cli.cluster_command import cluster_command
from server.cli.judge_command import judge_command
from server.cli.problem_commands import problem_group
from server.cli.sandbox_commands import sandbox_group
from server.cli.web_commands import (
    demo_command,
    invite_group,
    migrate_command,
    screen_group,
    serve_command,
    token_group,
    user_group,
)
from server.cli.worker_command import worker_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """techscreen: technical screens for ML engineering roles."""


main.add_command(judge_command)
main.add_command(problem_group)
main.add_command(sandbox_group)
main.add_command(serve_command)
main.add_command(user_group)
main.add_command(screen_group)
main.add_command(invite_group)
main.add_command(token_group)
main.add_command(demo_command)
main.add_command(worker_command)
main.add_command(migrate_command)
main.add_command(cluster_command)
