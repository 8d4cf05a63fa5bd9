"""Which sandbox image this code needs: tags derived from content hashes.

The base image (Debian's Python and NumPy) is tagged by the hash of its
recipe; the sandbox image by the hash of the base tag, its Dockerfile and the
in-container code. A change to the supervisor therefore asks for a new image,
and an unchanged tree finds its image already built.
"""

import hashlib
from pathlib import Path

import docker

from sandbox.engine import engine_errors
from sandbox.errors import ImageMissing

SUITE = "bookworm"
PACKAGES = ("python3-minimal", "python3-numpy")
# Removed from the debootstrap root before import: not needed at run time.
TRIMMED_PATHS = ("var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc",
                 "usr/share/man", "usr/share/locale", "usr/share/info")
BASE_REPOSITORY = "techscreen-sandbox-base"
REPOSITORY = "techscreen-sandbox"
IMAGE_DIR = Path(__file__).parent / "image"
TSBOX_DIR = Path(__file__).parent / "tsbox"
LABEL = "techscreen.sandbox"


def _digest(parts: list[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()[:16]


def tsbox_files() -> list[Path]:
    """The in-container source files, in a stable order."""
    return sorted(path for path in TSBOX_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def base_tag() -> str:
    """Tag of the base image: Debian suite, packages and how the root is trimmed."""
    recipe = [SUITE.encode(), *(p.encode() for p in PACKAGES), *(p.encode() for p in TRIMMED_PATHS),
              (IMAGE_DIR / "Dockerfile.base").read_bytes()]
    return f"{BASE_REPOSITORY}:{_digest(recipe)}"


def image_tag() -> str:
    """Tag of the sandbox image that this version of the code runs jobs in."""
    parts = [base_tag().encode(), (IMAGE_DIR / "Dockerfile").read_bytes()]
    for path in tsbox_files():
        parts += [path.relative_to(TSBOX_DIR).as_posix().encode(), path.read_bytes()]
    return f"{REPOSITORY}:{_digest(parts)}"


def image_present(client: docker.DockerClient, tag: str) -> bool:
    with engine_errors("looking up an image"):
        try:
            client.images.get(tag)
        except docker.errors.ImageNotFound:
            return False
    return True


def require_image(client: docker.DockerClient) -> str:
    """Return the sandbox image tag.

    Raises:
        ImageMissing: The image for this code has not been built yet.
    """
    tag = image_tag()
    if not image_present(client, tag):
        raise ImageMissing(f"The sandbox image {tag} is not built. Run `techscreen sandbox build` "
                           "(or `make sandbox`).")
    return tag
