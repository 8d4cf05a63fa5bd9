"""What the policy refuses, as data: builtins, dunder names, introspection attributes, library entry points."""

from RestrictedPython.transformer import INSPECT_ATTRIBUTES

from server.problems.schema import DEFAULT_ALLOWED_IMPORTS

FORBIDDEN_BUILTINS = {
    "eval": "`eval` runs text as code, which is not allowed here",
    "exec": "`exec` runs text as code, which is not allowed here",
    "compile": "`compile` builds code objects, which is not allowed here",
    "__import__": "`__import__` is not allowed; use an `import` statement",
    "open": "files cannot be opened here; work with the arguments you are given",
    "globals": "`globals()` exposes the interpreter's internals and is not allowed",
    "locals": "`locals()` exposes the interpreter's internals and is not allowed",
    "vars": "`vars()` exposes the interpreter's internals and is not allowed",
    # dir() lists the calling frame's names: under the complexity measurement, the counter's own.
    "dir": "`dir()` exposes the interpreter's internals and is not allowed; use hasattr",
    "breakpoint": "`breakpoint()` would stop the judge; remove it",
    "memoryview": "`memoryview` is not allowed here",
}
# Functions that reach an attribute named by a string: only called directly, with a literal ordinary name.
# The value is the position of the name among the arguments (None: every argument is a name).
ATTRIBUTE_BUILTINS = {"getattr": 1, "setattr": 1, "delattr": 1, "hasattr": 1}
ATTRIBUTE_ACCESSORS = {**ATTRIBUTE_BUILTINS, "operator.attrgetter": None, "operator.methodcaller": 0}
# String methods whose replacement fields (`{0.attr}`, `{0[key]}`) read attributes and items by name.
FORMAT_METHODS = ("format", "format_map")

# Dunder names ordinary code defines or calls: the data model's methods.
ALLOWED_DUNDERS = frozenset({
    "__init__", "__post_init__", "__repr__", "__str__", "__format__", "__hash__", "__bool__",
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__len__", "__iter__", "__next__",
    "__reversed__", "__contains__", "__getitem__", "__setitem__", "__delitem__", "__missing__",
    "__call__", "__enter__", "__exit__", "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__",
    "__isub__", "__mul__", "__rmul__", "__imul__", "__matmul__", "__truediv__", "__rtruediv__",
    "__floordiv__", "__mod__", "__pow__", "__neg__", "__pos__", "__abs__", "__and__", "__or__",
    "__xor__", "__invert__", "__lshift__", "__rshift__", "__int__", "__float__", "__index__",
    "__round__", "__copy__", "__deepcopy__", "__slots__", "__name__", "__qualname__", "__doc__",
    "__version__", "__all__", "__future__", "__main__",
})

# Frames, code and tracebacks: the ways out of Python's ordinary data model.
INTROSPECTION_ATTRIBUTES = frozenset(INSPECT_ATTRIBUTES | {
    "f_lasti", "f_lineno", "co_consts", "co_names", "co_varnames", "func_globals", "func_code",
    "gi_running", "cr_running", "ag_running",
})


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def is_private(name: str) -> bool:
    """``_name``: a library's internals when the owner is an imported module or one of its objects."""
    return name.startswith("_") and not is_dunder(name)


# Modules the policy imports on the host to see what a dotted name is (vetted: no import-time side effects).
HOST_RESOLVABLE = frozenset(DEFAULT_ALLOWED_IMPORTS) | {"numpy"}

_FILES = "it reads or writes files, which solutions cannot do here"
_C_CODE = "it reaches C code through ctypes"
_AS_CODE = "it runs text as code"
_FIELDS = "its replacement fields reach attributes by name"
_PROGRAMS = "it builds, loads or runs programs"
_NETWORK = "it downloads from the network"
_PROCESSES = "it starts processes"
_PANDAS_READERS = ("csv", "table", "fwf", "json", "html", "xml", "excel", "parquet", "orc", "feather", "hdf",
                   "sql", "sql_query", "sql_table", "sas", "spss", "stata", "pickle", "clipboard", "gbq")

