"""Every page a person reaches passes axe-core's WCAG 2.1 A and AA rules in real Chromium, and a candidate takes
the screen by keyboard alone.

One judged screen (tests/web/review_scenario.py) is served once for the module; each page is its own test, opened
in a fresh browser session signed in as the role that reaches it (or as a candidate, by invite link), brought to
the state people see (a tab open, a Run's results shown) and checked by axe-core as axe-playwright-python bundles it.
"""

import contextlib
import dataclasses
import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from sqlmodel import select

from server.db import get_db
from server.models import SimilarityFlag
from server.services.attempts import create_invite, invite_for
from server.services.authoring import create_problem
from server.services.staff import add_screen, add_user
from tests.e2e.conftest import serving
from tests.e2e.test_journey_browser import PASSWORD, TIMEOUT_MS, open_authoring_tab, person
from tests.web.review_scenario import REVIEWERS, build

pytestmark = pytest.mark.xdist_group("accessibility")  # one served scenario per run, not one per worker
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


@dataclasses.dataclass
class Site:
    app: object
    base: str
    paths: dict[str, str]  # what page paths are made of: tokens and ids
    people: dict[str | None, object]  # role -> a browser session signed in as it (None: a candidate's, signed out)


@pytest.fixture(scope="module")
def site(tmp_path_factory, docker_client, browser):
    """The review scenario served over HTTP, with a fresh invite, a started one, a draft problem and a browser
    session for each role (each test opens its page in one)."""
    scenario = build(tmp_path_factory, docker_client)
    with serving(scenario.app) as app, contextlib.ExitStack() as sessions:
        with app.app_context():
            session = get_db()
            _, _, screen = invite_for(session, scenario.tokens["Ada"])
            fresh = create_invite(session, screen, "Fay Fresh", "fay@example.com", 3)[1]
            working = create_invite(session, screen, "Wes Working", "wes@example.com", 3)[1]
            author = add_user(session, "writer@example.com", "Wendy Writer", "author", PASSWORD)
            create_problem(session, "draft-problem", "A draft problem", author.id)
            flag = session.exec(select(SimilarityFlag)).first()
            fluency = add_screen(session, "Fluency", 30, list(QUESTIONS))
            quiz = create_invite(session, fluency, "Quinn Quiz", "quinn@example.com", 3)[1]
        assert app.test_client().post(f"/invite/{working}/start").status_code == 302
        assert app.test_client().post(f"/invite/{quiz}/start").status_code == 302
        paths = {"fresh": fresh, "working": working, "ada": scenario.tokens["Ada"], "dee": scenario.tokens["Dee"],
                 "ada_attempt": scenario.attempts["Ada"], "ada_submission": scenario.submissions["Ada"],
                 "version": scenario.versions[0], "flag": flag.id, "quiz": quiz, "fluency": fluency.id}
        base = app.config["PUBLIC_URL"]
        people = {None: sessions.enter_context(person(browser)).context}
        for role, email in (("admin", "admin@example.com"), ("author", "writer@example.com"),
                            ("reviewer", REVIEWERS[0])):
            people[role] = sign_in(sessions.enter_context(person(browser)), base, email)
        yield Site(app, base, paths, people)


