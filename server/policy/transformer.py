"""Our policy as a subclass of RestrictedPython's transformer.

RestrictedPython's default policy is built for running untrusted code inside
the same interpreter, so it refuses much ordinary code (``self._total = 0``,
``self.x += 1``, ``nonlocal``, ``match``, dataclass fields, dunder methods).
Our wall is the container; this is a lint that explains itself. We keep its
node-by-node review (an AST node it does not know is refused) and relax what
ordinary solutions need, adding the import allow-list and the refusals in
``rules``. Findings carry line and column.
"""

import ast

from RestrictedPython.transformer import RestrictingNodeTransformer

from server.policy import rules


class CandidatePolicy(RestrictingNodeTransformer):
    """Collects ``(line, column, message)`` for code a candidate may not submit."""

    def __init__(self, allowed_imports: frozenset[str]):
        super().__init__()
        self.allowed_imports = allowed_imports
        self.findings: list[tuple[int, int, str]] = []

    def error(self, node: ast.AST, info: str) -> None:
        self.findings.append((getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1, info))

    # Names and attributes: single underscores are fine, most dunders are not.

    def check_name(self, node, name, allow_magic_methods=False) -> None:
        if name is not None and rules.is_dunder(name) and name not in rules.ALLOWED_DUNDERS:
            self.error(node, f"`{name}` is not allowed: double-underscore names reach Python's internals")

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in rules.FORBIDDEN_BUILTINS:
            self.error(node, rules.FORBIDDEN_BUILTINS[node.id])
        self.check_name(node, node.id)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if rules.is_dunder(node.attr) and node.attr not in rules.ALLOWED_DUNDERS:
            self.error(node, f"`.{node.attr}` is not allowed: double-underscore attributes reach Python's internals")
        elif node.attr in rules.INTROSPECTION_ATTRIBUTES:
            self.error(node, f"`.{node.attr}` is not allowed: frame and code introspection is off limits")
        return self.node_contents_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        return self.node_contents_visit(node)  # calls by name (getattr and the like): see ``reach``

    # Imports: only the problem's allow-list.

    def _check_module(self, node: ast.AST, module: str | None, level: int = 0) -> None:
        if level:
            self.error(node, "relative imports are not available: there is only solution.py")
            return
        top = (module or "").split(".")[0]
        if top != "__future__" and top not in self.allowed_imports:
            allowed = ", ".join(sorted(self.allowed_imports))
            self.error(node, f"`import {module}` is not allowed in this problem; allowed modules: {allowed}")

    def visit_Import(self, node: ast.Import) -> ast.AST:
        for alias in node.names:
            self._check_module(node, alias.name)
            self.check_name(node, alias.asname)
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        self._check_module(node, node.module, node.level)
        for alias in node.names:
            self.check_name(node, alias.asname or alias.name)
        return node

    # Definitions: no rewriting needed, as this tree is never compiled.

    def visit_Module(self, node: ast.Module) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.check_name(node, node.name)
        self.check_function_argument_names(node)
        return self.node_contents_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        self.check_name(node, node.name)
        return self.node_contents_visit(node)

    def _allow(self, node: ast.AST) -> ast.AST:
        return self.node_contents_visit(node)

    # Statements RestrictedPython refuses but ordinary code uses.
    visit_AugAssign = _allow
    visit_AnnAssign = _allow
    visit_Nonlocal = _allow
    visit_TryStar = _allow
    visit_Await = _allow
    visit_AsyncFor = _allow
    visit_AsyncWith = _allow
    visit_Match = _allow
    visit_match_case = _allow
    visit_MatchValue = _allow
    visit_MatchSingleton = _allow
    visit_MatchSequence = _allow
    visit_MatchMapping = _allow
    visit_MatchClass = _allow
    visit_MatchOr = _allow

    def visit_MatchAs(self, node: ast.MatchAs) -> ast.AST:
        self.check_name(node, node.name)
        return self.node_contents_visit(node)

    def visit_MatchStar(self, node: ast.MatchStar) -> ast.AST:
        self.check_name(node, node.name)
        return self.node_contents_visit(node)
