"""Code-quality score of a submission (one Python file) from static findings.

The candidate's code is hostile: it is never imported or executed. ruff lints it
as a subprocess reading stdin (``--isolated`` so no configuration file is read,
``--ignore-noqa`` so ``# noqa`` comments cannot hide findings); radon measures
complexity and size on the source text; one short ``ast`` check finds unclear
single-letter names and the entry point's docstring.

Penalties, in points per finding, each rule capped so that one repeated mistake
cannot zero the score (``score = max(0, 100 - sum of capped penalties)``):

=====================  ======  ===  =============================================
rule                   points  cap  what
=====================  ======  ===  =============================================
F821                   10      20   undefined name
F811                   5       10   redefinition of an unused name
E722                   5       10   bare ``except:``
B006                   5       10   mutable default argument
F401                   3       10   unused import
F841                   3       10   unused local variable
E741                   3       6    ambiguous name ``l``, ``O`` or ``I``
E711, E712             2       6    ``== None`` / ``== True`` (each rule capped)
N802, N803, N806       2       6    function / argument / variable not snake_case
N801                   2       4    class name not CapWords
complex-function       5 / 10  15   radon cyclomatic complexity > 10 / > 20
long-function          5       10   function or method spanning > 50 lines
missing-docstring      5       5    entry point (function, or class) undocumented
unclear-name           2       6    single-letter name, see ``unclear_names``
syntax-error           100     100  the code does not parse (score 0)
empty-code             100     100  no statements at all (score 0)
too-deeply-nested      100     100  nesting too deep for the analysers (score 0)
=====================  ======  ===  =============================================

Complexity comes from radon only (ruff's C901 is not selected), so one measure
serves both the finding and the ``max_cyclomatic`` metric. ``X`` and ``X_*``
(the usual name of a feature matrix) are exempt from the pep8-naming rules.
"""

import ast
import collections
import dataclasses
import json
import subprocess
import threading
import warnings

from radon.complexity import add_inner_blocks, cc_visit_ast
from radon.metrics import mi_visit
from radon.raw import analyze
from radon.visitors import Function

from server.errors import TechscreenError

RUFF_TIMEOUT_SECONDS = 10.0
MAX_COMPLEXITY = 10
VERY_COMPLEX = 20
MAX_FUNCTION_LINES = 50
ML_NAMES = '["X", "X_*"]'
CONVENTIONAL_SHORT_NAMES = frozenset("ijkmnxyzab")
SHORT_NAMES_BY_ROLE = {"except": frozenset("e"), "with": frozenset("f")}
EXEMPT_ROLES = frozenset({"loop", "lambda"})

# Parsing can emit warnings (e.g. invalid escape sequences); they are silenced
# while radon and ast parse. catch_warnings mutates process-wide state, so
# concurrent analyses (the judge runs a thread pool) take turns.
_PARSE_LOCK = threading.Lock()


class QualityCheckError(TechscreenError):
    """The code-quality check could not run (ruff missing, failing or too slow)."""


@dataclasses.dataclass(frozen=True)
class Rule:
    """How one kind of finding is charged.

    Attributes:
        source: The tool that reports it: "ruff", "radon" or "ast".
        penalty: Points per finding (a finding may carry its own, see complex-function).
        cap: Most points the rule can cost in total.
        label: Singular and plural noun phrase used in reasons.
        advice: Sentence appended to ruff's message to say what to do.
    """

    source: str
    penalty: float
    cap: float
    label: tuple[str, str]
    advice: str = ""


def _ruff(penalty: float, cap: float, label: tuple[str, str], advice: str) -> Rule:
    return Rule("ruff", penalty, cap, label, advice)


