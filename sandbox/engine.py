"""Connecting to the Docker engine, with errors a person can act on."""

import contextlib

import docker
import requests

from sandbox.errors import EngineUnavailable
from sandbox.settings import SandboxSettings

HOW_TO_START = (
    "Start the Docker engine: as root on Debian, `make docker` installs docker.io and starts "
    "dockerd; otherwise ask an administrator to run dockerd and add you to the docker group."
)


def connect(settings: SandboxSettings) -> docker.DockerClient:
    """Return a client for a live engine.

    Raises:
        EngineUnavailable: The engine does not answer.
    """
    try:
        if settings.docker_url:
            client = docker.DockerClient(base_url=settings.docker_url,
                                         timeout=int(settings.api_timeout_seconds))
        else:
            client = docker.from_env(timeout=int(settings.api_timeout_seconds))
        client.ping()
    except (docker.errors.DockerException, requests.RequestException, OSError) as error:
        raise EngineUnavailable(f"The Docker engine is not reachable ({error}). {HOW_TO_START}") from error
    return client


@contextlib.contextmanager
def engine_errors(action: str):
    """Turn Docker and transport errors raised inside the block into EngineUnavailable."""
    try:
        yield
    except (docker.errors.DockerException, requests.RequestException, ConnectionError) as error:
        raise EngineUnavailable(f"Docker failed while {action}: {error}") from error
