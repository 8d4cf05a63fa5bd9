"""Format strings whose replacement fields read attributes or items of their arguments.

``'{0.__class__}'.format(x)`` reads ``x.__class__`` by name, out of the AST's
sight; ``'{:.3f}'.format(x)`` only formats ``x``. Parsing uses the same
parser as ``str.format``.
"""

import string

_PARSER = string.Formatter()


def reaching_fields(template: str) -> list[str]:
    """The field names of ``template`` that reach into a value (``0.attr``, ``0[key]``), nested specs included."""
    found = []
    try:
        for _, field, spec, _ in _PARSER.parse(template):
            if field is not None and ("." in field or "[" in field):
                found.append(field)
            if spec:
                found += reaching_fields(spec)
    except ValueError:  # a malformed format string fails before it reads anything
        pass
    return found