RULES: dict[str, Rule] = {
    "F821": _ruff(10, 20, ("undefined name", "undefined names"),
                  "The name is never defined, so this line fails when it runs."),
    "F811": _ruff(5, 10, ("redefinition of an unused name", "redefinitions of unused names"),
                  "The first definition is never used; delete or rename one of them."),
    "E722": _ruff(5, 10, ("bare except", "bare excepts"),
                  "Catch the exceptions you expect, e.g. `except ValueError:`."),
    "B006": _ruff(5, 10, ("mutable default argument", "mutable default arguments"),
                  "The default is shared between calls; default to None and create the object inside."),
    "F401": _ruff(3, 10, ("unused import", "unused imports"), "Remove imports the solution does not use."),
    "F841": _ruff(3, 10, ("unused variable", "unused variables"), "Remove the assignment or use the value."),
    "E741": _ruff(3, 6, ("ambiguous name (l, O, I)", "ambiguous names (l, O, I)"),
                  "These letters look like 1 and 0; choose a descriptive name."),
    "E711": _ruff(2, 6, ("comparison to None with ==", "comparisons to None with =="),
                  "Use `is None` or `is not None`."),
    "E712": _ruff(2, 6, ("comparison to True/False with ==", "comparisons to True/False with =="),
                  "Test the value itself, e.g. `if done:` or `if not done:`."),
    "N802": _ruff(2, 6, ("function name not in snake_case", "function names not in snake_case"),
                  "Name functions in snake_case, e.g. `moving_average`."),
    "N803": _ruff(2, 6, ("argument name not in snake_case", "argument names not in snake_case"),
                  "Name arguments in snake_case, e.g. `window_size`."),
    "N806": _ruff(2, 6, ("variable name not in snake_case", "variable names not in snake_case"),
                  "Name variables in snake_case, e.g. `total_loss`."),
    "N801": _ruff(2, 4, ("class name not in CapWords", "class names not in CapWords"),
                  "Name classes in CapWords, e.g. `RunningMean`."),
    "complex-function": Rule("radon", 5, 15, ("overly complex function", "overly complex functions")),
    "long-function": Rule("radon", 5, 10, ("overly long function", "overly long functions")),
    "missing-docstring": Rule("ast", 5, 5, ("entry point without a docstring", "entry points without a docstring")),
    "unclear-name": Rule("ast", 2, 6, ("unclear single-letter name", "unclear single-letter names")),
    "syntax-error": Rule("ast", 100, 100, ("syntax error", "syntax errors")),
    "empty-code": Rule("ast", 100, 100, ("empty submission", "empty submissions")),
    "too-deeply-nested": Rule("ast", 100, 100, ("construct nested too deeply", "constructs nested too deeply")),
}
RUFF_CODES = tuple(code for code, rule in RULES.items() if rule.source == "ruff")


