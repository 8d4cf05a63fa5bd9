"""The roads around the attribute check: reaching attributes the syntax tree does not spell out.

``CandidatePolicy`` refuses ``obj.__class__``. This pass refuses the other ways in:

- attributes of imported modules that are private (``random._os``), modules the
  problem does not allow (``typing.sys``, ``dataclasses.inspect``) or refused
  entry points (``np.loadtxt``, ``typing.get_type_hints``), followed on the host
  (``modules``); modules used as values (``m = random``); library objects changed
  (``np.x = 1``); ``from m import *``;
- ``getattr``, ``setattr``, ``delattr``, ``hasattr``, ``operator.attrgetter`` and
  ``operator.methodcaller`` anywhere but called directly, with the attribute
  name written as a literal ordinary name (so not ``g = getattr``,
  ``getattr(*args)``, ``reduce(getattr, ...)``);
- format strings whose fields read attributes or items (``'{0.__class__}'.format(x)``),
  and ``.format`` with arguments on anything but a string literal;
- class patterns reading internal or private attributes (``case object(__class__=c)``);
- annotations that are more than a type's name: a string with code in it
  (``def f(x: "open('/etc/passwd')")``), or a name or call that holds or makes
  one (``P = "..."``, then ``def f(x: P)``): ``typing.get_type_hints`` and
  ``functools.singledispatch`` evaluate strings in annotations;
- rebinding a name that an import or one of the functions above owns, which
  would turn all of the above into guesswork.
"""

import ast
import sys
import types

from server.policy import modules, rules
from server.policy.formats import reaching_fields
from server.policy.modules import MISSING


def _chain(node: ast.AST) -> tuple[ast.Name | None, list[str]]:
    """``a.b.c`` as (``a``, ["b", "c"]); (None, []) when the chain does not start at a name."""
    attributes = []
    while isinstance(node, ast.Attribute):
        attributes.append(node.attr)
        node = node.value
    return (node, attributes[::-1]) if isinstance(node, ast.Name) else (None, [])


def _name_refusal(name: str) -> str | None:
    """Why an attribute given by name (to getattr and the like, or in a class pattern) is refused."""
    if rules.is_dunder(name):
        return "reaches Python's internals"
    if rules.is_private(name):
        return "reaches a private attribute; use ordinary names"
    if name in rules.INTROSPECTION_ATTRIBUTES:
        return "is frame introspection"
    if name in rules.FORMAT_METHODS:
        return "reaches string formatting, whose fields read attributes by name"
    if name in rules.REFUSED_ATTRIBUTES:
        return f"is not allowed: {rules.REFUSED_ATTRIBUTES[name]}"
    return None


# What a string annotation may contain: a type's name, dotted, subscripted, or joined with |.
_TYPE_NODES = (ast.Expression, ast.Name, ast.Attribute, ast.Subscript, ast.Tuple, ast.List, ast.Constant,
               ast.BinOp, ast.BitOr, ast.Load)


def _is_type_part(node: ast.AST) -> bool:
    return isinstance(node, _TYPE_NODES) and not (isinstance(node, ast.BinOp) and not isinstance(node.op, ast.BitOr))


def _names_a_type(text: str) -> bool:
    """Whether ``text``, evaluated as an annotation, only names a type (``"Node"``, ``"list[Node] | None"``)."""
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError):
        return True  # evaluating it fails before it runs anything
    # A private class of the module's own (``"_Node"``) is a type's name; a private attribute or a dunder name
    # reaches past the module's own names (which the checks of the code itself do not see in a string).
    return _is_type_expression(tree) and not any(
        isinstance(node, ast.Name) and node.id.startswith("__") or (
            isinstance(node, ast.Attribute) and node.attr.startswith("_")) for node in ast.walk(tree))


def _is_type_expression(tree: ast.AST) -> bool:
    """Only names, attributes, subscripts and ``|``, and strings in it (forward references, evaluated in turn)
    that name types."""
    return all(_is_type_part(node) and not (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and not _names_a_type(node.value))
        for node in ast.walk(tree))


# Calls whose result is a type an annotation may name.
_TYPE_MAKERS = {"TypeVar", "NewType", "ParamSpec", "TypeVarTuple", "NamedTuple", "TypedDict", "namedtuple"}


