"""JSON columns keep NaN and the infinities (a candidate's wrong answer can be one) on SQLite and PostgreSQL."""

import math

from sqlmodel import Session

from server.db import make_engine, upgrade
from server.models import AuthoredProblem

REPORT = {"actual": [float("nan"), float("inf"), -float("inf"), 1.5], "nested": {"deep": [[float("nan")]]},
          "text": "NaN", "count": 3}


def test_non_finite_floats_in_a_json_column_are_saved_and_read_back(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    try:
        with Session(engine) as session:
            session.add(AuthoredProblem(problem_id="p", files={}, check_report=REPORT))
            session.commit()
        with Session(engine) as session:
            report = session.get(AuthoredProblem, "p").check_report
    finally:
        engine.dispose()
    nan, infinity, minus_infinity, finite = report["actual"]
    assert math.isnan(nan) and infinity == math.inf and minus_infinity == -math.inf and finite == 1.5
    assert math.isnan(report["nested"]["deep"][0][0])
    assert (report["text"], report["count"]) == ("NaN", 3)
