"""Runs one test, in a process the job's zygote forked for it (``tsbox.zygote``).

The zygote prepares once per job what every test needs before its input
(``prepare``: the allowed modules the code imports, the compiled code); each
test's process then reads the test's input as JSON on stdin (``run_test``),
makes its typed values real numpy arrays (``tsbox.typed``), executes the
module afresh, and writes its single result as one JSON object to
``wire.RESULT_FD``; it leaves with ``os._exit`` so that no ``atexit``
hook or finaliser of the candidate's can add to it.

Modes (the job's header, given to the zygote):
    ``call``: execute the candidate's module, call the entry point, return
        ``{"returned": value}``, ``{"raised": {...}}`` (class kind may carry
        both: the returns before the exception), or ``{"invalid": reason}``.
    ``generate``: execute the problem's ``generator.py`` and write the input
        it builds for a size ``n`` and seed as JSON; on failure, write the
        exception and exit with status ``GENERATOR_FAILED``.
    ``measure``: first write ``{"setup_cpu_ms": ...}`` and a newline (before
        any candidate code runs, so it cannot be forged), then run the
        instrumented code under ``tsbox.meter`` and return
        ``{"measured": {"lines", "calls", "charged", "total", "truncated"}}``.

With ``allowed_imports`` in the header (the problem's allow-list), the
candidate's module runs under ``tsbox.guard``, installed in the test's own
process; a refused action ends the test with ``{"refused": message}``.
"""

import gc
import io
import json
import os
import random
import resource
import sys
import traceback
import types

from tsbox import guard, instrument, meter, tojson, typed, wire

# Taken before candidate code runs, which may rebind module attributes.
_dumps = json.dumps
_loads = json.loads
_collector_off, _collector_on, _freeze = gc.disable, gc.enable, gc.freeze
_write = os.write
_exit = os._exit
_type = type

MESSAGE_CHARS = 500
GENERATOR_FAILED = 3
TRACEBACK_CHARS = 4000
# Generators run with the standard library and NumPy; NumPy's import is the one that costs (tens of ms).
GENERATOR_PRELOADS = ("numpy",)


def _describe_exception(error):
    kind = _type(error)
    builtin_names = [
        cls.__name__ for cls in getattr(kind, "__mro__", ())
        if cls.__module__ == "builtins" and cls is not object
    ]
    try:
        message = str(error)[:MESSAGE_CHARS]
    except BaseException:
        message = "(the exception's message could not be read)"
    try:
        lines = traceback.format_exception(kind, error, error.__traceback__)
        candidate_lines = [line for line in lines if '"solution.py"' in line or not line.startswith("  File")]
        trace = "".join(candidate_lines)[-TRACEBACK_CHARS:]
    except BaseException:
        trace = ""
    return {
        "type": getattr(kind, "__name__", "?"),
        "builtin_types": builtin_names,
        "message": message,
        "traceback": trace,
    }


def _filename(header):
    return "generator.py" if header["mode"] == "generate" else "solution.py"


def _compiled(header):
    """The header's code compiled, instrumented for a measure job."""
    if header["mode"] == "measure":
        return instrument.instrumented_code(header["code"], _filename(header))
    return compile(header["code"], _filename(header), "exec")


def prepare(header):
    """In the zygote, once per job: import the allowed modules the code imports (a generator: NumPy), and
    compile it.

    Returns the code object, or ``None`` when it does not compile: each test
    compiles it again and reports the error as its result.
    """
    if header["mode"] == "generate":
        guard.preload(header["code"], GENERATOR_PRELOADS)
    elif header.get("allowed_imports") is not None:
        guard.preload(header["code"], header["allowed_imports"])
    try:
        return _compiled(header)
    except Exception:  # noqa: BLE001 - SyntaxError, RecursionError, ...: reported by each test
        return None


def _load_module(header, code, name):
    """Execute the header's code as module ``name``, under the guard when imports are listed."""
    module = types.ModuleType(name)
    module.__file__ = _filename(header)
    sys.modules[name] = module
    if code is None:
        code = _compiled(header)
    if header["mode"] == "measure":
        module.__dict__.update(instrument.HELPERS)
    if header.get("allowed_imports") is not None:
        guard.install(header["allowed_imports"], module.__dict__)
    numpy_before = "numpy" in sys.modules
    exec(code, module.__dict__)
    if not numpy_before and "numpy" in sys.modules:
        _seed_random()  # NumPy came with the code: its generator is seeded from the OS at import
    return module


def _entry(module, entry_point, want_class):
    target = module.__dict__.get(entry_point)
    if target is None:
        raise LookupError("solution.py does not define `%s`" % entry_point)
    if want_class and not isinstance(target, type):
        raise LookupError("`%s` in solution.py is not a class" % entry_point)
    if not callable(target):
        raise LookupError("`%s` in solution.py is not callable" % entry_point)
    return target


def _call_function(header, code, test_input):
    module = _load_module(header, code, "solution")
    function = _entry(module, header["entry_point"], want_class=False)
    value = function(*test_input["args"], **test_input.get("kwargs", {}))
    _collector_off()  # see run_test
    return {"returned": tojson.to_json_value(value)}


def _call_class(header, code, test_input, result):
    module = _load_module(header, code, "solution")
    cls = _entry(module, header["entry_point"], want_class=True)
    returns = result.setdefault("returned", [])
    instance = cls(*test_input["init"])
    for method, args in test_input["calls"]:
        if method.startswith("_"):
            raise LookupError("test calls a private method `%s`" % method)
        returns.append(tojson.to_json_value(getattr(instance, method)(*args), snapshot=True))
    return result


