"""What a worker process judges with: its own database engine, package folder and progress board.

Built once per process, after the fork (a prefork child must not share its
parent's database connections), from the same environment as the web tier.
"""

import functools
import os
from pathlib import Path

from flask import Flask

from server import config
from server.db import make_engine
from server.services.judging import JudgeContext
from server.services.progress_board import RedisBoard


def instance_folder() -> Path:
    """``TECHSCREEN_INSTANCE``, else the folder Flask gives the web app: packages are materialised there."""
    folder = os.environ.get("TECHSCREEN_INSTANCE") or Flask("server.app").instance_path
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings() -> dict:
    return config.from_environment(instance_folder())


@functools.cache
def _context_of(pid: int) -> JudgeContext:
    values = settings()
    return JudgeContext(make_engine(values["DATABASE_URL"]), instance_folder(), RedisBoard(values["BROKER_URL"]),
                        lease_seconds=values["LEASE_SECONDS"])


def judge_context() -> JudgeContext:
    """This process's context (a forked child builds its own)."""
    return _context_of(os.getpid())
