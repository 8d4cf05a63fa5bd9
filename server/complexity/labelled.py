"""Labelled complexity cases: one file that is both generator and code, with its true class.

The benchmark under ``tests/complexity_benchmark/`` uses this format; the
test suite and ``bench/complexity.py`` load it from here.
"""

import ast
import dataclasses
from pathlib import Path

from server.complexity.measure import MeasureSpec

DEFAULT_MIN_N, DEFAULT_MAX_N = 16, 16384


@dataclasses.dataclass(frozen=True)
class LabelledCase:
    name: str
    expected: str
    source: str
    spec: MeasureSpec


def _constants(tree: ast.Module) -> dict:
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                literal = ast.literal_eval(node.value)
                literals = literal if isinstance(target, ast.Tuple) else [literal]
                values.update({n.id: v for n, v in zip(names, literals, strict=True) if isinstance(n, ast.Name)})
    return values


def load_case(path: Path) -> LabelledCase:
    source = path.read_text()
    constants = _constants(ast.parse(source))
    spec = MeasureSpec(kind="function", entry_point="solve", generator=source, target=constants["EXPECTED"],
                       min_n=constants.get("MIN_N", DEFAULT_MIN_N), max_n=constants.get("MAX_N", DEFAULT_MAX_N))
    return LabelledCase(path.stem, constants["EXPECTED"], source, spec)


def load_cases(folder: Path) -> list[LabelledCase]:
    return [load_case(path) for path in sorted(folder.glob("*.py"))]
