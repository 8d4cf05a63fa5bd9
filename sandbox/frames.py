"""Finding the supervisor's frames in a container's stdout (see ``tsbox.wire``)."""

import dataclasses
import re

from sandbox.tsbox import wire
from sandbox.untrusted import UntrustedDataError, parse_json

MAX_META_BYTES = 64 * 1024
_HEADER = re.compile(rb"@@tsframe ([0-9a-f]{32}) (\d{1,6}|end) (\d{1,9}) (\d{1,10})\n")
_HEADER_MAX_BYTES = 80


@dataclasses.dataclass(frozen=True)
class Frame:
    """One well-formed frame: the supervisor's meta (parsed) and the runner's body (raw)."""

    index: str
    meta: dict
    body: bytes


def find_frames(stdout: bytes, nonce: str, max_body: int) -> tuple[dict[str, list[Frame]], int]:
    """Return the frames carrying ``nonce``, grouped by index, and the count of other bytes.

    A header with the wrong nonce, bad lengths or an unparsable meta is not a
    frame; its bytes count as noise. Duplicates are kept so that the caller
    can refuse a test with more than one frame.
    """
    frames: dict[str, list[Frame]] = {}
    noise = 0
    position = 0
    marker = wire.FRAME_MAGIC + b" " + nonce.encode("ascii") + b" "
    while True:
        start = stdout.find(marker, position)
        if start < 0:
            return frames, noise + len(stdout) - position
        noise += start - position
        frame, end = _parse_at(stdout, start, nonce, max_body)
        if frame is None:
            noise += len(marker)
            position = start + len(marker)
            continue
        frames.setdefault(frame.index, []).append(frame)
        position = end


def _parse_at(stdout: bytes, start: int, nonce: str, max_body: int):
    match = _HEADER.match(stdout, start)
    if not match or match.group(1).decode() != nonce:
        return None, start
    meta_len, body_len = int(match.group(3)), int(match.group(4))
    if meta_len > MAX_META_BYTES or body_len > max_body:
        return None, start
    meta_start = match.end()
    body_start = meta_start + meta_len
    end = body_start + body_len
    if stdout[end:end + 1] != b"\n":
        return None, start
    try:
        meta = parse_json(stdout[meta_start:body_start], max_bytes=MAX_META_BYTES, max_depth=4)
    except UntrustedDataError:
        return None, start
    if not isinstance(meta, dict):
        return None, start
    return Frame(match.group(2).decode(), meta, bytes(stdout[body_start:end])), end + 1


class FrameStream:
    """Hands each well-formed frame of one job to ``report(frame)`` once, as the output grows.

    ``report`` returning True says the caller has what it needs; the call
    then returns True (the job can be ended there).
    """

    def __init__(self, nonce: str, max_body: int, report):
        self.marker = wire.FRAME_MAGIC + b" " + nonce.encode("ascii") + b" "
        self.nonce = nonce
        self.max_body = max_body
        self.report = report
        self.position = 0

    def __call__(self, stdout) -> bool:
        while True:
            start = stdout.find(self.marker, self.position)
            if start < 0:
                self.position = max(self.position, len(stdout) - len(self.marker) + 1)
                return False
            match = _HEADER.match(stdout, start)
            if match is None:
                if b"\n" not in stdout[start:start + _HEADER_MAX_BYTES]:
                    return False  # the header line is still arriving
                self.position = start + len(self.marker)
                continue
            if len(stdout) < match.end() + int(match.group(3)) + int(match.group(4)) + 1:
                return False  # the frame is still arriving
            frame, end = _parse_at(stdout, start, self.nonce, self.max_body)
            self.position = end if frame is not None else start + len(self.marker)
            if frame is not None and self.report(frame):
                return True


class FrameCounter:
    """Counts result frames of one job as its output grows, for "test i of n" progress (the end frame
    is not a result).

    Scans only the bytes added since the last call (plus a header start's
    length of overlap), so following a large output stays linear.
    """

    def __init__(self, nonce: str, report):
        self.result_start = re.compile(re.escape(wire.FRAME_MAGIC + b" " + nonce.encode("ascii") + b" ") + rb"\d")
        self.overlap = len(wire.FRAME_MAGIC) + len(nonce) + 2
        self.report = report
        self.scanned = 0
        self.count = 0

    def __call__(self, stdout) -> None:
        found = len(self.result_start.findall(stdout, max(0, self.scanned - self.overlap)))
        self.scanned = len(stdout)
        if found:
            self.count += found
            self.report(self.count)
