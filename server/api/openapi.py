"""The OpenAPI 3.1 document of ``/api/v1``, written as data (tests/web/test_openapi.py holds it to the routes).

Response schemas are closed (``additionalProperties: false``), so a field the
implementation adds without documenting it fails the schema test.
"""

from server.api.payloads import DEFAULT_PER_PAGE, MAX_DAYS, MAX_EMAIL, MAX_NAME, MAX_PER_PAGE
from server.ids import MAX_ID
from server.models import API_SCOPES, AttemptState

VERSION = "1.0.0"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, required: tuple | None = None) -> dict:
    """A closed object; every property is required unless ``required`` says otherwise."""
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": list(properties if required is None else required)}


STRING, INTEGER, NUMBER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
TIME = {"type": "string", "format": "date-time"}
COUNT = {"type": "integer", "minimum": 0}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
FINISHED_BAND = {**_nullable(STRING), "description": "Null until the attempt is finished: a band is a hiring "
                 "recommendation, and while the candidate works the score is provisional."}

INVITE = {"id": INTEGER, "screen_id": INTEGER, "attempt_id": INTEGER,
          "state": {"type": "string", "enum": [state.value for state in AttemptState]},
          "candidate": _ref("Candidate"), "expires_at": TIME, "created_at": TIME}

