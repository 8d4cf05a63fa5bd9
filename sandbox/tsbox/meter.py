"""Deterministic work counting for complexity measurement.

Work is counted in units: one per line event in any frame outside this
package (the candidate's code and the pure-Python library code it calls),
one per call event, plus units charged for C-level operations that line
events cannot see. ``instrument`` rewrites the candidate's code so those
operations pass through the ``charge_*`` functions here: ``sorted`` and
``list.sort`` (n log n), ``in`` on sequences, slicing, ``insert``/``pop``
at the front, ``index``/``count``/``remove``, ``extend`` (the items added),
``sum``/``min``/``max``/``functools.reduce`` and other consumers of a whole
sequence, ``bisect`` (log n; ``insort`` also the items it moves), the
``statistics`` functions that hand their data to C, concatenation, string
methods, and
NumPy, PyTorch, pandas, SciPy and scikit-learn calls and operators by the
sizes of their arguments and result (an array's ``size``, a tensor's
``numel()``, a frame's or series' ``size``).

Counts are deterministic for a given input and ``PYTHONHASHSEED``: the same
code on the same input always gives the same number, whatever else the
machine is doing.
"""

import bisect
import builtins
import collections
import functools
import heapq
import math
import operator
import sys

OUR_PREFIX = __file__.rsplit("/", 1)[0] + "/"


class OverBudget(BaseException):
    """Raised into the measured code when the unit count passes the cap."""


class Meter:
    """The counter, the tracer that feeds it, and the cap."""

    def __init__(self, cap):
        self.cap = cap
        self.lines = 0
        self.calls = 0
        self.charged = 0
        self.truncated = False
        self.intact = True  # False when the measured code replaced or removed the tracer

    @property
    def total(self):
        return self.lines + self.calls + self.charged

    def _over(self):
        self.truncated = True
        sys.settrace(None)
        raise OverBudget()

    def charge(self, units):
        if units > 0:
            self.charged += int(units)
            if self.total > self.cap:
                self._over()

    def _local(self, frame, event, arg):
        if event == "line":
            self.lines += 1
            if not self.lines & 0x3FFF and self.total > self.cap:
                self._over()
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename.startswith(OUR_PREFIX):
            return None
        self.calls += 1
        return self._local

    def start(self):
        sys.settrace(self._global)

    def stop(self):
        if not self.truncated and sys.gettrace() != self._global:
            self.intact = False
        sys.settrace(None)


METER = Meter(cap=0)


def _size(value):
    elements = _elements(value)
    if elements is not None:
        return elements
    try:
        return len(value)
    except TypeError:
        return 0


def _n_log_n(n):
    return n * math.log2(n) if n > 1 else n


# --- operators -------------------------------------------------------------

_SEQUENCES = (list, tuple, str, bytes, collections.deque)


def charge_contains(item, container):
    """``item in container``: linear in a sequence, up to where it is found."""
    if isinstance(container, _SEQUENCES):
        if isinstance(container, (str, bytes)):
            METER.charge(len(container))
        else:
            try:
                METER.charge(container.index(item) + 1)
            except ValueError:
                METER.charge(len(container))
    elif _is_array(container) and not _is_labelled(container):  # pandas looks a label up in its index: a hash
        METER.charge(_size(container))
    return item in container


def charge_slice(value, key):
    """``value[a:b]``: a copy the size of the result (NumPy slices are views: free)."""
    result = value[key]
    if isinstance(result, _SEQUENCES):
        METER.charge(len(result))
    return result


def charge_binop(op, left, right):
    """Concatenation and repetition build a new sequence; NumPy operators touch every element."""
    result = op(left, right)
    if isinstance(result, (list, tuple, str, bytes)):
        METER.charge(len(result))
    elif _is_array(result) or _is_array(left) or _is_array(right):
        if op is operator.matmul:
            METER.charge(_matmul_cost(left, right))
        else:
            METER.charge(_size(result) + _size(left) + _size(right))
    return result


def charge_inplace(op, left, right):
    """``left op= right``: a list grows by ``right``; a tuple or NumPy array is rebuilt."""
    result = op(left, right)
    if isinstance(left, (list, bytearray)):
        METER.charge(_size(right) if op is operator.iadd else len(result))
    elif isinstance(result, (tuple, str, bytes)):
        METER.charge(len(right) if isinstance(right, (tuple, str, bytes)) else len(result))
    elif _is_array(result):
        METER.charge(_size(result) + _size(right))
    return result


# --- calls -----------------------------------------------------------------

# Builtins and library functions that walk a whole iterable in C: the position of the iterable among the
# arguments.
_CONSUMERS = dict.fromkeys((builtins.sum, builtins.min, builtins.max, builtins.any, builtins.all, builtins.list,
                            builtins.tuple, builtins.set, builtins.frozenset, builtins.dict, builtins.sorted,
                            builtins.bytes, builtins.bytearray, collections.deque, collections.Counter,
                            collections.OrderedDict, math.fsum, math.prod, heapq.heapify, operator.countOf,
                            operator.indexOf), 0)
