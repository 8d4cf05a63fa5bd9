"""A candidate's own input for Run: read strictly on the host, judged as one case that expects nothing.

What the candidate types is what a test case would hold: for a function, its
arguments as JSON values separated by commas (``[1.0, 2.0], [3.0, 4.0]``);
for a class, a JSON object with ``init`` (the constructor's arguments) and
``calls`` (``[["method", [args]], ...]``); for stdio, the input text itself.
The run shows what the code returned or raised and what it printed; there is
no expected value, so the case is graded only on running without an error.
"""

import json
import sys

import pydantic

from sandbox.typed_values import TypedValueError, holds_pandas, validate
from server.errors import TechscreenError
from server.problems.package import ProblemPackage
from server.problems.schema import Case

CUSTOM_CASE = "your-input"
MAX_INPUT = 64 * 1024
FORMATS = {"function": "the arguments as JSON values separated by commas, e.g. [1.0, 2.0], 3",
           "class": 'a JSON object, e.g. {"init": [2], "calls": [["put", ["a", 1]], ["get", ["a"]]]}',
           "stdio": "the text the program reads from standard input"}


class CustomInputError(TechscreenError):
    """The input cannot be run; the message says why and what the format is."""


def custom_case(text: str, package: ProblemPackage) -> Case:
    """The case that runs ``text`` as the input of ``package``'s entry point.

    Raises:
        CustomInputError: Too long, not in the problem kind's format, or holding a malformed typed value.
    """
    kind = package.spec.kind
    if len(text) > MAX_INPUT:
        raise CustomInputError(f"your input is longer than {MAX_INPUT // 1024} KiB")
    fields = {"stdin": text} if kind == "stdio" else _decoded(text, kind)
    for key, value in fields.items():
        try:
            validate(value, repr(key))
        except TypedValueError as error:
            raise CustomInputError(str(error)) from None
        if package.spec.sandbox_image != "ml" and holds_pandas(value):
            raise CustomInputError("a DataFrame or Series needs pandas, which this problem's sandbox does not have")
    try:
        return Case(name=CUSTOM_CASE, **fields)
    except pydantic.ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise CustomInputError(f"{where}: {error.errors()[0]['msg']}; write {FORMATS[kind]}") from None


def _decoded(text: str, kind: str) -> dict:
    source = f"[{text}]" if kind == "function" else text
    try:
        value = json.loads(source)
    except (ValueError, RecursionError) as error:  # a JSONDecodeError is a ValueError, and so is a too long integer
        raise CustomInputError(f"your input is not JSON ({_json_error(error)}); write {FORMATS[kind]}") from None
    if kind == "function":
        return {"args": value}
    if not isinstance(value, dict) or set(value) - {"init", "calls"} or "init" not in value:
        raise CustomInputError(f"write {FORMATS[kind]}")
    return {"init": value["init"], "calls": value.get("calls", [])}


def _json_error(error: Exception) -> str:
    """Why ``json.loads`` refused the input, in the candidate's terms."""
    if isinstance(error, json.JSONDecodeError):
        return error.msg
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return f"a number has more than {sys.get_int_max_str_digits()} digits"


def input_form(package: ProblemPackage) -> dict:
    """What the workspace's "Run on your own input" says to write, and the first example's input to start from."""
    kind = package.spec.kind
    first = package.public_cases[0] if package.public_cases else None
    example = ""
    if first is not None and kind == "function" and first.args is not None:
        example = ", ".join(json.dumps(arg) for arg in first.args)
    elif first is not None and kind == "class" and first.init is not None:
        example = json.dumps({"init": first.init, "calls": [list(call) for call in first.calls or []]})
    elif first is not None and kind == "stdio":
        example = first.stdin or ""
    return {"format": FORMATS[kind], "example": example}
