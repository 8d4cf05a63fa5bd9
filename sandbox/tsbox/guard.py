"""The policy's run-time layer: an audit hook that refuses what candidate code may not do.

The policy check on the host reads the code; this watches it run, so a way
around the reading (``random._os.system``, ``typing.get_type_hints`` on a
string annotation) still ends as ``policy_violation``. The runner installs it
just before the candidate's module executes (after compiling it and importing
the allowed modules the code imports); audit hooks cannot be removed, so it
holds for the rest of the test's process. Refused, whoever asks:

- ``open`` of anything but reading the Python library (imports and
  tracebacks read it), listing other directories, changing files;
- running programs (``os.system``, ``os.exec*``, ``os.posix_spawn``,
  ``subprocess.Popen``), ``os.fork``, signals, resource limits, the environment;
- sockets, ``ctypes``, ``mmap``, new code (but code objects without
  bytecode, which Cython-built modules of SciPy, scikit-learn and pandas
  make for their tracebacks) or function objects, ``gc`` heap walks,
  ``sys._current_frames``, more audit hooks.

Refused when candidate code itself asks (library code does these routinely:
dataclasses compile the methods they write, importing executes modules):

- ``compile``, ``marshal``; ``sys._getframe``; reading ``__code__``,
  ``__defaults__``, ``gi_frame``, ``tb_frame`` and the other attributes
  CPython audits;
- ``exec``/``eval``, and library code running code for the candidate's code:
  ``typing`` evaluating an annotation the candidate's code holds in a
  variable (``functools.singledispatch`` registering a function does), where
  the policy check only reads string literals. Allowed are a module executing
  as it is imported, and the code writers of ``WRITES_CODE``, which build
  methods from names they checked;
- importing a module off the problem's allow-list: import statements in the
  candidate's module go through a checking ``__import__``, other imports are
  refused when the code that starts them is the candidate's.

A refusal ends the test at once: the hook writes ``{"refused": message}`` as
the test's result and leaves with ``os._exit``, so the candidate cannot catch
it. Candidate code is code whose globals are the candidate module's (its
functions, and what ``typing`` or ``dataclasses`` evaluate in them). This is
a second layer, not the wall: Python audit hooks are not a sandbox, and the
container remains what contains code that gets past them.
"""

import ast
import builtins
import importlib
import os
import sys
from json.encoder import encode_basestring_ascii

from tsbox import meter, wire

_PROGRAMS = "running programs is not allowed"
_FILESYSTEM = "changing or listing files is not allowed"
_INTERNALS = "reaching the interpreter's internals is not allowed"
_AS_CODE = "running text as code (exec, eval, compile) is not allowed"

# Refused whoever asks; a name ending in "." covers every event of that module.
REFUSED = {
    "os.system": _PROGRAMS, "os.exec": _PROGRAMS, "os.posix_spawn": _PROGRAMS, "os.spawn": _PROGRAMS,
    "os.startfile": _PROGRAMS, "subprocess.Popen": _PROGRAMS, "pty.spawn": _PROGRAMS,
    "os.fork": "starting processes is not allowed", "os.forkpty": "starting processes is not allowed",
    "os.kill": "sending signals is not allowed", "os.killpg": "sending signals is not allowed",
    "signal.pthread_kill": "sending signals is not allowed",
    "os.putenv": "changing the environment is not allowed", "os.unsetenv": "changing the environment is not allowed",
    "resource.setrlimit": "changing the process's limits is not allowed",
    "resource.prlimit": "changing the process's limits is not allowed",
    "os.": _FILESYSTEM, "shutil.": _FILESYSTEM, "glob.": _FILESYSTEM, "tempfile.": _FILESYSTEM,
    "socket.": "network access is not allowed", "ctypes.": "loading or calling C code is not allowed",
    "mmap.": "mapping memory is not allowed", "pickle.find_class": "unpickling code is not allowed",
    "code.__new__": _INTERNALS, "function.__new__": _INTERNALS, "gc.": _INTERNALS,
    "sys._current_frames": _INTERNALS, "sys._current_exceptions": _INTERNALS, "sys.addaudithook": _INTERNALS,
    "builtins.breakpoint": _INTERNALS, "pdb.Pdb": _INTERNALS, "setopencode": _INTERNALS,
}
# Refused when the candidate's own code asks.
REFUSED_TO_CANDIDATE = {"compile": _AS_CODE, "marshal.": "loading code objects is not allowed"}
# Library modules that write code from names they checked and run it for the candidate's code (dataclasses'
# methods, namedtuple's ``__new__``).
WRITES_CODE = ("dataclasses", "collections")
# Modules no code may import once the candidate's runs: ``_posixsubprocess.fork_exec`` starts programs and
# raises no audit event.
REFUSED_IMPORTS = {"_posixsubprocess": _PROGRAMS}
OPEN_FOR_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
SHOWN_CHARS = 200


