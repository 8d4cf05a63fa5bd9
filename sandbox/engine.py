"""Connecting to the Docker engine, with errors a person can act on."""

import contextlib
import os

import docker
import requests

from sandbox.errors import EngineRefused, EngineUnavailable
from sandbox.settings import SandboxSettings

DEFAULT_SOCKET = "unix:///var/run/docker.sock"
HOW_TO_START = (
    "Start the Docker engine: as root on Debian, `make docker` installs docker.io and starts "
    "dockerd; otherwise ask an administrator to run dockerd and add you to the docker group."
)


def connect(settings: SandboxSettings) -> docker.DockerClient:
    """Return a client for a live engine.

    Raises:
        EngineUnavailable: The engine does not answer.
    """
    address = settings.docker_url or os.environ.get("DOCKER_HOST") or DEFAULT_SOCKET
    if address.startswith("unix://") and not os.path.exists(address[len("unix://"):]):
        raise EngineUnavailable(f"The Docker engine is not running: no socket at {address[len('unix://'):]}. "
                                + HOW_TO_START)
    client = None
    try:
        if settings.docker_url:
            client = docker.DockerClient(base_url=settings.docker_url,
                                         timeout=int(settings.api_timeout_seconds))
        else:
            client = docker.from_env(timeout=int(settings.api_timeout_seconds))
        client.ping()
    except (docker.errors.DockerException, requests.RequestException, OSError) as error:
        if client is not None:
            client.close()
        raise EngineUnavailable(f"The Docker engine is not reachable ({error}). {HOW_TO_START}") from error
    return client


# A 404 or 409 for a container the judge made means something else killed or removed it (an engine restart,
# an administrator): transient like an engine away. Any other 4xx is a request the engine will always refuse.
CONTAINER_GONE = (404, 409)


@contextlib.contextmanager
def engine_errors(action: str):
    """Turn Docker and transport errors raised inside the block into EngineRefused (the engine refused the
    request, 4xx) or EngineUnavailable (it could not answer or carry it out: transient)."""
    try:
        yield
    except docker.errors.APIError as error:
        if error.is_client_error() and error.status_code not in CONTAINER_GONE:
            raise EngineRefused(f"Docker refused {action}: {error}") from error
        raise EngineUnavailable(f"Docker failed while {action}: {error}") from error
    except (docker.errors.DockerException, requests.RequestException, ConnectionError) as error:
        raise EngineUnavailable(f"Docker failed while {action}: {error}") from error
