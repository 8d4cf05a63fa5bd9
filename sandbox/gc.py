"""``techscreen sandbox gc``: remove job containers a crashed judge left behind, and stale images."""

import datetime

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


def collect_containers(client: docker.DockerClient, settings: SandboxSettings, everything: bool = False) -> int:
    stale = stale_containers(client, settings, everything)
    for container_id in stale:
        remove_container(client, container_id)
    return len(stale)


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
