"""``techscreen sandbox gc``: remove job containers a crashed judge left behind, and stale images."""

import datetime
import os
import socket

import docker

from sandbox import image
from sandbox.container import remove_container
from sandbox.engine import engine_errors
from sandbox.settings import SandboxSettings


def stale_containers(client: docker.DockerClient, settings: SandboxSettings, everything: bool = False):
    """Job containers that no live job can own: exited ones and those older than twice the job bound."""
    with engine_errors("listing sandbox containers"):
        containers = client.api.containers(all=True, filters={"label": f"{image.LABEL}=job"})
    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    return [c["Id"] for c in containers
            if everything or c.get("State") != "running" or now - c.get("Created", now) > 2 * settings.job_wall_seconds]


def orphaned_containers(client: docker.DockerClient, settings: SandboxSettings) -> list[str]:
    """Job containers whose judge process is gone: made on this host by a process no longer alive, or older
    than twice the job bound. Safe while other judges use the engine, so a server can clear them at start."""
    with engine_errors("listing sandbox containers"):
        containers = client.api.containers(all=True, filters={"label": f"{image.LABEL}=job"})
    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    return [c["Id"] for c in containers
            if _owner_gone(c.get("Labels") or {}) or now - c.get("Created", now) > 2 * settings.job_wall_seconds]


def _owner_gone(labels: dict) -> bool:
    if labels.get("techscreen.host") != socket.gethostname() or not labels.get("techscreen.host_pid", "").isdigit():
        return False
    try:
        os.kill(int(labels["techscreen.host_pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def remove_all(client: docker.DockerClient, container_ids: list[str]) -> int:
    for container_id in container_ids:
        remove_container(client, container_id)
    return len(container_ids)


def collect_containers(client: docker.DockerClient, settings: SandboxSettings, everything: bool = False) -> int:
    return remove_all(client, stale_containers(client, settings, everything))


def collect_images(client: docker.DockerClient) -> list[str]:
    """Remove sandbox images of other code versions; the current image and the bases stay."""
    current = image.image_tag()
    removed = []
    with engine_errors("removing old sandbox images"):
        for found in client.images.list(name=image.REPOSITORY):
            tags = [tag for tag in found.tags if tag != current]
            if tags and current not in found.tags:
                for tag in tags:
                    try:
                        client.images.remove(tag)
                        removed.append(tag)
                    except docker.errors.APIError:
                        pass  # still used by a container; the next gc will retry
    return removed