_CONSUMERS[functools.reduce] = 1
_EXTENDS = {"extend", "extendleft"}  # list and deque methods that append an iterable's items: its length
_LIST_LINEAR = {"index", "count", "remove", "copy", "reverse", "__contains__"}
_BISECTS = {bisect.bisect_left, bisect.bisect_right}  # a binary search: log n
_INSORTS = {bisect.insort_left, bisect.insort_right}  # a binary search, then a list insert moving the items after
# statistics functions that hand their whole data to C (fsum, sorted, Counter) from the library's own frame,
# where nothing charges it: linear, or n log n for those that sort.
_STATISTICS_LINEAR = {"fmean", "mode", "multimode"}
_STATISTICS_SORTING = {"median", "median_low", "median_high", "median_grouped", "quantiles"}
_STR_LINEAR = {"find", "rfind", "index", "rindex", "count", "replace", "split", "rsplit", "splitlines",
               "lower", "upper", "strip", "lstrip", "rstrip", "encode", "decode", "translate",
               "partition", "rpartition", "casefold", "title", "capitalize", "swapcase", "expandtabs",
               "zfill", "center", "ljust", "rjust", "isdigit", "isalpha", "isalnum", "isspace"}
_HEAP_LOG = {heapq.heappush, heapq.heappop, heapq.heappushpop, heapq.heapreplace}
_MATMUL_NAMES = {"dot", "matmul", "inner", "vdot", "tensordot"}
_SORT_NAMES = {"sort", "argsort", "msort", "sort_values", "sort_index"}  # n log n, in compiled code
_BINARY_SEARCH_NAMES = {"searchsorted", "bucketize"}  # log n a query, not a walk of the sorted operand
_ONE_ELEMENT_NAMES = {"item", "get", "get_loc"}  # an element read, or a label looked up in an index (a hash)
UNPACKING_FREE_ARGS = 8


class _Counting:
    """Wraps an iterator handed to a C consumer so the items it pulls are charged."""

    __slots__ = ("iterator",)

    def __init__(self, iterable):
        self.iterator = iter(iterable)

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self.iterator)
        METER.charge(1)
        return item


def charge_call(function, *args, **kwargs):
    """Call ``function`` and charge what its C implementation does out of the tracer's sight."""
    position = _drained_iterator(function, args)
    if position is not None:
        args = args[:position] + (_Counting(args[position]),) + args[position + 1:]
    result = function(*args, **kwargs)
    METER.charge(_call_cost(function, args, kwargs, result) + _unpacking_cost(args))
    return result


def _drained_iterator(function, args):
    """Where among ``args`` an unsized iterator is that C code is about to drain (a consumer's, or what a list
    or deque is extended with), or None (``max(a, b)`` takes two values, not one)."""
    position = _CONSUMERS.get(function)
    if position is None and _is_extend(function):
        position = 0
    if position is None or len(args) <= position or _sized(args[position]) \
            or not hasattr(args[position], "__iter__"):
        return None
    return None if function in (builtins.min, builtins.max) and len(args) > 1 else position


def _is_extend(function):
    """A list's or deque's ``extend``/``extendleft``: it appends an iterable's items."""
    return getattr(function, "__name__", "") in _EXTENDS and isinstance(getattr(function, "__self__", None),
                                                                        (list, collections.deque))


def _unpacking_cost(args):
    """``f(*values)`` builds a tuple as long as ``values``: linear work whatever ``f`` is."""
    return len(args) if len(args) > UNPACKING_FREE_ARGS else 0


def _sized(value):
    return hasattr(value, "__len__")


def _call_cost(function, args, kwargs, result):
    if function is builtins.sorted:
        return _n_log_n(len(result))
    if function in _CONSUMERS:
        position = _CONSUMERS[function]
        return _size(args[position]) if len(args) > position and _sized(args[position]) else 0
    if function in _HEAP_LOG or function in _BISECTS:
        return math.log2(len(args[0]) + 1) if args and _sized(args[0]) else 0
    if function in _INSORTS:
        return _insort_cost(function, args, kwargs)
    if _is_extend(function):
        return _size(args[0]) if args and _sized(args[0]) else 0  # amortised: the items added
    owner = getattr(function, "__self__", None)
    name = getattr(function, "__name__", "")
    if isinstance(owner, list):
        return _list_method_cost(owner, name, args, result)
    if isinstance(owner, collections.deque) and name in ("index", "count", "remove", "insert", "rotate",
                                                         "copy", "reverse"):
        return len(owner)
    if isinstance(owner, (str, bytes)):
        if name == "join":
            return _size(result) + (len(args[0]) if args and _sized(args[0]) else 0)
        return len(owner) if name in _STR_LINEAR else 0
    if isinstance(owner, (dict, set, frozenset)) and name in ("copy", "update", "union", "intersection",
                                                              "difference", "symmetric_difference",
                                                              "issubset", "issuperset", "fromkeys"):
        return len(owner) + sum(_size(a) for a in args)
    if _is_array_callable(function, owner):
        return _array_cost(name, owner, args, result)
    if getattr(function, "__module__", None) == "statistics" and args and _sized(args[0]):
        if name in _STATISTICS_LINEAR:
            return _size(args[0])
        if name in _STATISTICS_SORTING:
            return _n_log_n(_size(args[0]))
    return 0


