"""Progress counting of result frames as a job's output grows, chunk by chunk."""

from sandbox.frames import FrameCounter
from sandbox.tsbox import wire


def test_frames_are_counted_across_chunk_boundaries():
    seen = []
    counter = FrameCounter("ab" * 16, seen.append)
    marker = wire.FRAME_MAGIC + b" " + ("ab" * 16).encode() + b" "
    stdout = bytearray()
    for chunk in (b"noise" + marker[:5], marker[5:] + b"0 body", marker + b"1 " + marker, b"12 " + marker,
                  b"end 16 0\n"):
        stdout += chunk
        counter(stdout)
    assert seen == [1, 2, 3]  # the end frame is not a result


def test_frames_with_another_nonce_do_not_count():
    seen = []
    counter = FrameCounter("cd" * 16, seen.append)
    counter(bytearray(wire.FRAME_MAGIC + b" " + ("ab" * 16).encode() + b" 0"))
    assert seen == []
