"""The text of JSON columns: NaN and the infinities stored as tagged objects, read back as floats.

A report keeps what a candidate's code returned, and that can be NaN or an
infinity. Python's ``json`` writes them as the bare words ``NaN`` and
``Infinity``, which are not JSON: SQLite keeps the text as it is, PostgreSQL's
``json`` type refuses it, and the submission could not be saved. So each is
stored as ``{"$float": "NaN"}`` (``"Infinity"``, ``"-Infinity"``) and turned
back into the float on reading; a value that is exactly such an object reads
back as that float too. Rows written before, with bare words, still read.
"""

import json
import math

from server import json_out
from server.json_out import FLOAT_TAG

_NAMES = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def dumps(value) -> str:
    """``value`` as JSON text, non-finite floats tagged (``server.json_out``: the same spelling as on the wire)."""
    return json_out.dumps(value)


def loads(text: str | bytes):
    """The value of JSON text (PostgreSQL's driver hands over bytes, SQLite's a string)."""
    tagged = (FLOAT_TAG.encode() if isinstance(text, bytes) else FLOAT_TAG) in text
    return json.loads(text, object_hook=_untagged) if tagged else json.loads(text)


def _untagged(document: dict):
    if len(document) == 1 and document.get(FLOAT_TAG) in _NAMES:
        return _NAMES[document[FLOAT_TAG]]
    return document
