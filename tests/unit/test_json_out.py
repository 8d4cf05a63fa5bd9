"""Strict JSON out: non-finite floats travel as tagged objects, everything else as ``json.dumps`` writes it."""

import json
import math

import numpy
import pytest
from flask import Flask

from server.cli.output import emit_json
from server.json_body import StrictJSONProvider
from server.json_out import MAX_DEPTH, dumps, tagged

NAN, INF, MINUS_INF = {"$float": "NaN"}, {"$float": "Infinity"}, {"$float": "-Infinity"}


def strict_loads(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON: {text}")

    return json.loads(text, parse_constant=refuse)


def test_finite_values_are_written_as_json_dumps_writes_them():
    value = {"b": [1, 2.5, -0.0, 1e308, None, True, "NaN"], "a": ("x", {"y": 5e-324})}
    assert dumps(value) == json.dumps(value)
    assert dumps(value, indent=2, sort_keys=True) == json.dumps(value, indent=2, sort_keys=True)


def test_non_finite_floats_are_tagged_wherever_they_are_and_the_value_is_not_changed():
    value = {"actual": [math.nan, (math.inf, -math.inf)], "score": numpy.float64("nan"), "n": 3,
             "nested": {"deeper": [[1.5, -math.inf]]}}
    text = dumps(value)
    assert strict_loads(text) == {"actual": [NAN, [INF, MINUS_INF]], "score": NAN, "n": 3,
                                  "nested": {"deeper": [[1.5, MINUS_INF]]}}
    assert strict_loads(dumps(math.inf)) == INF
    assert math.isnan(value["actual"][0]) and value["nested"]["deeper"][0][1] == -math.inf


def test_deep_values_are_walked_without_recursion_and_a_value_that_contains_itself_is_refused():
    deep = [math.nan]
    for _ in range(MAX_DEPTH - 1):
        deep = [deep]
    walked = tagged(deep)
    for _ in range(MAX_DEPTH - 1):
        walked = walked[0]
    assert walked == [NAN]
    with pytest.raises(ValueError, match="levels deep"):
        tagged([deep])
    loop = [math.nan]
    loop.append(loop)
    with pytest.raises(ValueError):
        dumps(loop)


def test_the_apps_json_and_tojson_are_strict():
    app = Flask(__name__)
    app.json = StrictJSONProvider(app)
    assert app.json.dumps({"b": math.nan, "a": 1}) == '{"a": 1, "b": {"$float": "NaN"}}'  # Flask's options kept
    with app.app_context():
        assert strict_loads(app.json.response(x=[math.inf]).get_data(as_text=True)) == {"x": [INF]}
        template = app.jinja_env.from_string("{{ value | tojson }}")
        assert strict_loads(template.render(value={"x": -math.inf})) == {"x": MINUS_INF}


def test_the_clis_json_is_strict(capsys):
    emit_json({"confidence": math.nan, "tests": []})
    assert strict_loads(capsys.readouterr().out) == {"confidence": NAN, "tests": []}
