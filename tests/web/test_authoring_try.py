"""An author tries the working copy as a candidate: the workspace page, with nothing saved or judged."""

from tests.web.conftest import login
from tests.web.test_authoring import PROBLEM, create, files_of, save


def test_the_working_copy_opens_in_the_candidates_workspace(app, client, staff):
    login(client, staff["author"])
    create(client)
    edit = client.get(f"/author/{PROBLEM}/").data.decode()
    assert f'href="/author/{PROBLEM}/try"' in edit
    page = client.get(f"/author/{PROBLEM}/try")
    html = page.data.decode()
    assert page.status_code == 200 and 'data-preview="true"' in html and 'id="preview-banner"' in html
    assert "Count things" in html and "def count_positive" in html  # the statement and the starter code
    assert 'id="finish-form"' not in html and '<button id="run" disabled>' in html


def test_a_working_copy_with_format_errors_says_to_fix_them_first(app, client, staff):
    login(client, staff["author"])
    create(client)
    files = files_of(app)
    files["problem.toml"] = files["problem.toml"].replace("entry_point", "entry_pointe")
    save(client, files)
    response = client.get(f"/author/{PROBLEM}/try", follow_redirects=True)
    assert b"The preview needs a package without format errors" in response.data


def test_only_authors_and_admins_try_problems(client, staff):
    login(client, staff["author"])
    create(client)
    client.post("/auth/logout")
    login(client, staff["reviewer"])
    assert client.get(f"/author/{PROBLEM}/try").status_code == 403
