"""Statements: Markdown rendered to HTML, then sanitised (authors write Markdown, not HTML)."""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
_ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "span",
}


def render_markdown(text: str) -> str:
    """Safe HTML for ``text``: raw HTML is escaped, links keep only http(s) and mailto."""
    return nh3.clean(_markdown.render(text), tags=_ALLOWED_TAGS,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