def _insort_cost(function, args, kwargs):
    """``insort(a, x)`` after the fact: the search, and the items after ``x``, which the insert moved."""
    if len(args) < 2 or not isinstance(args[0], list):
        return 0
    ordered, key = args[0], kwargs.get("key")
    probe = args[1] if key is None else key(args[1])
    after = len(ordered) - (bisect.bisect_right(ordered, probe, key=key) if function is bisect.insort_right
                            else bisect.bisect_left(ordered, probe, key=key) + 1)
    return math.log2(len(ordered)) + max(0, after)


def _list_method_cost(owner, name, args, result):
    if name == "sort":
        return _n_log_n(len(owner))
    if name == "insert":
        index = args[0] if args and isinstance(args[0], int) else 0
        return max(0, len(owner) - (index if index >= 0 else len(owner) + index))
    if name == "pop":
        if not args:
            return 0
        index = args[0] if isinstance(args[0], int) else -1
        return max(0, len(owner) - (index if index >= 0 else len(owner) + index + 1))
    if name in _LIST_LINEAR:
        return len(owner)
    return 0


# --- NumPy, PyTorch, pandas, SciPy and scikit-learn -----------------------

# Libraries whose calls do their work in compiled code, out of the tracer's sight.
_ARRAY_LIBRARIES = ("numpy", "torch", "pandas", "scipy", "sklearn")


def _elements(value):
    """The element count of a NumPy array, a PyTorch tensor or a pandas frame, series or index; None for
    anything else. The libraries are looked up, never imported: code that did not import one holds none of
    its values."""
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        return value.size
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return value.numel()
    if _is_labelled(value):
        return value.size
    return None


def _is_labelled(value):
    """A pandas DataFrame, Series or Index."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, (pandas.DataFrame, pandas.Series, pandas.Index))


def _is_array(value):
    return _elements(value) is not None


def _is_array_callable(function, owner):
    """A function, ufunc or method of one of ``_ARRAY_LIBRARIES``, or an array's method: its compiled code walks
    its operands."""
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(function, numpy.ufunc) or _is_array(owner):
        return True
    module = getattr(function, "__module__", None) or getattr(owner, "__module__", None) or ""
    return str(module).split(".", 1)[0] in _ARRAY_LIBRARIES


def _array_cost(name, owner, args, result):
    operands = ([owner] if _is_array(owner) else []) + [a for a in args if _is_array(a) or _sized(a)]
    if name in _MATMUL_NAMES and len(operands) >= 2:
        return _matmul_cost(operands[0], operands[1])
    if name in _SORT_NAMES and operands:
        return _n_log_n(_size(operands[0])) + _size(result)
    if name in _BINARY_SEARCH_NAMES:
        return _binary_search_cost(name, owner, args)
    if name in _ONE_ELEMENT_NAMES:
        return 1
    return sum(_size(a) for a in operands) + _size(result)


def _binary_search_cost(name, owner, args):
    """``a.searchsorted(v)``, ``searchsorted(a, v)`` or ``bucketize(v, a)``: log of ``a``'s size per value
    of ``v``."""
    if _is_array(owner):
        ordered, queries = owner, args[0] if args else None
    elif len(args) >= 2:
        ordered, queries = (args[1], args[0]) if name == "bucketize" else (args[0], args[1])
    else:
        return 0
    return max(1, _size(queries)) * math.log2(_size(ordered) + 1)


def _matmul_cost(left, right):
    a, b = _shape(left), _shape(right)
    if a is None or b is None:
        return 0
    if not a or not b:
        return max(math.prod(a), math.prod(b))
    inner = a[-1]
    return math.prod(a) * (math.prod(b) // max(1, inner)) if len(b) > 1 else math.prod(a)


def _shape(value):
    """An array's or tensor's shape; the shape NumPy gives nested lists; None without NumPy."""
    if _is_array(value):
        return tuple(value.shape)
    numpy = sys.modules.get("numpy")
    return None if numpy is None else numpy.shape(value)
