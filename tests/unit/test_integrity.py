"""Time away from the browser's events: switching away reads apart from leaving the page, and moving between the
candidate's own tabs, reloads and problems is no time away."""

import datetime as dt

from server.models import Attempt, AttemptState, Event
from server.review.integrity import signals

START = dt.datetime(2026, 1, 1, 10, 0, tzinfo=dt.UTC)
PROBLEM = 7


def at(seconds: float) -> dt.datetime:
    return START + dt.timedelta(seconds=seconds)


def attempt(finished_after: float | None = None) -> Attempt:
    if finished_after is None:
        return Attempt(id=1, invite_id=1, state=AttemptState.IN_PROGRESS, started_at=START, deadline=at(1800))
    return Attempt(id=1, invite_id=1, state=AttemptState.FINISHED, started_at=START, deadline=at(1800),
                   finished_at=at(finished_after))


def events(*steps) -> list[Event]:
    """Events from (seconds, kind, page) and an optional detail."""
    return [Event(attempt_id=1, kind=kind, problem_version_id=PROBLEM, at=at(seconds),
                  detail={"page": page, **(extra[0] if extra else {})} if page else {})
            for seconds, kind, page, *extra in steps]


def away(found_events, finished_after=None):
    return signals(attempt(finished_after), found_events, []).absences


def lines(found_events, finished_after=None) -> list[str]:
    return [f"{a.at:%H:%M:%S}: {a.text}" for a in away(found_events, finished_after)]


def test_closing_the_browser_is_leaving_the_page_once_not_focus_lost_four_times():
    closed = events((0, "page_opened", "a"), (1, "page_opened", "b", {"focused": False}),
                    (2, "page_opened", "c", {"focused": False}), (3, "page_opened", "d", {"focused": False}),
                    (600, "focus_lost", "a"), (600.2, "page_left", "a"), (600.3, "page_left", "b"),
                    (600.3, "page_left", "c"), (600.4, "page_left", "d"))
    assert lines(closed, finished_after=1800) == [
        "10:10:00: left the page (closed, reloaded or navigated away); did not come back before the screen ended "
        "at 10:30:00"]
    assert lines(closed) == ["10:10:00: left the page (closed, reloaded or navigated away); not back yet"]
    assert signals(attempt(1800), closed, []).away_seconds == 0  # nothing counted after a last departure


def test_leaving_and_opening_the_invite_again_later_reads_left_and_came_back():
    reopened = events((0, "page_opened", "a"), (60, "page_left", "a"), (260, "page_opened", "b"))
    [absence] = away(reopened)
    assert absence.text == "left the page (closed, reloaded or navigated away), came back at 10:04:20 (3 min 20 s " \
                           "later)"
    assert absence.away_seconds == 200 and absence.problem_version_id == PROBLEM


def test_reloads_other_problems_and_own_tabs_are_no_time_away():
    moves = events((0, "page_opened", "a"),
                   (30, "page_left", "a"), (31, "page_opened", "b"),  # a reload (or the next problem)
                   (60, "focus_lost", "b"), (60.1, "focus_regained", "c"),  # to another tab of the screen
                   (90, "focus_regained", "b"), (90.1, "focus_lost", "c"),  # and back, the events crossing
                   (120, "page_opened", "d", {"focused": False}), (130, "page_left", "d"))  # a tab behind, closed
    assert away(moves) == ()


def test_switching_away_and_back_is_listed_with_its_time():
    switched = events((0, "page_opened", "a"), (100, "focus_lost", "a"), (145, "focus_regained", "a"),
                      (200, "focus_lost", "a"), (201, "focus_regained", "a"))
    assert lines(switched) == ["10:01:40: switched away for 45 s", "10:03:20: switched away for 1 s"]
    assert signals(attempt(), switched, []).away_seconds == 46


def test_switching_away_then_closing_the_page_says_both():
    later = events((0, "page_opened", "a"), (100, "focus_lost", "a"), (700, "page_left", "a"))
    assert lines(later, finished_after=1800) == [
        "10:01:40: switched away, then left the page at 10:11:40; did not come back before the screen ended at "
        "10:30:00"]


def test_finishing_the_screen_is_not_time_away():
    finishing = events((0, "page_opened", "a"), (1000, "focus_lost", "a"))  # the finish dialog
    assert away(finishing, finished_after=1002) == ()


def test_events_recorded_before_pages_named_themselves_count_as_one_page():
    old = events((100, "focus_lost", None), (160, "focus_regained", None), (300, "focus_lost", None))
    assert lines(old) == ["10:01:40: switched away for 1 min 0 s", "10:05:00: switched away; not back yet"]
