"""Every page and API call a candidate can make in a screen's life, for tests of what candidates may see."""

import dataclasses
import json

from werkzeug.test import TestResponse


@dataclasses.dataclass
class Walk:
    """What the walk got back: every response, and the submits it made (submission ids, in order)."""

    responses: list[TestResponse]
    submissions: list[int]

    def text(self) -> str:
        return "\n".join(response.get_data(as_text=True) for response in self.responses)

    def views(self) -> list[dict]:
        """The JSON views of the submits (``/submissions/<id>``)."""
        return [response.get_json() for response in self.responses
                if response.request.path.rsplit("/", 2)[-2] == "submissions"]

    def streams(self) -> list[list[dict]]:
        """The events of each submit's progress stream."""
        return [[json.loads(line[len("data: "):]) for line in response.get_data(as_text=True).splitlines()
                 if line.startswith("data: ")]
                for response in self.responses if response.mimetype == "text/event-stream"]


def walk_candidate_endpoints(client, token: str, versions: list[int], codes: list[str], notes: str = "") -> Walk:
    """Landing, start, each problem's page, a submit of ``codes[i]`` with its progress stream, view and lint,
    finish, then the landing and problem pages again (read-only)."""
    api = f"/api/candidate/{token}"
    responses, submissions = [client.get(f"/invite/{token}")], []
    client.post(f"/invite/{token}/start")
    for index, (version, code) in enumerate(zip(versions, codes, strict=True)):
        responses.append(client.get(f"/invite/{token}/problem/{index}"))
        queued = client.post(f"{api}/problems/{version}/submit", json={"code": code, "notes": notes})
        submission = queued.get_json()["id"]
        progress = client.get(f"{api}/submissions/{submission}/progress")
        assert '"phase": "done"' in progress.get_data(as_text=True)
        responses += [progress, client.get(f"{api}/submissions/{submission}"),
                      client.post(f"{api}/problems/{version}/lint", json={"code": code})]
        submissions.append(submission)
    responses.append(client.post(f"/invite/{token}/finish", follow_redirects=True))
    responses.append(client.get(f"/invite/{token}"))
    responses += [client.get(f"/invite/{token}/problem/{index}") for index in range(len(versions))]
    return Walk(responses, submissions)
