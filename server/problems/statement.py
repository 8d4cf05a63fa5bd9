"""Statements: Markdown rendered to HTML, then sanitised (authors write Markdown, not HTML).

A candidate's statement ends with the modules they may import, taken from
``problem.toml``'s ``[imports]``, so the list has one source and cannot drift
from what the policy check enforces.
"""

import functools
import tomllib

import nh3
from markupsafe import Markup
import pydantic
from markdown_it import MarkdownIt

from server.problems.schema import ImportsSpec

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
_ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "span",
}


def render_markdown(text: str) -> str:
    """Safe HTML for ``text``: raw HTML is escaped, links keep only http(s) and mailto."""
    return nh3.clean(_markdown.render(text), tags=_ALLOWED_TAGS,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def markdown_filter(text: str) -> Markup:
    """``render_markdown`` as the templates' ``markdown`` filter (its output is safe HTML)."""
    return Markup(render_markdown(text))


def imports_section(allowed_imports) -> str:
    """The Markdown section naming the importable modules (``__future__`` is always allowed, so not listed)."""
    modules = [name for name in allowed_imports if name != "__future__"]
    listed = ", ".join(f"`{name}`" for name in modules) if modules else "none: built-in functions only"
    return f"## Allowed imports\n\n{listed}\n"


@functools.lru_cache(maxsize=256)
def render_statement(markdown: str, allowed_imports: tuple[str, ...]) -> str:
    """The statement as candidates see it: ``markdown`` then the allowed imports, rendered safely.

    Kept per text: every problem page shows it, and rendering and sanitising cost a third of the page's time.
    """
    return render_markdown(f"{markdown.rstrip()}\n\n{imports_section(allowed_imports)}")


def render_preview(markdown: str, toml_text: str | None) -> str:
    """The authoring preview: as candidates will see it, or the Markdown alone without a readable ``[imports]``."""
    if toml_text is None:
        return render_markdown(markdown)
    try:
        imports = ImportsSpec.model_validate(tomllib.loads(toml_text).get("imports", {}))
    except (tomllib.TOMLDecodeError, pydantic.ValidationError):
        return render_markdown(markdown)
    return render_statement(markdown, imports.allowed)