@dataclasses.dataclass(frozen=True)
class Finding:
    """One thing that cost (or, once its rule's cap is reached, would have cost) points.

    Attributes:
        rule: Rule id, a ruff code ("F401") or one of ours ("long-function").
        line: 1-based line the finding is about.
        message: A plain sentence for the candidate.
        penalty: Points actually charged for it, after the rule's cap.
        source: "ruff", "radon" or "ast".
    """

    rule: str
    line: int
    message: str
    penalty: float
    source: str

    def as_json(self) -> dict:
        """Return the finding as a JSON-serialisable dict."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class QualityReport:
    """The code-quality component of a submission.

    Attributes:
        score: 0 to 100, rounded to one decimal.
        findings: Every finding, ordered by line.
        metrics: max_cyclomatic and longest_function_lines (0 without functions), functions
            (methods and nested functions included), lines_of_code (radon's SLOC: no blank,
            comment or docstring lines) and maintainability_index (radon, 0 to 100).
        reasons: One sentence per rule that cost points, largest first, e.g. "-6: 2 unused imports".
    """

    score: float
    findings: tuple[Finding, ...]
    metrics: dict
    reasons: tuple[str, ...]

    def as_json(self) -> dict:
        """Return the report as a JSON-serialisable dict."""
        return {"score": self.score, "findings": [finding.as_json() for finding in self.findings],
                "metrics": dict(self.metrics), "reasons": list(self.reasons)}


def analyse_code(code: str, entry_point: str) -> QualityReport:
    """Score the quality of a submission without importing or running it.

    Args:
        code: The candidate's solution.py source.
        entry_point: Name of the function or class the problem calls.

    Returns:
        The score, its findings, the size and complexity metrics, and the reasons.

    Raises:
        QualityCheckError: ruff is missing, fails, or exceeds RUFF_TIMEOUT_SECONDS.
    """
    try:
        tree, functions, metrics = _parse_and_measure(code)
    except (SyntaxError, ValueError) as error:  # ValueError: null bytes, unencodable characters
        line = getattr(error, "lineno", None) or 1
        reason = getattr(error, "msg", str(error))
        return _fatal("syntax-error", line, f"Python cannot parse the code: {reason} (line {line}).")
    except RecursionError:
        return _fatal("too-deeply-nested", 1, "The code nests too deeply to be analysed "
                      "(e.g. a very long elif chain); restructure it with a loop or a lookup table.")
    if not tree.body:
        return _fatal("empty-code", 1, "The submission contains no code.")
    findings = [*_ruff_findings(code), *_complexity_findings(functions), *_length_findings(functions),
                *_docstring_findings(tree, entry_point), *_unclear_name_findings(tree)]
    return _report(findings, metrics)


def _parse_and_measure(code: str) -> tuple[ast.Module, list[Function], dict]:
    with _PARSE_LOCK, warnings.catch_warnings(action="ignore"):
        tree = ast.parse(code, filename="solution.py")
        functions = [block for block in add_inner_blocks(cc_visit_ast(tree)) if isinstance(block, Function)]
        maintainability = mi_visit(code, multi=True)
    metrics = {
        "max_cyclomatic": max((function.complexity for function in functions), default=0),
        "longest_function_lines": max((_span(function) for function in functions), default=0),
        "functions": len(functions),
        "lines_of_code": analyze(code).sloc,
        "maintainability_index": round(maintainability, 1),
    }
    return tree, functions, metrics


def _span(function: Function) -> int:
    return function.endline - function.lineno + 1


def _ruff_findings(code: str) -> list[Finding]:
    command = [_ruff_binary(), "check", "--isolated", "--select", ",".join(RUFF_CODES),
               "--config", f"lint.pep8-naming.extend-ignore-names={ML_NAMES}", "--ignore-noqa",
               "--output-format", "json", "--stdin-filename", "solution.py", "--target-version", "py311",
               "--no-cache", "--exit-zero", "-"]
    try:
        completed = subprocess.run(command, input=code, capture_output=True, text=True, encoding="utf-8",
                                   timeout=RUFF_TIMEOUT_SECONDS, check=False)
        if completed.returncode != 0:
            raise QualityCheckError(f"ruff failed (exit {completed.returncode}): {completed.stderr.strip()[:500]}")
        diagnostics = json.loads(completed.stdout)
    except subprocess.TimeoutExpired as error:
        raise QualityCheckError(f"ruff did not finish within {RUFF_TIMEOUT_SECONDS:g} s") from error
    except (OSError, json.JSONDecodeError) as error:
        raise QualityCheckError(f"ruff could not be run: {error}") from error
    return [_ruff_finding(diagnostic) for diagnostic in diagnostics if diagnostic.get("code") in RUFF_CODES]


def _ruff_binary() -> str:
    try:
        from ruff import find_ruff_bin

        return find_ruff_bin()
    except (ImportError, FileNotFoundError) as error:
        raise QualityCheckError("ruff is not installed; install the techscreen package's dependencies") from error


def _ruff_finding(diagnostic: dict) -> Finding:
    rule = RULES[diagnostic["code"]]
    message = f"{diagnostic['message'].rstrip('.')}. {rule.advice}"
    return Finding(diagnostic["code"], diagnostic["location"]["row"], message, rule.penalty, "ruff")


def _complexity_findings(functions: list[Function]) -> list[Finding]:
    return [Finding("complex-function", function.lineno,
                    f"`{function.fullname}` has cyclomatic complexity {function.complexity} "
                    f"(limit {MAX_COMPLEXITY}); split it into smaller functions.",
                    10 if function.complexity > VERY_COMPLEX else 5, "radon")
            for function in functions if function.complexity > MAX_COMPLEXITY]


def _length_findings(functions: list[Function]) -> list[Finding]:
    return [Finding("long-function", function.lineno,
                    f"`{function.fullname}` spans {_span(function)} lines (limit {MAX_FUNCTION_LINES}); "
                    "move steps into helper functions.", RULES["long-function"].penalty, "radon")
            for function in functions if _span(function) > MAX_FUNCTION_LINES]


def _docstring_findings(tree: ast.Module, entry_point: str) -> list[Finding]:
    definitions = [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                   and node.name == entry_point]
    if not definitions or ast.get_docstring(definitions[-1]):  # the last definition is the one that runs
        return []
    node = definitions[-1]
    what = "class" if isinstance(node, ast.ClassDef) else "function"
    return [Finding("missing-docstring", node.lineno,
                    f"The entry point {what} `{entry_point}` has no docstring; say what it does, "
                    "what it takes and what it returns.", RULES["missing-docstring"].penalty, "ast")]


def _unclear_name_findings(tree: ast.Module) -> list[Finding]:
    """Single lowercase letters bound as parameters or variables, each name reported once.

    Loop and comprehension targets and lambda parameters may be any letter; elsewhere
    i, j, k, m, n, x, y, z, a, b are conventional, as are e for an exception and f
    for a `with` target. l is left to E741, capitals to pep8-naming; _ is fine.
    """
    reported: dict[str, int] = {}
    for name, line, role in sorted(_single_letter_bindings(tree), key=lambda binding: binding[1]):
        allowed = CONVENTIONAL_SHORT_NAMES | SHORT_NAMES_BY_ROLE.get(role, frozenset())
        if role not in EXEMPT_ROLES and name not in allowed and name != "l":
            reported.setdefault(name, line)
    return [Finding("unclear-name", line, f"`{name}` does not say what it holds; use a descriptive name.",
                    RULES["unclear-name"].penalty, "ast") for name, line in reported.items()]


def _single_letter_bindings(tree: ast.Module) -> list[tuple[str, int, str]]:
    roles = _binding_roles(tree)
    bindings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            bindings.append((node.arg, node.lineno, roles.get(id(node), "parameter")))
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bindings.append((node.id, node.lineno, roles.get(id(node), "variable")))
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bindings.append((node.name, node.lineno, "except"))
    return [(name, line, role) for name, line, role in bindings if len(name) == 1 and name.islower()]


def _binding_roles(tree: ast.Module) -> dict[int, str]:
    """Map id() of the name nodes bound by loops, `with ... as` and lambdas to that role."""
    owners: list[tuple[ast.AST | None, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            owners.append((node.target, "loop"))
        elif isinstance(node, ast.withitem):
            owners.append((node.optional_vars, "with"))
        elif isinstance(node, ast.Lambda):
            owners.append((node.args, "lambda"))
    return {id(bound): role for owner, role in owners if owner is not None for bound in ast.walk(owner)}


def _fatal(rule: str, line: int, message: str) -> QualityReport:
    metrics = {"max_cyclomatic": 0, "longest_function_lines": 0, "functions": 0, "lines_of_code": 0,
               "maintainability_index": 0.0}
    return _report([Finding(rule, line, message, RULES[rule].penalty, RULES[rule].source)], metrics)


def _report(findings: list[Finding], metrics: dict) -> QualityReport:
    by_rule: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in sorted(findings, key=lambda finding: finding.line):
        by_rule[finding.rule].append(finding)
    charged = [finding for rule, group in by_rule.items() for finding in _charge(group, RULES[rule].cap)]
    reasons = sorted((_reason(rule, group) for rule, group in by_rule.items()), key=lambda reason: -reason[0])
    score = max(0.0, 100.0 - sum(finding.penalty for finding in charged))
    return QualityReport(round(score, 1), tuple(sorted(charged, key=lambda finding: (finding.line, finding.rule))),
                         metrics, tuple(text for _, text in reasons))


def _charge(group: list[Finding], cap: float) -> list[Finding]:
    """Charge findings in line order until the rule's cap is spent; later ones cost 0."""
    charged, spent = [], 0.0
    for finding in group:
        points = min(finding.penalty, cap - spent)
        spent += points
        charged.append(dataclasses.replace(finding, penalty=points))
    return charged


def _reason(rule: str, group: list[Finding]) -> tuple[float, str]:
    nominal = sum(finding.penalty for finding in group)
    points = min(nominal, RULES[rule].cap)
    singular, plural = RULES[rule].label
    text = f"-{points:g}: {len(group)} {singular if len(group) == 1 else plural}"
    return points, text + (f" (capped at {points:g})" if nominal > points else "")