def sign_in(page, base, email):
    """The page's browser session, signed in as ``email``."""
    page.goto(f"{base}/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    expect(page.get_by_role("button", name=f"Sign out ({email})")).to_be_visible()
    return page.context


def open_tab(name: str) -> Callable:
    def prepare(page):
        open_authoring_tab(page, name)
    return prepare


def run_public_tests(page):
    page.click("#run")
    expect(page.locator("#verdict")).to_be_visible(timeout=TIMEOUT_MS)


def last_submission_shown(page):
    expect(page.locator("#hidden-counts")).to_be_visible(timeout=TIMEOUT_MS)


def invite_created(page):
    page.fill("input[name=name]", "Nia New")
    page.fill("input[name=email]", "nia@example.com")
    page.click("button.primary")
    expect(page.locator("#invite-link")).to_be_visible()


def token_created(page):
    page.fill("input[name=name]", "ATS")
    page.click("button.primary")
    expect(page.locator("p.flash")).to_be_visible()


def similarity_shown(page):
    expect(page.locator(".similarity").first).to_be_visible()


@dataclasses.dataclass
class Page:
    role: str | None  # None: no session, as a candidate or a stranger
    path: str  # formatted with Site.paths
    prepare: Callable | None = None  # what a person does on the page before it is checked
    status: int = 200


QUESTIONS = ("q-precision-recall-counts", "q-leakage-sources", "q-explain-overfitting")  # one of each format

PAGES = {
    "sign-in": Page(None, "/auth/login"),
    "not-found": Page(None, "/no-such-page", status=404),
    "unknown-invite": Page(None, "/invite/no-such-token", status=404),
    "candidate-landing": Page(None, "/invite/{fresh}"),
    "candidate-workspace": Page(None, "/invite/{working}/problem/0"),
    "candidate-after-run": Page(None, "/invite/{working}/problem/1", run_public_tests),
    "candidate-after-submit": Page(None, "/invite/{dee}/problem/0", last_submission_shown),
    "candidate-finished": Page(None, "/invite/{ada}/finished"),
    "candidate-finished-landing": Page(None, "/invite/{ada}"),
    "candidate-read-only": Page(None, "/invite/{ada}/problem/0", last_submission_shown),
    "candidate-question-single": Page(None, "/invite/{quiz}/problem/0"),
    "candidate-question-multiple": Page(None, "/invite/{quiz}/problem/1"),
    "candidate-question-written": Page(None, "/invite/{quiz}/problem/2"),
    "staff-opens-invite": Page("admin", "/invite/{fresh}", status=403),
    "own-password": Page("admin", "/auth/password"),
    "attempts": Page("admin", "/admin/"),
    "users": Page("admin", "/admin/users"),
    "screens": Page("admin", "/admin/screens"),
    "screen-edit": Page("admin", "/admin/screens/{fluency}"),
    "invites": Page("admin", "/admin/invites"),
    "invite-created": Page("admin", "/admin/invites", invite_created),
    "api-tokens": Page("admin", "/admin/tokens/"),
    "api-token-created": Page("admin", "/admin/tokens/", token_created),
    "webhooks": Page("admin", "/admin/integrations/webhooks"),
    "deliveries": Page("admin", "/admin/integrations/deliveries"),
    "greenhouse": Page("admin", "/admin/integrations/greenhouse"),
    "problems": Page("author", "/author/"),
    "editor-statement": Page("author", "/author/draft-problem/"),
    "editor-code": Page("author", "/author/draft-problem/", open_tab("code")),
    "editor-tests": Page("author", "/author/draft-problem/", open_tab("tests")),
    "editor-settings": Page("author", "/author/draft-problem/", open_tab("settings")),
    "editor-submissions": Page("author", "/author/draft-problem/", open_tab("submissions")),
    "editor-report": Page("author", "/author/draft-problem/", open_tab("report")),
    "editor-history": Page("author", "/author/draft-problem/", open_tab("history")),
    "review-dashboard": Page("reviewer", "/review/"),
    "review-attempt": Page("reviewer", "/review/attempts/{ada_attempt}"),
    "review-report": Page("reviewer", "/review/attempts/{ada_attempt}/report"),
    "review-submission": Page("reviewer", "/review/submissions/{ada_submission}"),
    "review-playback": Page("reviewer", "/review/attempts/{ada_attempt}/playback/{version}"),
    "review-similarity": Page("reviewer", "/review/similarity/{flag}", similarity_shown),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_passes_axe(site, screenshots, name):
    shown = PAGES[name]
    page = site.people[shown.role].new_page()
    try:
        response = page.goto(site.base + shown.path.format(**site.paths))
        assert response.status == shown.status, page.content()[:2000]
        if shown.prepare:
            shown.prepare(page)
        page.screenshot(path=screenshots / f"a11y-{name}.png", full_page=True)
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA},
                                         "resultTypes": ["violations"]})
        assert results.violations_count == 0, readable(results.response["violations"])
    finally:
        page.close()


def readable(violations: list[dict]) -> str:
    """Each violation's rule, impact and help, and the elements that fail it."""
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[1].strip()}"
                  for node in violation["nodes"]]
    return "\n".join(lines)


