"""Shared pieces of the CLI: exit codes and turning errors into them."""

import contextlib
import sys

import click

from sandbox import SandboxError
from server import json_out
from server.errors import ProblemFormatError, ProblemNotFound, SubmissionRejected
from server.judge.expected import ReferenceFailed
from server.scoring.quality import QualityCheckError
from server.services.api_tokens import ApiTokenError
from server.services.staff import StaffInputError

EXIT_OK, EXIT_SYSTEM, EXIT_USAGE = 0, 1, 2


def emit_json(document) -> None:
    click.echo(json_out.dumps(document, indent=2))


@contextlib.contextmanager
def exit_codes(as_json: bool):
    """Map known errors to the contract's exit codes, with the message on stderr (or as JSON)."""
    try:
        yield
    except (ProblemFormatError, ProblemNotFound, SubmissionRejected, ReferenceFailed, StaffInputError,
            ApiTokenError) as error:
        _fail(error, EXIT_USAGE, as_json)
    except (SandboxError, QualityCheckError) as error:
        _fail(error, EXIT_SYSTEM, as_json)


def _fail(error: Exception, code: int, as_json: bool):
    if as_json:
        document = {"error": type(error).__name__, "message": str(error)}
        if isinstance(error, ProblemFormatError):
            document["issues"] = [issue.as_json() for issue in error.issues]
        emit_json(document)
    click.echo(f"error: {error}", err=True)
    sys.exit(code)
