"""Build the sandbox images without a registry.

An image's root (``base``: Debian bookworm's python3 and numpy; ``ml``: those
plus pandas, scikit-learn, SciPy and PyTorch) comes either from a debootstrap
root file system imported with ``docker import`` (needs root and the
``debootstrap`` package, no registry), or from its Dockerfile
(``image/Dockerfile.base``, ``image/Dockerfile.ml-base``) where
``debian:bookworm-slim`` can be pulled. The sandbox image is then a small
``docker build`` on top of the local root that adds the supervisor. Both steps
are skipped when their content-hashed tag already exists.
"""

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import docker

from sandbox import image
from sandbox.engine import engine_errors
from sandbox.errors import ImageBuildError
from sandbox.mirror import debian_mirror

METHODS = ("auto", "debootstrap", "dockerfile")
Log = Callable[[str], None]


def build_image(client: docker.DockerClient, method: str = "auto", log: Log = print,
                name: str = image.DEFAULT) -> str:
    """Make sure sandbox image ``name`` (``base`` or ``ml``) exists; return its tag.

    Args:
        client: A connected Docker client.
        method: ``debootstrap``, ``dockerfile`` or ``auto`` (debootstrap when
            possible, else the Dockerfile).
        log: Receives one line per step.
        name: Which image.

    Raises:
        ImageBuildError: A step failed, or there is no such image; the message says which and why.
    """
    if method not in METHODS:
        raise ImageBuildError(f"Unknown build method {method!r}; choose one of {', '.join(METHODS)}.")
    if name not in image.IMAGES:
        raise ImageBuildError(f"Unknown sandbox image {name!r}; choose one of {', '.join(image.IMAGES)}.")
    tag = image.image_tag(name)
    if image.image_present(client, tag):
        log(f"sandbox image {tag} is up to date")
        return tag
    with _build_lock():
        if not image.image_present(client, tag):  # another process may have built it meanwhile
            _build(client, name, tag, method, log)
    return tag


@contextlib.contextmanager
def _build_lock():
    """One build at a time on this machine (parallel test workers, several servers)."""
    path = os.path.join(tempfile.gettempdir(), "techscreen-sandbox-build.lock")
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(client: docker.DockerClient, name: str, tag: str, method: str, log: Log) -> None:
    recipe = image.recipe(name)
    base = image.base_tag(name)
    if image.image_present(client, base):
        log(f"base image {base} is present")
    elif method == "debootstrap" or (method == "auto" and can_debootstrap()):
        build_base_with_debootstrap(client, recipe, base, log)
    else:
        build_base_with_dockerfile(client, recipe, base, log)
    build_layer(client, base, tag, log)


def can_debootstrap() -> bool:
    return os.geteuid() == 0 and shutil.which("debootstrap") is not None


def _run(command: list[str], what: str) -> None:
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-15:]
        raise ImageBuildError(f"{what} failed (exit {completed.returncode}):\n" + "\n".join(tail))


def build_base_with_debootstrap(client: docker.DockerClient, recipe: image.Recipe, tag: str, log: Log) -> None:
    if not can_debootstrap():
        raise ImageBuildError("debootstrap needs root and the debootstrap package "
                              "(apt-get install -y debootstrap).")
    mirror = debian_mirror(image.SUITE)
    log(f"debootstrap {image.SUITE} with {', '.join(recipe.packages)} from {mirror} (a minute or more)")
    with tempfile.TemporaryDirectory(prefix="techscreen-rootfs-", dir="/var/tmp") as work:
        root = Path(work) / "root"
        try:
            _run(["debootstrap", "--variant=minbase", "--include=" + ",".join(recipe.packages),
                  image.SUITE, str(root), mirror], "debootstrap")
        finally:
            _unmount_under(root)
        for relative in image.TRIMMED_PATHS + recipe.trimmed:
            shutil.rmtree(root / relative, ignore_errors=True)
        archive = Path(work) / "rootfs.tar"
        _run(["tar", "--numeric-owner", "--one-file-system", "-C", str(root), "-cf", str(archive), "."], "tar")
        repository, version = tag.split(":")
        log(f"docker import as {tag}")
        with engine_errors("importing the root file system"):
            client.api.import_image_from_file(str(archive), repository=repository, tag=version)
    if not image.image_present(client, tag):
        raise ImageBuildError(f"docker import did not produce {tag}")


def _unmount_under(root: Path) -> None:
    """Unmount what debootstrap left mounted in the root: it mounts /proc for the packages' scripts, and when
    one of them keeps it busy the unmount at its exit fails. Left there, it would go into the archive and
    the clean-up would walk the host's /proc."""
    prefix = f"{root}/"
    with open("/proc/mounts") as mounts:
        points = [fields[1] for fields in map(str.split, mounts) if fields[1].startswith(prefix)]
    for point in sorted(points, key=len, reverse=True):
        subprocess.run(["umount", "--lazy", point], capture_output=True)


def build_base_with_dockerfile(client: docker.DockerClient, recipe: image.Recipe, tag: str, log: Log) -> None:
    log(f"docker build {tag} from image/{recipe.base_dockerfile} (pulls debian:bookworm-slim)")
    try:
        client.images.build(path=str(image.IMAGE_DIR), dockerfile=recipe.base_dockerfile, tag=tag,
                            rm=True, forcerm=True, pull=True)
    except (docker.errors.BuildError, docker.errors.APIError) as error:
        raise ImageBuildError(
            f"Building the base from {recipe.base_dockerfile} failed ({error}). Without a registry, "
            f"build as root with debootstrap installed: `{image.build_command(recipe.name)} --method debootstrap`."
        ) from error


def build_layer(client: docker.DockerClient, base: str, tag: str, log: Log) -> None:
    log(f"docker build {tag} (supervisor on {base})")
    with tempfile.TemporaryDirectory(prefix="techscreen-image-") as context:
        shutil.copy(image.IMAGE_DIR / "Dockerfile", Path(context) / "Dockerfile")
        target = Path(context) / "tsbox"
        target.mkdir()
        for path in image.tsbox_files():
            destination = target / path.relative_to(image.TSBOX_DIR)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, destination)
        try:
            client.images.build(path=context, tag=tag, buildargs={"BASE": base}, rm=True,
                                forcerm=True, pull=False, network_mode="none",
                                labels={image.LABEL: "image"})
        except (docker.errors.BuildError, docker.errors.APIError) as error:
            raise ImageBuildError(f"Building {tag} failed: {error}") from error
