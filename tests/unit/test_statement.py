"""Statements as candidates see them: rendered safely, once per text."""

from server.problems.statement import render_statement

STATEMENT = "# Mean\n\nReturn the mean of `xs`.\n\n<script>alert(1)</script>\n"


def test_a_statement_is_rendered_safely_with_its_imports_and_kept_for_the_next_page():
    html = render_statement(STATEMENT, ("math", "__future__"))
    assert "<h1>Mean</h1>" in html and "<code>math</code>" in html and "__future__" not in html
    assert "<script>" not in html
    assert render_statement(STATEMENT, ("math", "__future__")) is html  # not rendered again
    assert render_statement(STATEMENT, ()) != html and "built-in functions only" in render_statement(STATEMENT, ())
