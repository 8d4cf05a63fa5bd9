"""Which sandbox image this code needs: tags derived from content hashes.

There are two images. ``base`` has Debian's Python and NumPy; ``ml`` adds
Debian's pandas, scikit-learn, SciPy and PyTorch (CPU), for the problems that
ask for it (``image = "ml"`` in problem.toml, or one of ``ML_MODULES`` among
their allowed imports). Each is a root file system (its *base*), tagged by the
hash of its recipe, plus the in-container code, tagged by the hash of the base
tag, the Dockerfile and that code. A change to the supervisor therefore asks
for new images, and an unchanged tree finds its images already built.
"""

import dataclasses
import hashlib
from collections.abc import Iterable
from pathlib import Path

import docker

from sandbox.engine import engine_errors
from sandbox.errors import ImageMissing

SUITE = "bookworm"
PACKAGES = ("python3-minimal", "python3-numpy")
ML_PACKAGES = ("python3-pandas", "python3-sklearn", "python3-scipy", "python3-torch")
# The top-level modules only the ml image has: a problem allowing one of them runs on it.
ML_MODULES = frozenset({"pandas", "sklearn", "scipy", "torch"})
# Removed from the debootstrap root before import: not needed at run time.
TRIMMED_PATHS = ("var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc",
                 "usr/share/man", "usr/share/locale", "usr/share/info")
IMAGE_DIR = Path(__file__).parent / "image"
TSBOX_DIR = Path(__file__).parent / "tsbox"
LABEL = "techscreen.sandbox"


@dataclasses.dataclass(frozen=True)
class Recipe:
    """How one image is made: the Debian packages of its root and where its tags live.

    ``base_dockerfile`` makes the same root where a Debian image can be pulled (``build --method dockerfile``);
    ``trimmed`` is removed from a debootstrap root besides ``TRIMMED_PATHS``.
    """

    name: str
    packages: tuple[str, ...]
    base_repository: str
    repository: str
    base_dockerfile: str
    trimmed: tuple[str, ...] = ()


IMAGES = {
    "base": Recipe("base", PACKAGES, "techscreen-sandbox-base", "techscreen-sandbox", "Dockerfile.base"),
    # Debian's libtorch depends on a C++ tool chain and headers (for torch.utils.cpp_extension, which the
    # policy refuses): nothing a job runs needs them.
    "ml": Recipe("ml", PACKAGES + ML_PACKAGES, "techscreen-sandbox-ml-base", "techscreen-sandbox-ml",
                 "Dockerfile.ml-base", trimmed=("usr/include", "usr/lib/gcc")),
}
DEFAULT = "base"
# The base image's repository (the one every problem could run on before there were several).
BASE_REPOSITORY, REPOSITORY = IMAGES[DEFAULT].base_repository, IMAGES[DEFAULT].repository


def recipe(name: str = DEFAULT) -> Recipe:
    try:
        return IMAGES[name]
    except KeyError:
        raise ImageMissing(f"There is no sandbox image {name!r}; the images are {', '.join(IMAGES)}.") from None


def image_for(allowed_imports: Iterable[str], requested: str = DEFAULT) -> str:
    """The image a problem runs on: the one it asks for, or ``ml`` when its allowed imports need it."""
    return "ml" if requested == "ml" or ML_MODULES & set(allowed_imports) else requested


def _digest(parts: list[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()[:16]


def tsbox_files() -> list[Path]:
    """The in-container source files, in a stable order."""
    return sorted(path for path in TSBOX_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def base_tag(name: str = DEFAULT) -> str:
    """Tag of an image's root: Debian suite, packages and how the root is trimmed."""
    made = recipe(name)
    parts = [SUITE.encode(), *(p.encode() for p in made.packages),
             *(p.encode() for p in TRIMMED_PATHS + made.trimmed), (IMAGE_DIR / made.base_dockerfile).read_bytes()]
    return f"{made.base_repository}:{_digest(parts)}"


def image_tag(name: str = DEFAULT) -> str:
    """Tag of the sandbox image ``name`` that this version of the code runs jobs in."""
    parts = [base_tag(name).encode(), (IMAGE_DIR / "Dockerfile").read_bytes()]
    for path in tsbox_files():
        parts += [path.relative_to(TSBOX_DIR).as_posix().encode(), path.read_bytes()]
    return f"{recipe(name).repository}:{_digest(parts)}"


def build_command(name: str = DEFAULT) -> str:
    """The command that builds image ``name``."""
    return "techscreen sandbox build" + ("" if name == DEFAULT else f" --image {name}")


def image_present(client: docker.DockerClient, tag: str) -> bool:
    with engine_errors("looking up an image"):
        try:
            client.images.get(tag)
        except docker.errors.ImageNotFound:
            return False
    return True


def require_image(client: docker.DockerClient, name: str = DEFAULT) -> str:
    """Return the tag of sandbox image ``name``.

    Raises:
        ImageMissing: The image for this code has not been built yet.
    """
    tag = image_tag(name)
    if not image_present(client, tag):
        raise ImageMissing(f"The sandbox image {tag} is not built. Run `{build_command(name)}` "
                           "(or `make sandbox`).")
    return tag
