"""What a dotted name reached from an allowed import is, looked up on the host.

The policy decides whether ``typing.sys`` is a module, or whether
``np.lib.npyio.loadtxt`` is ``np.loadtxt``, by looking rather than guessing:
it imports the allowed module in the judge's own interpreter (only modules in
``rules.HOST_RESOLVABLE``, which import without side effects) and follows the
attributes. A name it cannot follow (a module not vetted, a NumPy name this
host's version lacks) is ``MISSING`` and judged by its spelling alone.
"""

import functools
import importlib
import threading
import types
import warnings

from server.policy import rules

MISSING = object()
_LOCK = threading.Lock()  # importing and silencing deprecation warnings touch process-wide state


@functools.lru_cache(maxsize=4096)
def resolve(dotted: str) -> object:
    """The object ``dotted`` names on the host, or ``MISSING`` (cached: the lock and warning filters only on
    a first look)."""
    top, *attributes = dotted.split(".")
    if top not in rules.HOST_RESOLVABLE:
        return MISSING
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = importlib.import_module(top)
            for attribute in attributes:
                value = _attribute(value, attribute)
        except Exception:  # noqa: BLE001 - a library refusing a name, in whatever way, means "cannot follow it"
            return MISSING
    return value


def _attribute(value: object, name: str) -> object:
    """``value.name``, importing a not yet imported submodule of a package."""
    try:
        return getattr(value, name)
    except AttributeError:
        if isinstance(value, types.ModuleType) and hasattr(value, "__path__"):
            return importlib.import_module(f"{value.__name__}.{name}")
        raise


def refusal(value: object) -> str | None:
    """Why ``value`` (a resolved object) is refused, when it is a refused module or entry point."""
    if isinstance(value, types.ModuleType):
        return rules.REFUSED_MODULES.get(value.__name__)
    return _refused_objects().get(id(value), (None, None))[1]


@functools.lru_cache(maxsize=1)
def accessors() -> dict[int, str]:
    """The attribute accessors that are library functions (``operator.attrgetter``, ...), by identity."""
    return {id(value): name for name in rules.ATTRIBUTE_ACCESSORS if "." in name
            if (value := resolve(name)) is not MISSING}


@functools.lru_cache(maxsize=1)
def _refused_objects() -> dict[int, tuple[object, str]]:
    """Refused functions and classes by identity (kept alive here, so identities stay valid)."""
    found = {}
    for dotted, reason in rules.REFUSED_ENTRY_POINTS.items():
        value = resolve(dotted)
        if value is not MISSING:
            found[id(value)] = (value, reason)
    return found
