"""Code as highlighted HTML (Pygments), with line numbers and optionally some lines marked."""

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

CSS_CLASS = "highlight"


def highlighted(code: str, marked: tuple[int, ...] = (), anchor: str = "L") -> Markup:
    """``code`` as a table of numbered, highlighted lines; ``marked`` lines (1-based) get the ``hll`` class.

    Lines get ids ``<anchor>-<n>``; the colours are web/static/pygments.css.
    """
    formatter = HtmlFormatter(linenos="table", cssclass=CSS_CLASS, hl_lines=list(marked), lineanchors=anchor,
                              anchorlinenos=True, wrapcode=True)
    return Markup(highlight(code or "\n", PythonLexer(), formatter))

