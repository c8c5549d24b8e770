"""A person's words inside a brief: titles read as written, notes stay Markdown but cannot
break the brief (headings demoted below the brief's own, open fences closed)."""

from __future__ import annotations

import markdown

from reader.export import text


def _headings(md: str) -> list[str]:
    html = markdown.markdown(md, extensions=["fenced_code"])
    return [line for line in html.splitlines() if line.startswith(("<h1", "<h2", "<h3", "<h4"))]


def test_a_note_heading_never_becomes_a_heading_of_the_brief() -> None:
    note = "# Big claim\n\n## Sub\n\nSome text\n===\n\nMore\n---"
    safe = text.note(note)
    assert safe.startswith("##### Big claim")
    assert "###### Sub" in safe
    assert _headings("# Brief\n\n" + safe + "\n\n## Next article") == [
        "<h1>Brief</h1>",
        "<h2>Next article</h2>",
    ]


def test_an_unbalanced_fence_is_closed_so_the_next_highlight_survives() -> None:
    safe = text.note("look:\n```python\nx = 1")
    assert safe.endswith("```")
    html = markdown.markdown(safe + "\n\n## Next", extensions=["fenced_code"])
    assert "<h2>Next</h2>" in html
    tilde = text.note("~~~~\ncode\n~~~")
    assert tilde.endswith("~~~~")


def test_headings_inside_a_code_fence_are_left_alone() -> None:
    safe = text.note("```\n# not a heading\n```\n# heading")
    assert "\n# not a heading\n" in safe
    assert safe.endswith("##### heading")


def test_a_note_stays_markdown() -> None:
    assert text.note("- one\n- **two**") == "- one\n- **two**"
    assert text.note("   \n") == ""


def test_titles_and_quotes_read_as_written() -> None:
    assert text.inline("# 1. *Not* [a] link_") == r"\# 1. \*Not\* \[a\] link\_"
    assert text.inline("1. First") == r"1\. First"
    assert text.quote("line one\n\n# line two") == "> line one\n>\n> \\# line two"
    html = markdown.markdown(text.inline("<b>bold</b> & *x*"))
    assert "<b>" not in html and "*x*" in html
