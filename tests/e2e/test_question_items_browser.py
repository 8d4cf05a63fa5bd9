"""Question items in real Chromium: an author writes a multiple-answer item in the browser, validates and
publishes it and puts it into a screen beside a coding problem and a bank item with a written answer; the
candidate answers both (the choices survive a reload, a pasted answer is an integrity signal); the reviewer
reads the answers with the key, the explanation, the rubric's hits and the fluency score, and scores the
written answer."""

import re

from playwright.sync_api import expect
from sqlmodel import select

from server.db import get_db
from server.models import Screen
from server.services.attempts import create_invite
from server.services.staff import add_user
from tests.e2e.test_journey_browser import PASSWORD, person, sign_in

ITEM = "q-pr-auc-imbalance"
QUESTION = '''id = "q-pr-auc-imbalance"
title = "Metrics for a rare positive class"
format = "multiple"
topic = "metrics"
points = 2
prompt = """
A fraud model is evaluated on data where 0.5% of transactions are fraud. Which statements are true?
"""
explanation = """
Accuracy is dominated by the majority class: predicting "not fraud" everywhere scores 99.5%.
Precision-recall AUC focuses on the positive class, so it reflects performance on the rare class.
"""

[[options]]
text = "Always predicting not fraud gives 99.5% accuracy"
correct = true

[[options]]
text = "Precision-recall AUC is more informative here than accuracy"
correct = true

[[options]]
text = "ROC AUC of 0.5 means the model is perfect"
'''
SAVED = re.compile(r"^saved ")
WRITTEN = "L1 drives many weights to exactly zero, a sparse model; L2 shrinks all weights smoothly."


def test_author_places_a_question_item_the_candidate_answers_and_the_reviewer_scores(live_app, browser, screenshots):
    base = live_app.config["PUBLIC_URL"]
    with live_app.app_context():
        for role in ("author", "reviewer"):
            add_user(get_db(), f"{role}@example.com", role.title(), role, PASSWORD)
    with person(browser) as author:
        sign_in(author, base, "author@example.com", "/author/")
        author_publishes_an_item(author, screenshots)
        author_makes_a_screen(author, base)
    with live_app.app_context():
        screen = get_db().exec(select(Screen).where(Screen.name == "Fluency screen")).one()
        _, token = create_invite(get_db(), screen, "Grace Hopper", "grace@example.com", 3)
    with person(browser, permissions=["clipboard-read", "clipboard-write"]) as candidate:
        candidate_answers(candidate, f"{base}/invite/{token}", screenshots)
    with person(browser) as reviewer:
        sign_in(reviewer, base, "reviewer@example.com", "/review/")
        reviewer_reads_and_scores(reviewer, screenshots)


def author_publishes_an_item(page, screenshots):
    page.fill("#new-problem input[name=id]", ITEM)
    page.fill("#new-problem input[name=title]", "Metrics for a rare positive class")
    page.select_option("#new-kind", "question")
    page.click("#new-problem button.primary")
    expect(page.locator("#question-text")).to_be_visible()
    page.fill("#question-text", QUESTION.replace("points = 2", "points = 0"))
    page.click("#save")
    expect(page.locator("#issues")).to_contain_text("question.toml:5 points: Input should be greater than 0")
    page.fill("#question-text", QUESTION)
    page.click("#save")
    expect(page.locator("#preview")).to_contain_text("Precision-recall AUC focuses on the positive class")
    page.click("#validate")
    expect(page.locator("#validation")).to_have_text("validation: passed")
    page.screenshot(path=screenshots / "question-authoring.png", full_page=True)
    page.click("#publish")
    expect(page.locator("p.flash")).to_contain_text(f"Published {ITEM} version 1")


def author_makes_a_screen(page, base):
    page.goto(f"{base}/admin/screens")
    page.fill("input[name=name]", "Fluency screen")
    page.fill("input[name=minutes]", "30")
    page.get_by_label("Moving average of a stream").check()
    page.get_by_label("Metrics for a rare positive class").check()
    page.get_by_label("L1 versus L2 regularisation").check()
    page.fill("input[name=fluency_weight]", "50")
    page.click("button.primary")
    expect(page.locator("p.flash")).to_contain_text("Created screen 'Fluency screen'")


def candidate_answers(page, link, screenshots):
    page.goto(link)
    page.click("#start")
    page.click("nav.problems a:has-text('L1 versus L2 regularisation')")
    page.evaluate("text => navigator.clipboard.writeText(text)", WRITTEN)
    page.click("#answer-text")
    page.keyboard.press("Control+V")  # the paste is an integrity signal, on question pages too
    expect(page.locator("#save-state")).to_have_text(SAVED)
    page.click("nav.problems a:has-text('Metrics for a rare positive class')")
    expect(page.locator("legend")).to_have_text("Select all that apply")
    page.get_by_label("Always predicting not fraud gives 99.5% accuracy").check()
    page.get_by_label("ROC AUC of 0.5 means the model is perfect").check()
    expect(page.locator("#save-state")).to_have_text(SAVED)
    page.screenshot(path=screenshots / "question-candidate.png", full_page=True)
    page.reload()
    expect(page.get_by_label("Always predicting not fraud gives 99.5% accuracy")).to_be_checked()
    expect(page.get_by_label("Precision-recall AUC is more informative here than accuracy")).not_to_be_checked()
    expect(page.locator("body")).not_to_contain_text("Precision-recall AUC focuses")  # never the explanation
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#finish")
    expect(page.locator("body")).to_contain_text("finished", ignore_case=True)


def reviewer_reads_and_scores(page, screenshots):
    page.click("text=Grace Hopper")
    expect(page.locator("dl.signals")).to_contain_text(f"1 ({len(WRITTEN)} characters in all)")
    items = page.locator("#questions")
    # the multiple-answer item: 1 right and 1 wrong of 2 correct earns 0 of 2 points; the written one shows 4 of
    # its rubric's 6 weight, 1.33 of 2 points: fluency 1.33 of 4
    expect(items).to_contain_text("Precision-recall AUC focuses on the positive class")  # the explanation
    expect(items.locator(f"[data-problem={ITEM}] tr.correct")).to_have_count(2)  # the key
    expect(items.locator(f"[data-problem={ITEM}] tr", has_text="ROC AUC of 0.5")).to_contain_text("chosen")
    expect(items.locator(f"[data-problem={ITEM}] .item-score")).to_have_text("0.0/100")
    expect(items).to_contain_text(WRITTEN)
    expect(items.locator(".rubric-hits li.found")).to_have_count(2)  # sparsity and shrinking
    expect(items.locator("h2")).to_contain_text("fluency 33.3/100, 50% of the total")
    page.screenshot(path=screenshots / "question-review.png", full_page=True)
    page.fill("#questions input[name=score]", "90")
    page.click("#questions .reviewer-score button")
    expect(page.locator("p.flash")).to_contain_text("Score saved")
    expect(page.locator("#questions h2")).to_contain_text("fluency 45.0/100")
