"""Code that runs inside the sandbox container (standard library only).

This package is copied into the sandbox image at ``/opt/techscreen/tsbox``.
``supervisor`` is the container's PID 1; it starts one fresh ``runner``
interpreter per test. ``wire`` holds the framing shared with the host.
Nothing here may import third-party packages or anything outside ``tsbox``.
"""