def _run_stdio(header, code, test_input):
    captured = io.StringIO()
    sys.stdin = io.StringIO(test_input["stdin"])
    sys.stdout = captured
    try:
        _load_module(header, code, "__main__")
    finally:
        sys.stdout = sys.__stdout__
    return {"returned": captured.getvalue()}


def _measure(header, code, test_input):
    """Count the work of the entry point on one input; the module's own set-up is not counted."""
    counter = meter.METER = meter.Meter(header["event_cap"])
    kind = header["kind"]
    if kind == "stdio":
        sys.stdin = io.StringIO(test_input["stdin"])
        sys.stdout = io.StringIO()
        _counted(counter, lambda: _load_module(header, code, "__main__"))
        sys.stdout = sys.__stdout__
    else:
        module = _load_module(header, code, "solution")
        target = _entry(module, header["entry_point"], want_class=kind == "class")
        if kind == "function":
            _counted(counter, lambda: target(*test_input["args"], **test_input.get("kwargs", {})))
        else:
            _counted(counter, lambda: _replay(target, test_input))
    return {"measured": {"lines": counter.lines, "calls": counter.calls, "charged": counter.charged,
                         "total": counter.total, "truncated": counter.truncated,
                         "tracer_intact": counter.intact}}


def _replay(cls, test_input):
    instance = cls(*test_input["init"])
    for method, args in test_input["calls"]:
        getattr(instance, method)(*args)


def _counted(counter, action):
    counter.start()
    try:
        action()
    except meter.OverBudget:
        pass
    finally:
        counter.stop()


def _cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _seed_random():
    """Every test starts from the same random state: code that draws random numbers answers alike run after
    run (and a measurement counts the same work every time). Again once the code has imported NumPy, when it
    was not loaded before."""
    random.seed(0)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(0)


def _run(header, code, test_input, has_typed):
    """Return the result object for one test; never raises."""
    result = {}
    try:
        if has_typed:  # before any candidate code runs; a malformed one is reported as raised
            test_input = typed.build(test_input)
        if header["mode"] == "measure":
            return _measure(header, code, test_input)
        kind = header["kind"]
        if kind == "function":
            return _call_function(header, code, test_input)
        if kind == "class":
            return _call_class(header, code, test_input, result)
        return _run_stdio(header, code, test_input)
    except tojson.InvalidValue as invalid:
        result.pop("returned", None)
        return {"invalid": "invalid return type: %s" % invalid}
    except BaseException as error:  # noqa: BLE001 - everything the candidate raises is a result
        result["raised"] = _describe_exception(error)
        return result


def _generate(header, code, spec):
    """The input the problem's generator builds, as JSON bytes (author code: no strict conversion)."""
    module = _load_module(header, code, "generator")
    options = {"family": spec["family"]} if "family" in spec else {}
    produced = module.generate(spec["n"], random.Random(spec["seed"]), **options)
    kind = header["kind"]
    if kind == "function":
        document = {"args": list(produced)}
    elif kind == "class":
        document = {"init": list(produced["init"]), "calls": produced["calls"]}
    else:
        document = {"stdin": str(produced)}
    return _dumps(document, allow_nan=False, separators=(",", ":"), default=_generated_value).encode("utf-8")


def _generated_value(value):
    """A generated input's numpy array or scalar as a typed value (NaN and infinities tagged)."""
    encoded = typed.encode(value, tag_non_finite=True)
    if encoded is None:
        raise TypeError("Object of type %s is not JSON serializable" % _type(value).__name__)
    return encoded


def _write_result(data):
    view = memoryview(data)
    while view:
        written = _write(wire.RESULT_FD, view)
        view = view[written:]


def _read_input():
    chunks = []
    while True:
        chunk = os.read(0, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_test(header, code):
    """In a test's process: read the input on stdin, run, write the result; never returns."""
    raw = _read_input()
    # Parsing the input and writing the result build or walk only acyclic data: the cyclic collector,
    # run every few hundred allocations, would re-walk it (a third of a large test's time), so it
    # stays off there and is on while the code under test runs. The parsed input is frozen out of its
    # reach: else the collections the code's own allocations start walk it again (a third of a class
    # test's 60,000 calls).
    _collector_off()
    test_input = _loads(raw)
    _freeze()
    _collector_on()
    sys.stdin = io.StringIO("")
    if header["mode"] == "generate":
        try:
            _write_result(_generate(header, code, test_input))
        except BaseException as error:  # noqa: BLE001 - reported to the author, exit status says failed
            _write_result(_dumps(_describe_exception(error)).encode("utf-8"))
            _exit(GENERATOR_FAILED)
        _exit(0)
    _seed_random()
    if header["mode"] == "measure":
        _write_result(b'{"setup_cpu_ms":%.3f}\n' % _cpu_ms())
    result = _run(header, code, test_input, typed.has_tags(raw))
    _collector_off()
    try:
        data = _dumps(result, allow_nan=True, separators=(",", ":")).encode("utf-8")
    except BaseException as error:  # noqa: BLE001 - e.g. a rebound json internals
        data = b'{"invalid":"the result could not be encoded: %s"}' % _type(error).__name__.encode()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - the candidate may have closed them
        pass
    _write_result(data)
    _exit(0)
