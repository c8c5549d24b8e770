"""Templates a person edits: a mistake names the file and line, and no file is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.export import templates


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "brief.md.j2"
    broken.write_text("# {{ title }}\n\nline 3\n{% for a in articles %}\n{{ a.title }\n", "utf-8")
    with pytest.raises(templates.TemplateError, match=r"^brief\.md\.j2 line 5: "):
        templates.load(broken)


def test_an_error_while_rendering_names_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "mine.md.j2"
    broken.write_text("# {{ title }}\n\n{{ no_such_value }}\n", "utf-8")
    loaded = templates.load(broken)
    with pytest.raises(templates.TemplateError, match=r"^mine\.md\.j2 line 3: .*no_such_value"):
        templates.render(loaded, {"title": "x"})


def test_a_missing_template_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(templates.TemplateError, match="no such template"):
        templates.load(tmp_path / "gone.md.j2")
