"""``python -m server.cli``: the ``techscreen`` command, for child processes started by this checkout."""

from server.cli import main

main()