def _names_in(text: str) -> set[str]:
    """The names a string annotation (that names a type) mentions, in nested strings too."""
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names |= _names_in(node.value)
    return names


def _binds_a_type(node: ast.AST, assigned: ast.AST | None) -> bool:
    """Whether a binding (from ``_rebindings``; ``assigned`` the value when it is an assignment) gives its name
    a type, never a string that typing would evaluate: a class or function of the module's, a type expression,
    a type alias (``"list[Node]"``) or a ``TypeVar``."""
    if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return True
    if assigned is None:
        return False  # a parameter, a loop variable, a with or except target: any value at all
    if isinstance(assigned, ast.Call):
        maker = assigned.func.attr if isinstance(assigned.func, ast.Attribute) else getattr(assigned.func, "id", "")
        return maker in _TYPE_MAKERS
    return _is_type_expression(assigned)


def _rebindings(tree: ast.AST):
    """Every place a name is bound other than by an import: ``(name, node)``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            yield node.id, node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name, node
        elif isinstance(node, ast.arg):
            yield node.arg, node
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            yield node.name, node
        elif isinstance(node, ast.MatchMapping) and node.rest:
            yield node.rest, node


class ReachCheck(ast.NodeVisitor):
    """Collects ``(line, column, message)``; run it on a tree nothing has rewritten."""

    def __init__(self, allowed_imports: frozenset[str]):
        self.allowed = allowed_imports
        self.findings: list[tuple[int, int, str]] = []
        self.imported: dict[str, str] = {}  # name -> the dotted path its import binds
        self.modules: set[str] = set()  # names bound to modules
        self.calls: dict[int, ast.Call] = {}  # id(function expression) -> its call
        self.constants: dict[str, str] = {}  # names bound once, to a string literal (format templates)
        self.bindings: dict[str, list[tuple[ast.AST, ast.AST | None]]] = {}  # name -> (binding, value assigned)

    def error(self, node: ast.AST, message: str) -> None:
        self.findings.append((node.lineno, node.col_offset + 1, message))

    def check(self, tree: ast.AST) -> None:
        rebindings = list(_rebindings(tree))
        self._collect_imports(tree)
        self._check_rebindings(rebindings)
        self._collect_constants(tree, rebindings)
        assigned = {id(target): node.value for node in ast.walk(tree)
                    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
                    for target in getattr(node, "targets", [getattr(node, "target", None)])}
        for name, node in rebindings:
            self.bindings.setdefault(name, []).append((node, assigned.get(id(node))))
        self.calls = {id(node.func): node for node in ast.walk(tree) if isinstance(node, ast.Call)}
        self.visit(tree)

    # What imports bind, and where those names are bound again.

    def _collect_imports(self, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.asname or alias.name.partition(".")[0]
                    self._bind(node, name, alias.name if alias.asname else name, module=True)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                for alias in node.names:
                    if alias.name != "*":
                        self._bind(node, alias.asname or alias.name, f"{node.module}.{alias.name}")

    def _bind(self, node: ast.AST, name: str, dotted: str, module: bool = False) -> None:
        if self.imported.get(name, dotted) != dotted:
            self.error(node, f"`{name}` is imported twice as different things; give each its own name")
        self.imported[name] = dotted
        if module or isinstance(modules.resolve(dotted), types.ModuleType):
            self.modules.add(name)

    def _accessor(self, dotted: str) -> str | None:
        if dotted in rules.ATTRIBUTE_ACCESSORS:
            return dotted
        return modules.accessors().get(id(modules.resolve(dotted)))

    def _check_rebindings(self, rebindings: list[tuple[str, ast.AST]]) -> None:
        for name, node in rebindings:
            if name in self.modules or (name in self.imported and self._accessor(self.imported[name])):
                self.error(node, f"`{name}` is bound by an import here; give this other thing another name")
            elif name in rules.ATTRIBUTE_BUILTINS:
                self.error(node, f"`{name}` is a builtin that reads attributes by name; do not rebind it")
            elif name in self.imported:  # shadowed somewhere: no longer known to be the imported object
                del self.imported[name]

    def _collect_constants(self, tree: ast.AST, rebindings: list[tuple[str, ast.AST]]) -> None:
        bindings: dict[str, int] = {}
        for name, _ in rebindings:
            bindings[name] = bindings.get(name, 0) + 1
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                    and bindings.get(node.targets[0].id) == 1):
                self.constants[node.targets[0].id] = node.value.value

    # Imports.

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            top, *attributes = alias.name.split(".")
            if top in self.allowed:
                self._follow(node, top, top, attributes)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module or node.module.partition(".")[0] not in self.allowed:
            return  # the transformer refuses these imports
        if any(alias.name == "*" for alias in node.names):
            self.error(node, f"`from {node.module} import *` is not allowed here: import the names you use")
            return
        top, *attributes = node.module.split(".")
        for alias in node.names:
            self._follow(node, top, top, attributes + [alias.name])

    # Names and attribute chains from imports.

    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            return
        if node.id in self.imported:
            self._check_use(node, node.id, self.imported[node.id], node.id in self.modules)
        elif node.id in rules.ATTRIBUTE_BUILTINS and id(node) not in self.calls:
            self.error(node, f"`{node.id}` can only be called directly, as in {node.id}(obj, 'name')")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        root, attributes = _chain(node)
        if root is None or root.id not in self.imported:
            if node.attr in rules.FORMAT_METHODS:
                self._check_format(node)
            elif node.attr in rules.REFUSED_ATTRIBUTES:
                self.error(node, f"`.{node.attr}` is not allowed: {rules.REFUSED_ATTRIBUTES[node.attr]}")
            self.generic_visit(node)
            return
        dotted = self.imported[root.id]
        value = self._follow(node, root.id, dotted, attributes)
        if value is not None:
            shown = ".".join([root.id, *attributes])
            self._check_use(node, shown, f"{dotted}.{'.'.join(attributes)}", isinstance(value, types.ModuleType))

    def _follow(self, node: ast.AST, shown: str, dotted: str, attributes: list[str]) -> object:
        """Check each step of ``dotted.attributes``; report the first refused one.

        Returns what the whole chain is on the host (``MISSING`` when unknown), or None when refused.
        """
        value = modules.resolve(dotted)
        for attribute in attributes:
            if rules.is_dunder(attribute):
                return None  # the transformer decides on dunder attributes
            shown, dotted = f"{shown}.{attribute}", f"{dotted}.{attribute}"
            message, value = self._step(shown, dotted, attribute)
            if message:
                self.error(node, message)
                return None
        return value

    def _step(self, shown: str, dotted: str, attribute: str) -> tuple[str | None, object]:
        if rules.is_private(attribute):
            return f"`{shown}` is private to the library: use its public names", MISSING
        reason = (rules.REFUSED_MODULES.get(dotted) or rules.REFUSED_ENTRY_POINTS.get(dotted)
                  or rules.REFUSED_ATTRIBUTES.get(attribute))
        if reason:
            return f"`{shown}` is not allowed: {reason}", MISSING
        value = modules.resolve(dotted)
        if value is MISSING:
            if attribute in sys.stdlib_module_names and attribute not in self.allowed:
                return self._module_refused(shown, attribute), MISSING
            return None, MISSING
        reason = modules.refusal(value)
        if reason:
            return f"`{shown}` is not allowed: {reason}", MISSING
        if isinstance(value, types.ModuleType) and value.__name__.partition(".")[0] not in self.allowed:
            return self._module_refused(shown, value.__name__), MISSING
        return None, value

    @staticmethod
    def _module_refused(shown: str, module: str) -> str:
        return f"`{shown}` is the module `{module}`, which this problem does not allow"

    def _check_use(self, node: ast.Name | ast.Attribute, shown: str, dotted: str, is_module: bool) -> None:
        """An imported thing may be read, and called; a module only through its attributes."""
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.error(node, f"`{shown}` belongs to an imported library and cannot be changed here")
        elif self._accessor(dotted) and id(node) not in self.calls:
            self.error(node, f"`{shown}` can only be called directly, with literal attribute names")
        elif is_module:
            self.error(node, f"`{shown}` is a module: use what it contains (`{shown}.name`), not the module itself")

    # Functions that take attribute names as strings.

    def visit_Call(self, node: ast.Call) -> None:
        accessor = self._call_accessor(node.func)
        if accessor is None:
            self.generic_visit(node)
            return
        if isinstance(node.func, ast.Attribute):
            root, attributes = _chain(node.func)
            self._follow(node.func, root.id, self.imported[root.id], attributes)
        self._check_accessor_call(node, accessor)
        for child in [*node.args, *node.keywords]:
            self.visit(child)

    def _call_accessor(self, function: ast.AST) -> str | None:
        root, attributes = _chain(function)
        if root is None:
            return None
        if root.id in self.imported:
            return self._accessor(".".join([self.imported[root.id], *attributes]))
        if not attributes and root.id in rules.ATTRIBUTE_BUILTINS:
            return root.id
        return None

    def _check_accessor_call(self, node: ast.Call, accessor: str) -> None:
        label = accessor.rpartition(".")[2]
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            self.error(node, f"`{label}` needs its arguments written out, not unpacked with * or **")
            return
        position = rules.ATTRIBUTE_ACCESSORS[accessor]
        for argument in node.args if position is None else node.args[position:position + 1]:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                self.error(node, f"`{label}` needs the attribute name as a literal string here")
                return
            parts = argument.value.split(".") if label == "attrgetter" else [argument.value]
            for reason in filter(None, map(_name_refusal, parts)):
                self.error(node, f"`{label}(..., {argument.value!r})` {reason}")
                return

    # Format strings and class patterns.

    def _check_format(self, node: ast.Attribute) -> None:
        receiver = node.value
        template = receiver.value if isinstance(receiver, ast.Constant) else (
            self.constants.get(receiver.id) if isinstance(receiver, ast.Name) else None)
        if isinstance(template, str):
            fields = reaching_fields(template)
            if fields:
                self.error(node, f"the format field `{{{fields[0]}}}` reads into a value by name; format the "
                                 f"value itself, as in '{{}}'.format(x.name), or use an f-string")
            return
        call = self.calls.get(id(node))
        if call is None or call.args or call.keywords:
            self.error(node, f"`.{node.attr}(...)` is only allowed on a string literal, as in "
                             f"'{{:.2f}}'.format(x); use an f-string otherwise (and give a method of "
                             f"your own called `{node.attr}` another name)")

    def _check_annotation(self, annotation: ast.AST | None) -> None:
        for node in ast.walk(annotation) if annotation is not None else ():
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if not _names_a_type(node.value):
                    self.error(node, f"the string annotation {node.value!r} is code, not a type's name; "
                                     f"annotations may only name types, as in \"Node\" or \"list[Node]\"")
                for name in _names_in(node.value):
                    self._check_annotation_name(node, name)
            elif not _is_type_part(node):
                self.error(node, f"the annotation `{ast.unparse(annotation)}` is code, not a type; annotations "
                                 f"may only name types, as in Node or list[Node]")
                return
            elif isinstance(node, ast.Name):
                self._check_annotation_name(node, node.id)
            elif isinstance(node, ast.Attribute) and (root := _chain(node)[0]) is not None \
                    and root.id not in self.imported:
                self.error(node, f"the annotation reads `{ast.unparse(node)}`, an attribute of `{root.id}`; "
                                 f"annotations may name an imported module's types (np.ndarray) or this code's "
                                 f"classes by their own name")

    def _check_annotation_name(self, node: ast.AST, name: str) -> None:
        """Typing evaluates a string an annotation's name holds: the name must hold a type."""
        if not all(_binds_a_type(*binding) for binding in self.bindings.get(name, ())):
            self.error(node, f"the annotation names `{name}`, which this code binds to something other than a "
                             f"type; annotations may only name types (a class, an import, an alias such as "
                             f"`Vector = list[float]`)")

    def visit_arg(self, node: ast.arg) -> None:
        self._check_annotation(node.annotation)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._check_annotation(node.returns)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._check_annotation(node.annotation)
        self.generic_visit(node)

    def visit_MatchClass(self, node: ast.MatchClass) -> None:
        for name in node.kwd_attrs:
            reason = _name_refusal(name)
            if reason:
                self.error(node, f"the class pattern's `{name}=` {reason}")
        self.generic_visit(node)
