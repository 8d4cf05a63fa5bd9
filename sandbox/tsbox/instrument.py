"""Rewrite candidate code so that C-level work passes through ``meter``'s charges.

Only for complexity measurement, never for judging. The rewrite keeps line
numbers and semantics: ``a in b`` becomes ``__ts_contains__(a, b)``,
``x[i:j]`` becomes ``__ts_slice__(x, slice(i, j))``, arithmetic goes through
``__ts_binop__``, augmented assignment to simple targets through
``__ts_inplace__``, and calls (except ``super()``, which needs its frame)
through ``__ts_call__``. Constructs that cannot hide linear work are left
alone, because every wrapper costs time: arithmetic with a number literal
(``i += 1``, ``n // 2``) and calls of constant-time builtins (``len``,
``range``, ``abs``, ...). Work hidden elsewhere still shows up in the CPU
time cross-check.
"""

import ast
import operator
from copy import deepcopy

from tsbox import meter

HELPERS = {
    "__ts_contains__": meter.charge_contains,
    "__ts_slice__": meter.charge_slice,
    "__ts_binop__": meter.charge_binop,
    "__ts_inplace__": meter.charge_inplace,
    "__ts_call__": meter.charge_call,
    "__ts_operator__": operator,
}
_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.MatMult: "matmul", ast.Div: "truediv",
           ast.FloorDiv: "floordiv", ast.Mod: "mod", ast.Pow: "pow"}
# Builtins whose cost does not grow with a container (called by name, not shadowed or traced).
CONSTANT_TIME_CALLS = {"len", "range", "abs", "int", "float", "bool", "isinstance", "issubclass", "enumerate",
                       "zip", "round", "divmod", "hash", "id", "type", "iter", "next", "chr", "ord", "callable",
                       "reversed", "map", "filter", "slice", "object", "property", "staticmethod", "classmethod"}
_INPLACE = {ast.Add: "iadd", ast.Sub: "isub", ast.Mult: "imul", ast.MatMult: "imatmul",
            ast.Div: "itruediv", ast.FloorDiv: "ifloordiv", ast.Mod: "imod", ast.Pow: "ipow"}


def _helper(name, args, node, keywords=()):
    call = ast.Call(func=ast.Name(name, ast.Load()), args=list(args), keywords=list(keywords))
    return ast.copy_location(call, node)


def _operator(name, node):
    return ast.copy_location(ast.Attribute(ast.Name("__ts_operator__", ast.Load()), name, ast.Load()), node)


def _number(node):
    return isinstance(node, ast.Constant) and type(node.value) in (int, float, complex, bool)


def _simple(node):
    """A target whose re-evaluation has no side effects: names, constants, attributes of them."""
    if isinstance(node, (ast.Name, ast.Constant)):
        return True
    if isinstance(node, ast.Attribute):
        return _simple(node.value)
    if isinstance(node, ast.Subscript):
        return _simple(node.value) and _simple(node.slice)
    return False


def _as_load(target):
    """The same target read instead of written (only its outermost node has a Store context)."""
    copy = deepcopy(target)
    copy.ctx = ast.Load()
    return copy


class Instrumenter(ast.NodeTransformer):
    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            call = _helper("__ts_contains__", [node.left, node.comparators[0]], node)
            if isinstance(node.ops[0], ast.NotIn):
                return ast.copy_location(ast.UnaryOp(ast.Not(), call), node)
            return call
        return node

    def visit_Subscript(self, node):
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load) and isinstance(node.slice, ast.Slice):
            bounds = [part or ast.Constant(None) for part in (node.slice.lower, node.slice.upper, node.slice.step)]
            return _helper("__ts_slice__", [node.value, _helper("slice", bounds, node)], node)
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        name = _BINARY.get(type(node.op))
        if name is None or _number(node.left) or _number(node.right):
            return node
        return _helper("__ts_binop__", [_operator(name, node), node.left, node.right], node)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        name = _INPLACE.get(type(node.op))
        if name is None or _number(node.value) or not _simple(node.target):
            return node
        value = _helper("__ts_inplace__", [_operator(name, node), _as_load(node.target), node.value], node)
        return ast.copy_location(ast.Assign(targets=[node.target], value=value), node)

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and (node.func.id == "super" or node.func.id in CONSTANT_TIME_CALLS):
            return node
        return _helper("__ts_call__", [node.func, *node.args], node, node.keywords)


def instrumented_code(source, filename):
    """Compile ``source`` with the charges woven in."""
    tree = Instrumenter().visit(ast.parse(source, filename))
    return compile(ast.fix_missing_locations(tree), filename, "exec")
