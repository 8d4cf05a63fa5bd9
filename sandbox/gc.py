"""``techscreen sandbox gc``: remove job containers a crashed judge left behind, and stale images."""

import datetime
import os
import socket

import docker

from sandbox import image
from sandbox.container import remove_container
from sandbox.engine import connect, engine_errors
from sandbox.errors import SandboxError
from sandbox.settings import SandboxSettings


def orphaned_containers(client: docker.DockerClient, settings: SandboxSettings) -> list[str]:
    """Job containers whose judge process is gone: made on this host by a process no longer alive, or older
    than twice the job bound. Safe while other judges use the engine, so a server can clear them at start."""
    return [c["Id"] for c in _job_containers(client)
            if _owner_gone(c.get("Labels") or {}) or _outlived_any_job(c, settings)]


def _job_containers(client: docker.DockerClient) -> list[dict]:
    with engine_errors("listing sandbox containers"):
        return client.api.containers(all=True, filters={"label": f"{image.LABEL}=job"})


def _outlived_any_job(container: dict, settings: SandboxSettings) -> bool:
    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    return now - container.get("Created", now) > 2 * settings.job_wall_seconds


def _owner_gone(labels: dict) -> bool:
    """The judge that made the container ran on this host and its process is no longer alive."""
    pid = labels.get("techscreen.host_pid", "")
    if labels.get("techscreen.host") != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        pass
    return False


def remove_orphans(settings: SandboxSettings, log) -> int:
    """Remove the orphaned job containers (a judge starting up clears what a killed one left); an unreachable
    engine is only logged through ``log(message)``, since judging will say so itself. Returns how many."""
    try:
        client = connect(settings)
        try:
            removed = remove_all(client, orphaned_containers(client, settings))
        finally:
            client.close()
    except SandboxError as error:
        log(f"could not look for orphaned sandbox containers: {error}")
        return 0
    if removed:
        log(f"removed {removed} sandbox containers left by a killed judge")
    return removed


def remove_all(client: docker.DockerClient, container_ids: list[str]) -> int:
    for container_id in container_ids:
        remove_container(client, container_id)
    return len(container_ids)


def collect_containers(client: docker.DockerClient, settings: SandboxSettings, everything: bool = False) -> int:
    """Remove the orphaned job containers, or with ``everything`` all of them, running jobs' too.

    Not every container that is not running is left over: a live judge's container is "created" until its
    start, and "exited" until the judge has read how it ended. Removing those killed live jobs.
    """
    found = [c["Id"] for c in _job_containers(client)] if everything else orphaned_containers(client, settings)
    return remove_all(client, found)


def collect_images(client: docker.DockerClient) -> list[str]:
    """Remove sandbox images of other code versions; the current images (base and ml) and their roots stay."""
    removed = []
    with engine_errors("removing old sandbox images"):
        for name, recipe in image.IMAGES.items():
            current = image.image_tag(name)
            for found in client.images.list(name=recipe.repository):
                tags = [tag for tag in found.tags if tag != current]
                if tags and current not in found.tags:
                    for tag in tags:
                        try:
                            client.images.remove(tag)
                            removed.append(tag)
                        except docker.errors.APIError:
                            pass  # still used by a container; the next gc will retry
    return removed
