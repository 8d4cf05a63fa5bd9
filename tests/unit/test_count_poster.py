"""A job's test counts reach the progress board at most every TEST_COUNT_SECONDS, the last one always."""

from server.services.progress_board import TEST_COUNT_SECONDS, MemoryBoard, count_poster


class RecordingBoard(MemoryBoard):
    def __init__(self):
        super().__init__()
        self.posted = []

    def post(self, submission_id, progress):
        self.posted.append(progress.message)
        super().post(submission_id, progress)


def test_test_counts_are_posted_at_most_every_interval_and_the_last_one_always():
    board, now = RecordingBoard(), [100.0]
    on_result = count_poster(board, 7, 50, clock=lambda: now[0])
    for done in range(1, 51):  # 50 tests ending a millisecond apart, one slow one in the middle
        now[0] += 0.001 if done != 30 else TEST_COUNT_SECONDS
        on_result(done)
    assert board.posted == ["Test 1 of 50", "Test 30 of 50", "Test 50 of 50"]
    assert board.get(7).fraction == 0.6 and board.get(7).phase == "tests"
