"""The format of ``question.toml``: one question item, validated strictly, every error with its line.

Three formats: ``single`` (one correct option), ``multiple`` (one or more
correct options: "select all that apply") and ``written`` (a short text
answer scored against ``rubric``, as notes are, and by reviewers).
"""

import tomllib
from pathlib import Path
from typing import Annotated, Literal

import pydantic
from pydantic import Field, StrictBool, StrictStr, model_validator

from server.errors import Issue, ProblemFormatError
from server.problems import locate
from server.problems.schema import NarrationPoint, Number, Strict

QUESTION_FILE = "question.toml"
FORMATS = ("single", "multiple", "written")
MAX_OPTIONS = 8
MAX_ANSWER_CHARS = 4000  # a written answer: a few paragraphs


def is_question_folder(folder: Path) -> bool:
    """A folder holding a question item (its ``question.toml``), not a problem package."""
    return (folder / QUESTION_FILE).is_file()


class Option(Strict):
    text: Annotated[StrictStr, Field(min_length=1, max_length=500)]
    correct: StrictBool = False


class QuestionItem(Strict):
    """A question item as authored; ``options`` keep their authored order (candidates see them shuffled)."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    title: Annotated[StrictStr, Field(min_length=1, max_length=120)]
    format: Literal["single", "multiple", "written"]
    topic: Annotated[StrictStr, Field(min_length=1, max_length=60)]
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    points: Annotated[Number, Field(gt=0, le=10)] = 1
    prompt: Annotated[StrictStr, Field(min_length=1, max_length=4000)]
    explanation: Annotated[StrictStr, Field(min_length=1, max_length=4000)]
    options: tuple[Option, ...] = ()
    rubric: tuple[NarrationPoint, ...] = ()
    sample_answer: Annotated[StrictStr, Field(max_length=MAX_ANSWER_CHARS)] = ""

    @model_validator(mode="after")
    def _fits_format(self):
        correct = sum(option.correct for option in self.options)
        if self.format == "written":
            if self.options:
                raise ValueError("a written question has no options")
            if not self.rubric:
                raise ValueError("a written question needs at least one [[rubric]] point")
            return self
        if self.rubric or self.sample_answer:
            raise ValueError("rubric and sample_answer are for written questions only")
        if not 2 <= len(self.options) <= MAX_OPTIONS:
            raise ValueError(f"a choice question needs 2 to {MAX_OPTIONS} [[options]]")
        if len({option.text.strip() for option in self.options}) != len(self.options):
            raise ValueError("two options have the same text")
        if self.format == "single" and correct != 1:
            raise ValueError(f"a single-answer question needs exactly one correct option, not {correct}")
        if self.format == "multiple" and not 1 <= correct < len(self.options):
            raise ValueError("a multiple-answer question needs at least one correct and one wrong option")
        return self

    @property
    def correct_options(self) -> frozenset[int]:
        """The authored indexes of the correct options."""
        return frozenset(index for index, option in enumerate(self.options) if option.correct)


def parse_question(text: str, folder: str | None = None) -> QuestionItem:
    """``question.toml``'s ``text`` as an item; ``folder``, when given, must be its id.

    Raises:
        ProblemFormatError: With every error found, each with its line.
    """
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise ProblemFormatError(QUESTION_FILE, [Issue(QUESTION_FILE, None, f"not valid TOML: {error}")]) from None
    try:
        item = QuestionItem.model_validate(data)
    except pydantic.ValidationError as error:
        raise ProblemFormatError(QUESTION_FILE, [_issue(text, detail) for detail in error.errors()]) from None
    if folder is not None and item.id != folder:
        raise ProblemFormatError(QUESTION_FILE, [Issue(QUESTION_FILE, locate.toml_line(text, ("id",)),
                                                       f"id {item.id!r} differs from the folder name {folder!r}")])
    return item


def question_issues(problem_id: str, files: dict[str, str]) -> list[Issue]:
    """Every error of a question's working copy (``{"question.toml": text}``), as ``format_issues`` gives a
    problem's."""
    extra = sorted(set(files) - {QUESTION_FILE})
    issues = [Issue(path, None, "a question item has only question.toml") for path in extra]
    try:
        parse_question(files.get(QUESTION_FILE, ""), problem_id)
    except ProblemFormatError as error:
        issues += error.issues
    return issues


def _issue(text: str, detail: dict) -> Issue:
    location = tuple(detail["loc"])
    where = ".".join(str(part) for part in location)
    message = {"extra_forbidden": "unknown key", "missing": "required key is missing"}.get(detail["type"],
                                                                                            detail["msg"])
    return Issue(QUESTION_FILE, locate.toml_line(text, location) if location else None,
                 f"{where}: {message}" if where else message.removeprefix("Value error, "))


def scaffold_question(problem_id: str, title: str) -> dict[str, str]:
    """A new item's working copy: a single-answer question that validates, for the author to rewrite."""
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return {QUESTION_FILE: f'''id = "{problem_id}"
title = "{quoted}"
format = "single"  # single, multiple (select all that apply) or written
topic = "evaluation"
difficulty = "medium"
points = 1
prompt = """
Write the question here (Markdown).
"""
explanation = """
Why the correct option is correct and the others are not: reviewers read this.
"""

[[options]]
text = "The correct option"
correct = true

[[options]]
text = "A plausible wrong option"

[[options]]
text = "Another plausible wrong option"
'''}