# Typed key by key into CodeMirror, which indents each new line itself (so no line here starts with spaces).
TYPED_SOLUTION = (
    "import math",
    "def cosine_similarity(a, b):",
    'if len(a) != len(b): raise ValueError("length mismatch")',
    "norm = math.sqrt(math.fsum(x * x for x in a)) * math.sqrt(math.fsum(y * y for y in b))",
    "return 0.0 if norm == 0.0 else max(-1.0, min(1.0, math.fsum(x * y for x, y in zip(a, b)) / norm))",
)


def focus_on(page, selector, key="Tab", presses=30):
    """Press ``key`` until ``selector`` has the focus (if it has not already), and see it shown; fails naming
    where focus went. Passing through an editor takes an Escape first, as #editor-keys tells people."""
    path = []
    for _ in range(presses):
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            try:  # CodeMirror rings its box, a moment after its content takes the focus
                page.wait_for_function("""() => getComputedStyle(
                    document.activeElement.closest('.cm-editor') || document.activeElement).outlineStyle !== 'none'""",
                                       timeout=2000)
            except PlaywrightTimeout:
                raise AssertionError(f"{selector} has the focus but shows no outline") from None
            return
        if focused_in(page, ".cm-editor"):
            page.keyboard.press("Escape")  # the editors' way out (#editor-keys): Escape, then Tab or Shift+Tab
        page.keyboard.press(key)
        path.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 60)"))
    raise AssertionError(f"{key} never reached {selector}; focus went: {path}")


def focused_in(page, selector) -> bool:
    return page.evaluate("selector => document.activeElement.closest(selector) !== null", selector)


def type_lines(page, lines):
    """Each line typed key by key; Escape closes a completion list so that Enter starts a new line."""
    for number, line in enumerate(lines):
        if number:
            page.keyboard.press("Escape")
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def test_a_candidate_takes_the_screen_by_keyboard_alone(site, browser, screenshots):
    with site.app.app_context():
        session = get_db()
        _, _, screen = invite_for(session, site.paths["ada"])
        token = create_invite(session, screen, "Kay Keys", "kay@example.com", 3)[1]
    with person(browser) as page:
        page.goto(f"{site.base}/invite/{token}")
        focus_on(page, "#start")
        page.keyboard.press("Enter")

        code = page.locator("#code-editor .cm-content")
        expect(code).to_be_visible()
        focus_on(page, "#code-editor .cm-content")
        expect(page.get_by_role("textbox", name="Code")).to_be_focused()
        expect(code).to_have_accessible_description(re.compile(r"press Esc, then Tab, to move on"))
        page.keyboard.press("Control+A")
        type_lines(page, TYPED_SOLUTION)
        typed = "".join(("    " if number > 1 else "") + line for number, line in enumerate(TYPED_SOLUTION))
        expect(code).to_have_text(typed)  # the lines (one element each), the body indented by the editor
        page.screenshot(path=screenshots / "keyboard-editor-focused.png")
        page.keyboard.press("Tab")  # Tab indents: the editor keeps the focus
        assert focused_in(page, "#code-editor") and code.text_content() != typed
        page.keyboard.press("Shift+Tab")
        expect(code).to_have_text(typed)
        page.keyboard.press("Escape")  # the documented way out (#editor-keys): Escape, then Tab
        page.keyboard.press("Tab")
        assert not focused_in(page, "#code-editor"), "Escape then Tab did not leave the editor"
        focus_on(page, "#run", presses=3)
        page.screenshot(path=screenshots / "keyboard-run-focused.png")
        page.keyboard.press("Enter")
        expect(page.locator("#verdict")).to_contain_text("Run: accepted", timeout=TIMEOUT_MS)

        focus_on(page, "#submit")
        page.keyboard.press("Space")
        expect(page.locator("#hidden-counts")).to_contain_text("Hidden tests:", timeout=TIMEOUT_MS)
        expect(page.locator("#verdict")).to_contain_text("Submission: accepted")
        page.screenshot(path=screenshots / "keyboard-submitted.png", full_page=True)

        page.once("dialog", lambda dialog: dialog.accept())  # "Finish the screen?": Enter on the browser's dialog
        focus_on(page, "#finish", key="Shift+Tab")
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Screen finished")
