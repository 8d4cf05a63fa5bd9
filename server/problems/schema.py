"""The schema of ``problem.toml`` and of test cases (docs/problem-format.md).

Pydantic models with unknown keys forbidden and no silent coercion from
strings; they are the package's value objects once loaded (frozen).
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator

from sandbox import image as sandbox_image

COMPLEXITY_CLASSES = ("O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^2 log n)", "O(n^3)", "O(2^n)")
DEFAULT_ALLOWED_IMPORTS = (
    "math", "cmath", "statistics", "collections", "heapq", "bisect", "itertools", "functools",
    "operator", "dataclasses", "typing", "re", "string", "random", "decimal", "fractions", "enum",
    "abc", "copy", "array", "numbers",
)
Identifier = Annotated[StrictStr, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
Number = StrictInt | float


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LimitsSpec(Strict):
    cpu_seconds: Annotated[Number, Field(gt=0, le=10)]
    memory_mb: Annotated[StrictInt, Field(ge=64, le=4096)]
    output_kb: Annotated[StrictInt, Field(ge=1, le=65536)]


class ImportsSpec(Strict):
    allowed: tuple[Annotated[StrictStr, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")], ...] = DEFAULT_ALLOWED_IMPORTS


class CheckerSpec(Strict):
    type: Literal["exact", "float", "unordered", "array"]
    rel_tol: Annotated[Number, Field(ge=0, lt=1)] = 0.0
    abs_tol: Annotated[Number, Field(ge=0)] = 0.0
    dtype: Literal["kind", "exact", "any"] = "kind"  # the array checker's

    @model_validator(mode="after")
    def _tolerances_only_for_float(self):
        if self.type not in ("float", "array") and (self.rel_tol or self.abs_tol):
            raise ValueError("rel_tol and abs_tol apply only to the float and array checkers")
        if self.type != "array" and "dtype" in self.model_fields_set:
            raise ValueError("dtype applies only to the array checker")
        if self.type == "float" and not (self.rel_tol or self.abs_tol):
            raise ValueError("the float checker needs rel_tol or abs_tol")
        return self


class ComplexitySpec(Strict):
    target: Literal[COMPLEXITY_CLASSES]
    size_parameter: Identifier
    size_meaning: StrictStr = ""
    min_n: Annotated[StrictInt, Field(ge=1, le=1 << 20)] = 16
    max_n: Annotated[StrictInt, Field(ge=2, le=1 << 24)] = 65536

    @model_validator(mode="after")
    def _range_spans_the_ladder(self):
        if self.max_n < self.min_n * 64:
            raise ValueError("max_n must be at least 64 times min_n (a ladder of 7 doublings)")
        return self


class ScoringWeights(Strict):
    correctness: Annotated[Number, Field(ge=0)] = 50
    efficiency: Annotated[Number, Field(ge=0)] = 20
    communication: Annotated[Number, Field(ge=0)] = 20
    code_quality: Annotated[Number, Field(ge=0)] = 10

    @model_validator(mode="after")
    def _some_weight(self):
        if not (self.correctness + self.efficiency + self.communication + self.code_quality) > 0:
            raise ValueError("at least one scoring weight must be positive")
        return self


class NarrationPoint(Strict):
    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    description: Annotated[StrictStr, Field(min_length=1)]
    weight: Annotated[Number, Field(gt=0)]
    phrases: tuple[Annotated[StrictStr, Field(min_length=2)], ...] = Field(min_length=1)


class NarrationSpec(Strict):
    points: tuple[NarrationPoint, ...] = ()


class ProblemSpec(Strict):
    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    title: Annotated[StrictStr, Field(min_length=1, max_length=120)]
    difficulty: Literal["easy", "medium", "hard"]
    tags: tuple[StrictStr, ...] = ()
    kind: Literal["function", "class", "stdio"]
    entry_point: Identifier
    time_limit_minutes: Annotated[StrictInt, Field(ge=1, le=240)]
    limits: LimitsSpec
    image: Literal[tuple(sandbox_image.IMAGES)] = sandbox_image.DEFAULT
    imports: ImportsSpec = ImportsSpec()
    checker: CheckerSpec
    complexity: ComplexitySpec
    scoring: ScoringWeights = ScoringWeights()
    narration: NarrationSpec = NarrationSpec()

    @model_validator(mode="after")
    def _image_has_the_imports(self):
        needing = sorted(sandbox_image.ML_MODULES & set(self.imports.allowed))
        if self.image != "ml" and "image" in self.model_fields_set and needing:
            raise ValueError(f'image = "{self.image}" has no {", ".join(needing)}: use image = "ml" '
                             "(or leave image out)")
        return self

    @property
    def sandbox_image(self) -> str:
        """The sandbox image the problem's code runs on: ``image``, or ``ml`` when an allowed import needs it."""
        return sandbox_image.image_for(self.imports.allowed, self.image)


class GenerateSpec(Strict):
    n: Annotated[StrictInt, Field(ge=0, le=10_000_000)]
    seed: StrictInt
    family: StrictStr | None = None


Call = tuple[Annotated[StrictStr, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")], list[Any]]


class Case(Strict):
    """One case of ``tests/public.json`` or ``tests/hidden.json``.

    ``expected`` may legitimately be ``null``; whether it was given at all is
    ``has_expected``.
    """

    name: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
    description: StrictStr = ""
    args: list[Any] | None = None
    kwargs: dict[str, Any] | None = None
    init: list[Any] | None = None
    calls: list[Call] | None = None
    stdin: StrictStr | None = None
    generate: GenerateSpec | None = None
    expected: Any = None
    raises: Identifier | None = None
    weight: Annotated[Number, Field(gt=0)] = 1
    group: Literal["example", "correctness", "performance"] | None = None
    hidden: StrictBool = False

    @property
    def has_expected(self) -> bool:
        return "expected" in self.model_fields_set

    @property
    def visibility(self) -> str:
        return "hidden" if self.hidden else "public"

    @property
    def test_group(self) -> str:
        if self.group:
            return self.group
        return "correctness" if self.hidden else "example"