SCHEMAS = {
    "Error": _object({"error": _object({
        "code": {"type": "string", "description": "A stable code: see docs/api.md.", "examples": ["invalid_token"]},
        "message": {"type": "string", "description": "What went wrong, for a person."},
        "details": {"type": "array", "items": _ref("FieldError")}})}),
    "FieldError": _object({"field": STRING, "message": STRING}),
    "ProblemRef": _object({"id": {**STRING, "description": "The problem's (or question item's) id."},
                           "title": STRING,
                           "version": {**INTEGER, "description": "The version number the screen pins."},
                           "kind": {"type": "string", "enum": ["coding", "question"],
                                    "description": "A coding problem or a question item."}}),
    "Screen": _object({"id": INTEGER, "name": STRING, "minutes": INTEGER, "created_at": TIME,
                       "fluency_weight": {"type": "integer", "minimum": 0, "maximum": 100,
                                          "description": "Percent of the total the question items carry."},
                       "problems": {"type": "array", "items": _ref("ProblemRef"),
                                    "description": "The screen's items in order: problems and question items."}}),
    "InviteRequest": {
        "type": "object", "additionalProperties": False, "required": ["screen_id", "candidate_name", "candidate_email"],
        "properties": {
            "screen_id": ID,
            "candidate_name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
            "candidate_email": {"type": "string", "format": "email", "maxLength": MAX_EMAIL},
            "expires_in_days": {"type": "integer", "minimum": 1, "maximum": MAX_DAYS,
                                "description": "Days until the link expires if unused (default: the server's)."}}},
    "Candidate": _object({"name": STRING, "email": STRING}),
    "Invite": _object(INVITE),
    "NewInvite": _object({**INVITE, "link": {
        "type": "string", "format": "uri",
        "description": "The candidate's link: send it to them. Given only here: techscreen keeps a hash of it."}}),
    "FinalSubmission": _object({
        "id": INTEGER, "verdict": STRING, "passed": INTEGER, "total": INTEGER, "score": _nullable(NUMBER),
        "band": FINISHED_BAND, "submitted_at": TIME}),
    "ProblemResult": _object({
        "problem_id": STRING, "version": INTEGER, "title": STRING, "submits": COUNT, "runs": COUNT,
        "final_submission": _nullable(_ref("FinalSubmission"))}),
    "QuestionResult": _object({
        "problem_id": STRING, "version": INTEGER, "title": STRING,
        "format": {"type": "string", "enum": ["single", "multiple", "written"]}, "topic": STRING, "points": NUMBER,
        "answered": BOOLEAN,
        "choices": {"type": "array", "items": COUNT, "description": "The options chosen, by authored index (0 first)."},
        "correct": {"type": "array", "items": COUNT, "description": "The correct options, by authored index."},
        "text": {**STRING, "description": "A written answer; empty for a choice question."},
        "auto_score": {**NUMBER, "description": "0-100: the choices' score, or the written answer's rubric score."},
        "reviewer_score": {**_nullable(NUMBER), "description": "0-100, a reviewer's score of a written answer."},
        "score": {**NUMBER, "description": "0-100: the reviewer's score when given, else the automatic one."},
        "rubric": {"type": "array", "items": _object({"id": STRING, "found": BOOLEAN, "evidence": STRING})}}),
    "Fluency": _object({"score": {**NUMBER, "description": "0-100, the question items' points earned."},
                        "weight": {**INTEGER, "description": "The screen's fluency_weight."}}),
    "Scorecards": _object({
        "count": COUNT,
        "decisions": {"type": "object", "additionalProperties": COUNT,
                      "description": "How many submitted scorecards gave each decision (strong_yes ... strong_no)."},
        "mean_ratings": {"type": "object", "additionalProperties": _nullable(NUMBER),
                         "description": "Mean 1-4 rating per rubric item, null when nobody rated it."}}),
    "AttemptResult": _object({
        "attempt_id": INTEGER, "invite_id": INTEGER, "candidate": _ref("Candidate"),
        "screen": _object({"id": INTEGER, "name": STRING}),
        "state": {"type": "string", "enum": [state.value for state in AttemptState]},
        "started_at": _nullable(TIME), "finished_at": _nullable(TIME),
        "score": _nullable(NUMBER), "band": FINISHED_BAND,
        "problems": {"type": "array", "items": _ref("ProblemResult"), "description": "The coding problems."},
        "questions": {"type": "array", "items": _ref("QuestionResult"), "description": "The question items."},
        "fluency": {**_nullable(_ref("Fluency")), "description": "Null for a screen without question items."},
        "scorecards": _ref("Scorecards"), "similarity_flags": COUNT}),
    "TestCount": _object({"visibility": {"type": "string", "enum": ["public", "hidden"]}, "group": STRING,
                          "passed": COUNT, "total": COUNT}),
    "ScoreReport": _object({
        "total": NUMBER, "band": FINISHED_BAND,
        "components": {"type": "object", "additionalProperties": _object(
            {"score": NUMBER, "weight": NUMBER, "points": NUMBER})},
        "reasons": {"type": "array", "items": _object({"component": STRING, "points": NUMBER, "text": STRING})}}),
    "ComplexityReport": _object({
        "measured": _nullable(STRING), "target": STRING,
        "verdict": {"type": "string", "enum": ["meets", "slower", "inconclusive", "not_measured"]},
        "confidence": NUMBER, "reason": STRING,
        "correctness_failed": _nullable({**COUNT, "description": "Hidden correctness tests the measured code failed."}),
        "correctness_total": _nullable(COUNT)}),
    "NarrationReport": _object({
        "score": NUMBER, "claim": _nullable(STRING), "claimed_time": _nullable(STRING),
        "claimed_space": _nullable(STRING), "penalty": NUMBER,
        "items": {"type": "array", "items": _object({
            "id": STRING, "label": STRING, "weight": NUMBER, "earned": NUMBER, "found": BOOLEAN,
            "evidence": STRING, "reason": STRING})},
        "reasons": {"type": "array", "items": STRING}}),
    "QualityReport": _object({"score": NUMBER, "findings": {**COUNT, "description": "How many findings."},
                              "reasons": {"type": "array", "items": STRING}}),
}
SCHEMAS.update({
    "ReportSubmission": _object({
        **SCHEMAS["FinalSubmission"]["properties"],
        "tests": {"type": "array", "items": _ref("TestCount")},
        "policy_violations": COUNT,
        "scoring": _nullable(_ref("ScoreReport")),
        "complexity": _nullable(_ref("ComplexityReport")),
        "narration": _nullable(_ref("NarrationReport")),
        "quality": _nullable(_ref("QualityReport"))}),
    "ReportProblem": _object({
        "problem_id": STRING, "version": INTEGER, "title": STRING, "submits": COUNT, "runs": COUNT,
        "final_submission": _nullable(_ref("ReportSubmission"))}),
})


