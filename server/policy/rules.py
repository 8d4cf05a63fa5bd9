"""What the policy refuses, as data: builtins, dunder names, introspection attributes."""

from RestrictedPython.transformer import INSPECT_ATTRIBUTES

FORBIDDEN_BUILTINS = {
    "eval": "`eval` runs text as code, which is not allowed here",
    "exec": "`exec` runs text as code, which is not allowed here",
    "compile": "`compile` builds code objects, which is not allowed here",
    "__import__": "`__import__` is not allowed; use an `import` statement",
    "open": "files cannot be opened here; work with the arguments you are given",
    "globals": "`globals()` exposes the interpreter's internals and is not allowed",
    "locals": "`locals()` exposes the interpreter's internals and is not allowed",
    "vars": "`vars()` exposes the interpreter's internals and is not allowed",
    "breakpoint": "`breakpoint()` would stop the judge; remove it",
    "memoryview": "`memoryview` is not allowed here",
}
ATTRIBUTE_BUILTINS = ("getattr", "setattr", "delattr", "hasattr")

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
