"""Every page and API call a candidate can make in a screen's life, for tests of what candidates may see."""

import dataclasses
import json

from werkzeug.test import TestResponse

from tests.web.conftest import follow_progress


@dataclasses.dataclass
class Walk:
    """What the walk got back: every response, each submit's progress events (as streamed, reconnects
    included) and the submits it made (submission ids, in order)."""

    responses: list[TestResponse]
    progress: list[str]
    submissions: list[int]

    def text(self) -> str:
        return "\n".join([response.get_data(as_text=True) for response in self.responses] + self.progress)

    def views(self) -> list[dict]:
        """The JSON views of the submits (``/submissions/<id>``)."""
        return [response.get_json() for response in self.responses
                if response.request.path.rsplit("/", 2)[-2] == "submissions"]

    def streams(self) -> list[list[dict]]:
        """The events of each submit's progress stream."""
        return [[json.loads(line[len("data: "):]) for line in text.splitlines() if line.startswith("data: ")]
                for text in self.progress]


def walk_candidate_endpoints(client, token: str, versions: list[int], codes: list[str], notes: str = "") -> Walk:
    """Landing, start, each problem's page, a submit of ``codes[i]`` with its progress streams, status, view and lint,
    finish, then the landing and problem pages again (read-only)."""
    api = f"/api/candidate/{token}"
    responses, progress, submissions = [client.get(f"/invite/{token}")], [], []
    client.post(f"/invite/{token}/start")
    for index, (version, code) in enumerate(zip(versions, codes, strict=True)):
        responses.append(client.get(f"/invite/{token}/problem/{index}"))
        queued = client.post(f"{api}/problems/{version}/submit", json={"code": code, "notes": notes})
        submission = queued.get_json()["id"]
        progress.append(follow_progress(client, token, submission))
        responses += [client.get(f"{api}/submissions/{submission}/status"),
                      client.get(f"{api}/submissions/{submission}"),
                      client.post(f"{api}/problems/{version}/lint", json={"code": code})]
        submissions.append(submission)
    responses.append(client.post(f"/invite/{token}/finish", follow_redirects=True))
    responses.append(client.get(f"/invite/{token}"))
    responses += [client.get(f"/invite/{token}/problem/{index}") for index in range(len(versions))]
    return Walk(responses, progress, submissions)
