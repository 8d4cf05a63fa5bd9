"""How large a request body each page accepts: ``MAX_CONTENT_LENGTH``, or more where its view says so.

A view that takes large uploads (a problem archive) declares its own limit with
``accepts_body``. The limit must be set before anything reads the body, and
CSRF protection reads the form in its own ``before_request``: so ``init_app``
runs before ``csrf.init_app``. Too large a body gets a 413 saying what the page
accepts.
"""

import dataclasses

from flask import Flask, current_app, request


@dataclasses.dataclass(frozen=True)
class BodyLimit:
    max_bytes: int
    accepts: str  # what the page takes, for the 413 message: "a problem archive of at most 4 MiB"


def accepts_body(max_bytes: int, accepts: str):
    """Decorator: this view takes request bodies of up to ``max_bytes``; ``accepts`` says what, for people."""
    def mark(view):
        view.body_limit = BodyLimit(max_bytes, accepts)
        return view
    return mark


def init_app(app: Flask) -> None:
    """Apply the views' limits; call before anything that reads the body in a ``before_request``."""
    app.before_request(_apply_declared_limit)


def too_large_message() -> str:
    """Why a body was refused with 413, and what this page accepts."""
    declared = _declared()
    accepts = declared.accepts if declared else f"at most {current_app.config['MAX_CONTENT_LENGTH'] // 1024} KiB"
    size = f" ({request.content_length} bytes)" if request.content_length else ""
    return f"The upload{size} is too large: this page accepts {accepts}."


def _apply_declared_limit() -> None:
    declared = _declared()
    if declared is not None:
        request.max_content_length = declared.max_bytes


def _declared() -> BodyLimit | None:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "body_limit", None)