# Library modules and entry points refused wherever they are reached from (by dotted name, and by
# identity on the host, so that ``np.lib.npyio.loadtxt`` is ``np.loadtxt``).
REFUSED_MODULES = {
    "numpy.ctypeslib": _C_CODE, "numpy.lib.npyio": _FILES, "numpy.lib.format": _FILES,
    "numpy.ma.mrecords": _FILES, "numpy.compat": "it loads modules from files", "numpy.testing": _AS_CODE,
    "numpy.distutils": "it builds and runs programs", "numpy.f2py": "it builds and runs programs",
    # The ml image's libraries (sandbox/image.py ML_MODULES): their file, C-code, network and process doors.
    "torch.hub": _NETWORK, "torch.utils.model_zoo": _NETWORK, "torch.utils.cpp_extension": _PROGRAMS,
    "torch.utils.file_baton": _FILES, "torch.ops": _C_CODE, "torch.classes": _C_CODE, "torch.library": _C_CODE,
    "torch.jit": _FILES, "torch.package": _FILES, "torch.serialization": _FILES, "torch.multiprocessing": _PROCESSES,
    "torch.distributed": _NETWORK, "torch.utils.tensorboard": _FILES, "torch.utils.bottleneck": _PROGRAMS,
    "pandas.io": _FILES, "scipy.io": _FILES, "scipy.datasets": _NETWORK, "sklearn.datasets": _FILES,
}
REFUSED_ENTRY_POINTS = {
    "numpy.fromfile": _FILES, "numpy.load": _FILES, "numpy.save": _FILES, "numpy.savez": _FILES,
    "numpy.savez_compressed": _FILES, "numpy.savetxt": _FILES, "numpy.loadtxt": _FILES,
    "numpy.genfromtxt": _FILES, "numpy.fromregex": _FILES, "numpy.recfromtxt": _FILES,
    "numpy.recfromcsv": _FILES, "numpy.memmap": _FILES, "numpy.DataSource": _FILES,
    "numpy.rec.fromfile": _FILES, "numpy.ma.load": _FILES, "numpy.ma.loads": _AS_CODE, "numpy.ma.dump": _FILES,
    "torch.load": _FILES, "torch.save": _FILES, "torch.from_file": _FILES,
    **{f"pandas.read_{reader}": _FILES for reader in _PANDAS_READERS},
    "pandas.eval": _AS_CODE, "pandas.HDFStore": _FILES, "pandas.ExcelFile": _FILES, "pandas.ExcelWriter": _FILES,
    "pandas.to_pickle": _FILES, "scipy.LowLevelCallable": _C_CODE,
    "typing.get_type_hints": "it evaluates string annotations as code",
    "typing.ForwardRef": "it evaluates a string as code",
    "string.Formatter": _FIELDS,
}
# Attribute names refused on any object (NumPy arrays', tensors' and data frames' file, C and code entry points,
# and the names above).
REFUSED_ATTRIBUTES = {
    "from_file": _FILES, "load_library": _C_CODE, "to_pickle": _FILES, "to_hdf": _FILES, "to_parquet": _FILES,
    "to_feather": _FILES, "to_stata": _FILES, "to_excel": _FILES, "to_sql": _FILES, "to_clipboard": _PROGRAMS,
    "ctypes": _C_CODE, "ctypeslib": _C_CODE, "tofile": _FILES, "fromfile": _FILES, "loadtxt": _FILES,
    "savetxt": _FILES, "genfromtxt": _FILES, "fromregex": _FILES, "recfromtxt": _FILES, "recfromcsv": _FILES,
    "savez": _FILES, "savez_compressed": _FILES, "memmap": _FILES, "open_memmap": _FILES, "DataSource": _FILES,
    "npyio": _FILES, "runstring": _AS_CODE, "get_type_hints": "it evaluates string annotations as code",
}