def preload(source, allowed_imports):
    """Import the allowed top-level modules ``source`` imports, before the hook exists.

    Their start-up (NumPy loads ``ctypes``, say) is library code the hook
    would otherwise have to tell apart from the candidate's; the candidate's
    import statements then find them loaded. Submodules the candidate names
    (``numpy.f2py``) are left to its own imports, under the hook.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return  # compiling the module reports it
    tops = {alias.name.partition(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
            for alias in node.names}
    tops |= {node.module.partition(".")[0] for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    for name in sorted(tops & set(allowed_imports)):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the candidate's own import statement reports it
            pass


def install(allowed_imports, candidate_globals):
    """Arm the guard for code running in ``candidate_globals`` (the candidate module's namespace)."""
    allowed = frozenset(allowed_imports) | {"__future__"}
    busy = [False]  # True while the guard itself looks at the stack (sys._getframe is audited too)
    refuse = _refuser(candidate_globals, busy)
    candidate_globals["__builtins__"] = dict(builtins.__dict__, __import__=_checked_import(allowed, refuse))
    sys.addaudithook(_hook(allowed, candidate_globals, refuse, busy))


def _refuser(candidate_globals, busy):
    """``refuse(message)``: the test's result becomes the refusal and the process ends, uncatchably."""
    write, exit_now, getframe, encode = os.write, os._exit, sys._getframe, encode_basestring_ascii
    result_fd = wire.RESULT_FD

    def refuse(message):
        busy[0] = True
        frame = getframe(1)
        while frame is not None and frame.f_globals is not candidate_globals:
            frame = frame.f_back
        where = " at line %s" % frame.f_lineno if frame is not None else ""  # f_lineno may be None
        data = ('{"refused":%s}' % encode("policy: %s%s" % (message, where))).encode()
        try:
            while data:
                data = data[write(result_fd, data):]
        finally:
            exit_now(0)

    return refuse


def _checked_import(allowed, refuse):
    """The candidate module's ``__import__``: import statements name only allowed modules."""
    real_import = builtins.__import__
    listed = ", ".join(sorted(allowed - {"__future__"}))

    def checked_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name.partition(".")[0] not in allowed:
            refuse("`import %s` is not allowed in this problem (allowed: %s)" % (name, listed))
        return real_import(name, globals, locals, fromlist, level)

    return checked_import


def _hook(allowed, candidate_globals, refuse, busy):
    """The audit hook; everything it uses is bound here, out of reach of code that rebinds module attributes."""
    getframe, realpath, fsdecode = sys._getframe, os.path.realpath, os.fsdecode
    str_type, bytes_type, int_type, type_of, any_, repr_, len_, list_ = str, bytes, int, type, any, repr, len, list
    roots = tuple(realpath(path) + "/" for path in sys.path if os.path.isabs(path) and os.path.isdir(path))
    machinery = tuple(sys.modules[name].__dict__ for name in ("_frozen_importlib", "_frozen_importlib_external",
                                                              "importlib") if name in sys.modules)
    ours = (globals(), meter.__dict__)  # the guard's frames, and the meter's charge_* wrappers around calls
    refused_get, candidate_get, modules = REFUSED.get, REFUSED_TO_CANDIDATE.get, sys.modules

    def asking_frame(skipped):
        """The frame the event comes from (the hook's caller's caller), past ``skipped`` ones; None when the
        event was raised with no Python code running."""
        busy[0] = True
        try:
            frame = getframe(3)
        except ValueError:
            return None
        finally:
            busy[0] = False
        while frame is not None and any_(frame.f_globals is g for g in skipped):
            frame = frame.f_back
        return frame

    def asked_by_candidate(skipped):
        """Whether the frame the event comes from, past ``skipped`` ones (importing, ours), is the candidate's."""
        frame = asking_frame(skipped)
        return frame is not None and frame.f_globals is candidate_globals

    def runs_for_candidate():
        """Whether an ``exec`` event runs code for the candidate's: a frame up the stack is the candidate's,
        with no import in between (a module executes as it is imported) and the code not written by one of
        ``WRITES_CODE``."""
        frame = asking_frame(ours)
        if frame is not None and frame.f_globals is not candidate_globals and any_(
                name in modules and modules[name].__dict__ is frame.f_globals for name in WRITES_CODE):
            return False
        while frame is not None:
            if frame.f_globals is candidate_globals:
                return True
            if any_(frame.f_globals is g for g in machinery):
                return False
            frame = frame.f_back
        return False

    def library_path(path):
        if type_of(path) not in (str_type, bytes_type):
            return False
        try:
            real = realpath(fsdecode(path))
        except (ValueError, OSError):
            return False
        return any_(real.startswith(root) or real + "/" == root for root in roots)

    def shown(value):
        if type_of(value) is bytes_type:
            value = fsdecode(value)
        if type_of(value) in (str_type, int_type):
            text = repr_(value)
            return text if len_(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."
        if type_of(value) in (list_, tuple) and not any_(type_of(v) not in (str_type, bytes_type) for v in value[:4]):
            return repr_(list_(value[:4]))[:SHOWN_CHARS]
        return "..."

    def hook(event, args):
        if event == "code.__new__" and type_of(args[0]) is bytes_type and len_(args[0]) == 0:
            return  # no bytecode: what C extensions (Cython) make to name their frames in tracebacks
        if event == "object.__getattr__":
            if args[1] != "f_code" and asked_by_candidate(ours):  # the meter reads f_code on every call
                refuse("reading `.%s` reaches Python's internals" % args[1])
        elif event == "sys._getframe":
            if not busy[0] and asked_by_candidate(ours):  # busy: our own look at the stack
                refuse("frame introspection is not allowed: sys._getframe")
        elif event == "open":
            path, mode, flags = args
            writing = (type_of(mode) is str_type and any_(c in mode for c in "wax+")) or (
                type_of(flags) is int_type and flags & OPEN_FOR_WRITING)
            if writing or not library_path(path):
                refuse("opening files is not allowed: open(%s)" % shown(path))
        elif event in ("os.listdir", "os.scandir"):
            if not library_path(args[0] if args else None):
                refuse("%s: %s(%s)" % (_FILESYSTEM, event, shown(args[0] if args else None)))
        elif event == "import":
            if args[0] in REFUSED_IMPORTS:
                refuse("%s: import %s" % (REFUSED_IMPORTS[args[0]], args[0]))
            if args[0].partition(".")[0] not in allowed and asked_by_candidate(machinery + ours):
                refuse("`import %s` is not allowed in this problem" % args[0])
        elif event == "exec":
            if runs_for_candidate():
                refuse(_AS_CODE)
        else:
            module = event.partition(".")[0] + "."
            what = candidate_get(event) or candidate_get(module)
            if what is not None:
                if asked_by_candidate(ours):
                    refuse("%s: %s" % (what, shown(args[0]) if args else event))
                return
            what = refused_get(event) or refused_get(module)
            if what is not None:
                refuse("%s: %s(%s)" % (what, event, ", ".join(shown(a) for a in args[:2])))

    return hook
