"""The web tier's side of the cluster: jobs go to the broker, progress comes from Redis.

``ClusterJudgeQueue`` and ``ClusterValidations`` have the faces of the
in-process ``JudgeQueue`` and ``Validations``, so views do not know which
one serves them.
"""

import threading

from server.cluster.sending import send_submission, send_validation
from server.services.progress_board import Progress, RedisBoard
from server.services.validation import Validations


class ClusterJudgeQueue:
    """Sends each committed submission to the workers; what the web process keeps is the board."""

    def __init__(self, engine, broker_url: str):
        self._engine = engine
        self.board = RedisBoard(broker_url)

    def enqueue(self, submission_id: int, attempt_id: int, kind: str) -> None:
        self.board.post(submission_id, Progress("queued", 0.0, "Waiting for a judge"))
        send_submission(self._engine, submission_id, kind)

    def recover(self) -> int:
        """Nothing to do here: the workers' sweep sends again whatever was left queued or lost its judge."""
        return 0

    def shutdown(self) -> None:
        self.board.close()


class ClusterValidations(Validations):
    """Validate runs sent to the workers' ``validate`` queue: ``Validations`` without its local pool."""

    def __init__(self, engine):  # no super().__init__: its thread pool has no work here
        self._engine = engine
        self._starting = threading.Lock()

    def _send(self, run_id: int) -> None:
        send_validation(self._engine, run_id)

    def recover(self) -> int:
        """The workers' sweep sends again what was left queued."""
        return 0

    def shutdown(self) -> None:
        """Nothing runs here."""