def _page(item: str) -> dict:
    return _object({"items": {"type": "array", "items": _ref(item)}, "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "total": COUNT})


SCHEMAS["ScreenPage"] = _page("Screen")
SCHEMAS["ResultPage"] = _page("AttemptResult")
# The report is an attempt's results with each final submission's assessment: the same keys, richer problems.
SCHEMAS["AttemptReport"] = {**SCHEMAS["AttemptResult"], "properties": {
    **SCHEMAS["AttemptResult"]["properties"], "problems": {"type": "array", "items": _ref("ReportProblem")}}}

ERRORS = {
    "400": "invalid_json: the body is not JSON or not an object; bad_request: a query parameter or text holds a "
           "NUL character (any operation).",
    "401": "missing_token or invalid_token (unknown, malformed or revoked).",
    "403": "insufficient_scope: the token lacks the scope this operation needs.",
    "404": "not_found.",
    "413": "payload_too_large.",
    "415": "unsupported_media_type: the body must be sent as application/json.",
    "422": "validation_failed: details name each bad field or parameter.",
    "429": "rate_limited: retry after the Retry-After header's seconds.",
    "500": "internal_error.",
}
RESPONSES = {status: {"description": text, "content": {"application/json": {"schema": _ref("Error")}}}
             for status, text in ERRORS.items()}


def _parameter(name: str, where: str, schema: dict, description: str, required: bool) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


PAGE_PARAMETERS = [
    _parameter("page", "query", {"type": "integer", "minimum": 1, "maximum": 999_999_999, "default": 1},
               "The page, from 1.", False),
    _parameter("per_page", "query", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                                     "default": DEFAULT_PER_PAGE}, "Items per page.", False),
]


def _operation(operation_id: str, summary: str, scope: str, ok: str, schema: str, *,
               errors: tuple = (), parameters: list | None = None, body: str | None = None) -> dict:
    """An operation that needs ``scope``; it answers ``ok`` with ``schema``, or one of ``errors`` and the usual."""
    operation = {"operationId": operation_id, "summary": summary,
                 "description": f"Needs a token with the scope `{scope}`.", "x-scopes": [scope],
                 "responses": {ok: {"description": "OK", "content": {"application/json": {"schema": _ref(schema)}}}}}
    errors = ("400", "401", "403", *errors, "429", "500")
    operation["responses"].update({status: {"$ref": f"#/components/responses/{status}"} for status in errors})
    if parameters:
        operation["parameters"] = parameters
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return operation


def _id(name: str, what: str) -> dict:
    return _parameter(name, "path", ID, f"The {what}'s id.", True)


PATHS = {
    "/openapi.json": {"get": {"operationId": "getOpenApi", "summary": "This document (no token needed).",
                              "security": [],
                              "responses": {"200": {"description": "The OpenAPI document.",
                                                    "content": {"application/json": {"schema": {"type": "object"}}}},
                                            "429": {"$ref": "#/components/responses/429"}}}},
    "/screens": {"get": _operation("listScreens", "List screens, newest first.", "screens:read", "200",
                                   "ScreenPage", errors=("422",), parameters=PAGE_PARAMETERS)},
    "/screens/{screen_id}": {"get": _operation("getScreen", "One screen and its problems.", "screens:read", "200",
                                               "Screen", errors=("404",), parameters=[_id("screen_id", "screen")])},
    "/screens/{screen_id}/results": {"get": _operation(
        "listScreenResults", "The attempts at a screen with their results, newest invite first.", "results:read",
        "200", "ResultPage", errors=("404", "422"), parameters=[_id("screen_id", "screen"), *PAGE_PARAMETERS])},
    "/invites": {"post": _operation(
        "createInvite", "Invite a candidate to a screen; returns the link to send them.", "invites:write", "201",
        "NewInvite", errors=("413", "415", "422"), body="InviteRequest")},
    "/invites/{invite_id}": {"get": _operation(
        "getInvite", "One invite: its candidate, expiry and the attempt's state (not its link).", "invites:write",
        "200", "Invite", errors=("404",), parameters=[_id("invite_id", "invite")])},
    "/attempts/{attempt_id}": {"get": _operation(
        "getAttempt", "An attempt's results: score, band, final submission per problem, scorecards.",
        "results:read", "200", "AttemptResult", errors=("404",), parameters=[_id("attempt_id", "attempt")])},
    "/attempts/{attempt_id}/report": {"get": _operation(
        "getAttemptReport", "The reviewer's summary: per problem the final submission's verdict, tests passed, "
        "score with every reason, complexity, narration and code quality. No test data, no code.", "results:read",
        "200", "AttemptReport", errors=("404",), parameters=[_id("attempt_id", "attempt")])},
}


def document(public_url: str) -> dict:
    """The OpenAPI document, with the server at ``public_url``."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "techscreen integration API", "version": VERSION,
                 "description": "For applicant-tracking systems: list screens, invite candidates, fetch results "
                                "and reports. Scopes: " + ", ".join(API_SCOPES) + ". See docs/api.md."},
        "servers": [{"url": public_url.rstrip("/") + "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "An API token (tsk_...) created by an admin."}},
            "schemas": SCHEMAS,
            "responses": RESPONSES,
        },
    }
