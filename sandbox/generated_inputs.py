"""Generated inputs built once and kept on the host, so a judging does not build them again in the container.

A problem's generator is deterministic (``problem check`` verifies it): the
input it builds depends only on its code, the kind, the image it runs on and
the call ``(n, seed, family)``. Building the large performance inputs took
the container more CPU than the reference solution's tests themselves, at
every Submit and at every size of every complexity measurement. So the first
job that needs an input builds it in a generate job of its own, its text is
kept under a key made of all of the above, and later jobs carry the text in
(the container passes it to the code unparsed, as it did the generator's
output). Hidden expected values are not involved; inputs enter the
container anyway.
"""

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["InputCache", "filled"]

MAX_CARRIED_BYTES = 32 << 20  # a job carries at most this much input text; the rest is built in the container


class InputCache:
    """Generated inputs' texts in ``folder``, one file each, named by the key."""

    def __init__(self, folder: Path):
        self.folder = folder

    def read(self, key: str) -> str | None:
        try:
            return (self.folder / f"{key}.json").read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            return None

    def write(self, key: str, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.folder, delete=False, suffix=".tmp", encoding="utf-8") as out:
            out.write(text)
        os.replace(out.name, self.folder / f"{key}.json")

    @classmethod
    def from_environment(cls) -> "InputCache":
        root = os.environ.get("TECHSCREEN_CACHE_DIR") or Path.home() / ".cache" / "techscreen"
        return cls(Path(root) / "inputs")


def key_of(job, spec) -> str:
    identity = json.dumps([job.image, job.kind, job.generator, spec.as_json()], sort_keys=True)
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def filled(job, cache: InputCache, build: Callable) -> object:
    """``job`` with each generated test carrying its input's text, built first where the cache lacks it by
    ``build(specs)`` (each spec's generate outcome, in order). An input that cannot be built (the generator
    failed) is left to the job itself, which reports it as before."""
    if job.mode == "generate" or job.generator is None:
        return job
    keys = [key_of(job, test.generate) if test.generate is not None and test.generated is None else None
            for test in job.tests]
    specs = {key: test.generate for key, test in zip(keys, job.tests, strict=True) if key is not None}
    texts = {key: cache.read(key) for key in specs}
    missing = [key for key, text in texts.items() if text is None]
    if missing:
        for key, outcome in zip(missing, build([specs[key] for key in missing]), strict=True):
            if outcome.status == "completed" and outcome.raw:
                texts[key] = outcome.raw.decode("utf-8")
                cache.write(key, texts[key])
    carried, tests = 0, []
    for key, test in zip(keys, job.tests, strict=True):
        text = texts.get(key) if key is not None else None
        if text is not None and carried + len(text) <= MAX_CARRIED_BYTES:
            carried += len(text)
            test = dataclasses.replace(test, generated=text)
        tests.append(test)
    # A job that carries every input it needs leaves the generator out: its zygote, NumPy imported, would
    # cost the container a tenth of a second before the first test.
    builds = any(test.generate is not None and test.generated is None for test in tests)
    return dataclasses.replace(job, tests=tuple(tests), generator=job.generator if builds else None)
