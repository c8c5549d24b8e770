"""Loading a brief template and turning its mistakes into messages a person can act on.

Templates are Jinja2 files; a person copies a built-in one into their config folder and edits
it. A syntax error names the file and line ("brief.md.j2 line 12: unexpected '}'"), and so
does an error raised while rendering, because a half-edited template is the common case.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from reader.core.errors import ReaderError


class TemplateError(ReaderError):
    """A template that cannot be read, parsed or rendered; the message names its line."""


def _environment(folder: Path, *, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def load(path: Path, filters: dict[str, Any] | None = None) -> jinja2.Template:
    """The template at `path`; HTML templates (*.html.j2) escape every value by default."""
    html = path.name.endswith((".html.j2", ".htm.j2"))
    env = _environment(path.parent, html=html)
    env.filters.update(filters or {})
    try:
        return env.get_template(path.name)
    except jinja2.TemplateNotFound:
        raise TemplateError(f"{path}: no such template") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{path.name} line {exc.lineno}: {exc.message}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path.name}: cannot read the template ({exc})") from None


def render(template: jinja2.Template, context: dict[str, Any]) -> str:
    try:
        return template.render(context)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{_where(template, exc)}: {exc}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        raise TemplateError(f"{_where(template, exc)}: {type(exc).__name__}: {exc}") from None


def _where(template: jinja2.Template, exc: BaseException) -> str:
    """ "name line N" from the traceback frame Jinja compiled the template into."""
    name = Path(template.filename or template.name or "template").name
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == template.filename:
            line = lineno  # Jinja rewrites its frames to the template's own lines
    return f"{name} line {line}" if line is not None else name
