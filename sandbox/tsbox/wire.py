"""The framing between the in-container supervisor and the host.

Each test's result travels as one frame on the container's stdout::

    @@tsframe <nonce> <index> <meta_len> <body_len>\\n<meta><body>\\n

``meta`` is the supervisor's JSON account of the run (status, CPU time,
captured logs); ``body`` is the runner's JSON result, passed through
unparsed. The job's last frame uses the index ``end``. The nonce is chosen by
the host per job and never reaches a process that runs candidate code, so
bytes the candidate manages to print cannot pass for a frame.
"""

FRAME_MAGIC = b"@@tsframe"
END_INDEX = "end"

# Inside the runner: the file descriptor the result is written to.
RESULT_FD = 3
# Inside a zygote (``tsbox.zygote``): its Unix socket to the supervisor, and the byte that says it is ready.
ZYGOTE_CONTROL_FD = 3
ZYGOTE_READY = b"R"


def end_frame(nonce: str) -> bytes:
    """The job's last frame, exactly as the supervisor writes it: the host stops reading there."""
    meta = b'{"status":"end"}'
    return frame_header(nonce, END_INDEX, len(meta), 0) + meta + b"\n"


def frame_header(nonce: str, index: str, meta_len: int, body_len: int) -> bytes:
    """Return the header line that precedes a frame's meta and body."""
    return b"%s %s %s %d %d\n" % (
        FRAME_MAGIC,
        nonce.encode("ascii"),
        index.encode("ascii"),
        meta_len,
        body_len,
    )
