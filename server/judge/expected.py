"""What each case expects: from the test file, or from the reference solution.

A ``generate`` case without ``expected`` gets the reference solution's result
on the same generated input, computed in the sandbox once per package
version and cached on disk by the package's content hash.
"""

import dataclasses
import json
import os
import tempfile
from pathlib import Path

from sandbox import SandboxSettings, run_job
from server.errors import TechscreenError
from server.judge.jobs import build_job
from server.problems.package import ProblemPackage
from server.problems.schema import Case


class ReferenceFailed(TechscreenError):
    """The problem's reference solution failed on a generated case."""


@dataclasses.dataclass(frozen=True)
class Expectation:
    """``value``: the expected return (class kind: every call's return); with
    ``raises``, the exception expected (and, for a class, the returns before it)."""

    value: object = None
    raises: str | None = None
    checked: bool = True  # False for a candidate's own input (Run with your input): nothing to compare with


def cache_dir() -> Path:
    root = os.environ.get("TECHSCREEN_CACHE_DIR") or Path.home() / ".cache" / "techscreen"
    return Path(root) / "expected"


def expectations(package: ProblemPackage, cases, settings: SandboxSettings | None = None,
                 client=None) -> dict[str, Expectation]:
    """The expectation of every case in ``cases``, by case name.

    Raises:
        ReferenceFailed: The reference solution could not produce a generated case's result.
    """
    derived = [case for case in cases if needs_reference(case)]
    from_reference = _reference_results(package, derived, settings, client) if derived else {}
    return {case.name: from_reference.get(case.name) or _from_case(case) for case in cases}


def _from_case(case: Case) -> Expectation:
    if not case.has_expected and not case.raises and case.generate is None:  # never in a package: validated out
        return Expectation(checked=False)
    if case.raises:  # a class case may list the returns expected before the exception
        return Expectation(case.expected if case.has_expected else [], case.raises)
    return Expectation(case.expected)


def needs_reference(case: Case) -> bool:
    return case.generate is not None and not case.has_expected and not case.raises


def _reference_results(package, cases, settings, client) -> dict[str, Expectation]:
    path = cache_dir() / f"{package.content_hash}.json"
    cached = _read_cache(path)
    missing = [case for case in cases if _cache_key(case) not in cached]
    if missing:
        result = run_job(build_job(package, package.solution, missing), settings, client)
        for case, outcome in zip(missing, result.outcomes, strict=True):
            returned = (outcome.result or {}).get("returned", _MISSING) if outcome.status == "completed" else _MISSING
            if returned is _MISSING or "raised" in (outcome.result or {}):
                reason = outcome.detail or json.dumps(outcome.result)[:300]
                raise ReferenceFailed(f"{package.id}: the reference solution failed on generated case "
                                      f"{case.name!r} ({outcome.status}: {reason})")
            cached[_cache_key(case)] = returned
        _write_cache(path, cached)
    return {case.name: Expectation(cached[_cache_key(case)]) for case in cases}


def _cache_key(case: Case) -> str:
    """The case's name and what it generates: a caller judging a resized copy of a case (a benchmark, a
    calibration) must not read, or leave, the results of another size under the same name."""
    spec = case.generate
    return f"{case.name} n={spec.n} seed={spec.seed} family={spec.family}"


_MISSING = object()


# Parsed cache files by path, with the (mtime, size) they were read at: a package's reference results (megabytes
# of JSON for large generated cases) are parsed once per version and process, not on every judging.
_parsed: dict[Path, tuple[tuple[int, int], dict]] = {}
PARSED_KEPT = 8


def _read_cache(path: Path) -> dict:
    """The cache file's results (a new dict: callers add to it; the values are shared and not changed)."""
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        kept = _parsed.get(path)
        if kept is not None and kept[0] == version:
            return dict(kept[1])
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    _parsed[path] = (version, data)
    for stale in list(_parsed)[:-PARSED_KEPT]:
        _parsed.pop(stale, None)
    return dict(data)


def _write_cache(path: Path, values: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as handle:
        json.dump(values, handle, allow_nan=True)
    os.replace(handle.name, path)
