"""A screen's results as CSV and JSON: one row per attempt, from ``results.screen_results``.

No test data: verdicts, counts and scores only. Scorecard aggregates appear
only for attempts whose scorecards the exporting user may see
(``scorecards.may_see_others``); elsewhere they are left out.
"""

import csv
import io

from server.models import RUBRIC, Decision, Screen
from server.services.results import AttemptResult

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # spreadsheet formula injection


def export_json(screen: Screen, results: list[AttemptResult], visible: set[int]) -> dict:
    """The screen and one object per attempt (``AttemptResult.as_json``, scorecards only where visible)."""
    rows = []
    for result in results:
        row = result.as_json()
        if result.attempt.id not in visible:
            row["scorecards"] = None
        rows.append(row)
    return {"screen": {"id": screen.id, "name": screen.name, "minutes": screen.minutes}, "attempts": rows}


def csv_columns(problem_ids: list[str], question_ids: list[str] = ()) -> list[str]:
    columns = ["attempt_id", "candidate_name", "candidate_email", "state", "started_at", "finished_at", "score",
               "band"]
    for problem in problem_ids:
        columns += [f"{problem}:verdict", f"{problem}:passed", f"{problem}:total", f"{problem}:score",
                    f"{problem}:submits"]
    for question in question_ids:
        columns += [f"{question}:answer", f"{question}:score"]
    if question_ids:
        columns.append("fluency")
    columns += ["scorecards"] + [f"decision:{d.value}" for d in Decision] + [f"mean:{key}" for key in RUBRIC]
    return columns + ["similarity_flags"]


def export_csv(results: list[AttemptResult], problem_ids: list[str], question_ids: list[str],
               visible: set[int]) -> str:
    """The CSV text (header row first); problems, then question items, in the screen's order. A question's
    answer is its written text, or the chosen options' authored indexes (0 first) joined by ``;``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(problem_ids, question_ids))
    for result in results:
        row = result.as_json()
        values = [row["attempt_id"], row["candidate"]["name"], row["candidate"]["email"], row["state"],
                  row["started_at"] or "", row["finished_at"] or "", _blank(row["score"]), row["band"] or ""]
        for problem in row["problems"]:
            final = problem["final_submission"] or {}
            values += [final.get("verdict") or "", _blank(final.get("passed")), _blank(final.get("total")),
                       _blank(final.get("score")), problem["submits"]]
        for question in row["questions"]:
            values += [question["text"] if question["format"] == "written" else
                       ";".join(str(choice) for choice in question["choices"]), question["score"]]
        if row["questions"]:
            values.append(row["fluency"]["score"])
        cards = row["scorecards"]
        if result.attempt.id in visible:
            values += [cards["count"]] + [cards["decisions"].get(d.value, 0) for d in Decision]
            values += [_blank(cards["mean_ratings"][key]) for key in RUBRIC]
        else:
            values += ["hidden"] + [""] * (len(Decision) + len(RUBRIC))
        values.append(row["similarity_flags"])
        writer.writerow([_safe(value) for value in values])
    return out.getvalue()


def _blank(value) -> object:
    return "" if value is None else value


def _safe(value) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
