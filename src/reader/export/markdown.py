"""Briefs and dossiers as Markdown, through a Jinja2 template.

The template gets plain values that are already safe to drop into Markdown (escaped titles,
quotes as block quotes, notes fenced in by `reader.export.text`), so a person editing a copy
of the template cannot forget an escape and let a note break the brief. The same filters
(`md_inline`, `md_quote`, `md_note`) are there for templates that want the raw records
(`brief`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.models import Entity
from reader.export import templates, text
from reader.export.model import Brief, BriefArticle, BriefHighlight

FILTERS = {"md_inline": text.inline, "md_quote": text.quote, "md_note": text.note}


def when(value: datetime) -> str:
    """A time as the brief shows it: UTC, to the minute."""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary(brief: Brief) -> str:
    parts = [
        plural(len(brief.articles), "article"),
        plural(brief.highlight_count, "highlight"),
        plural(len(brief.entities), "entity").replace("entitys", "entities"),
    ]
    line = ", ".join(parts) + "."
    if brief.left_out:
        waiting = plural(brief.left_out, "highlight")
        line += f" {waiting} waiting for review (placed uncertainly after a text change) "
        line += "left out."
    if brief.review_count:
        line += (
            f" {plural(brief.review_count, 'highlight')} marked “needs review”: "
            "placed uncertainly after a text change."
        )
    return line


def citation(article: BriefArticle, item: BriefHighlight) -> str:
    title = f"“{text.inline(article.article.title)}”"
    return f"{title}, ¶{item.paragraph}" if item.paragraph else title


def _highlight(article: BriefArticle, item: BriefHighlight, reader: str = "") -> dict[str, Any]:
    """`reader`: who the brief is for or by; a highlight someone else made says by whom."""
    h = item.highlight
    details = [text.inline(item.label)]
    if h.author and h.author != reader:
        details.append(f"by {text.inline(h.author)}")
    if h.tags:
        details.append("tags: " + ", ".join(text.inline(tag) for tag in h.tags))
    if item.entities:
        details.append("mentions: " + ", ".join(text.inline(name) for name in item.entities))
    details.append(citation(article, item))
    review = ""
    if item.needs_review:
        review = (
            f"**Needs review ({h.status.value}):** the article's text changed and this "
            "passage was placed uncertainly."
        )
    return {
        "record": h,
        "quote": text.quote(h.exact),
        "label": text.inline(item.label),
        "tags": [text.inline(tag) for tag in h.tags],
        "details": " · ".join(details),
        "citation": citation(article, item),
        "paragraph": item.paragraph,
        "note": text.note(h.note),
        "review": review,
        "author": text.inline(h.author),
        "edited_by": text.inline(h.edited_by),
    }


def _article(item: BriefArticle, reader: str) -> dict[str, Any]:
    a = item.article
    facts = [text.inline(part) for part in (a.source, a.byline) if part]
    if a.published:
        facts.append(f"published {a.published.isoformat()}")
    if a.updated and a.updated != a.published:
        facts.append(f"updated {a.updated.isoformat()}")
    if not a.published and not a.updated:
        facts.append(f"imported {a.imported_at.date().isoformat()}")
    url = item.url if item.url and item.url.startswith(("http://", "https://")) else None
    return {
        "record": a,
        "title": text.inline(a.title),
        "kicker": text.inline(a.kicker),
        "facts": " · ".join(facts),
        "url": f"<{url}>" if url and " " not in url and ">" not in url else "",
        "highlights": [_highlight(item, h, reader) for h in item.highlights],
    }


def _entity(entity: Entity) -> dict[str, Any]:
    others = [alias for alias in entity.aliases if alias != entity.name]
    return {
        "record": entity,
        "name": text.inline(entity.name),
        "kind": entity.kind,
        "aliases": [text.inline(alias) for alias in others],
        "note": text.note(entity.note),
    }


def context(brief: Brief) -> dict[str, Any]:
    """What a template sees; every string in it is already Markdown-safe."""
    return {
        "brief": brief,
        "title": text.inline(brief.title),
        "made_at": when(brief.made_at),
        "made_from": text.inline(brief.made_from),
        "author": text.inline(brief.author),
        "summary": summary(brief),
        "articles": [_article(item, brief.author) for item in brief.articles],
        "entities": [_entity(e) for e in brief.entities],
        "subject": _entity(brief.subject) if brief.subject is not None else None,
    }


def render(brief: Brief, template: Path) -> str:
    """The brief through `template`; ends with exactly one newline."""
    loaded = templates.load(template, FILTERS)
    rendered = templates.render(loaded, context(brief))
    return rendered.rstrip() + "\n"


def highlights_block(items: Sequence[tuple[BriefArticle, BriefHighlight]], reader: str = "") -> str:
    """ "Copy as Markdown": each highlight as a block quote with its label, tags, citation
    and note, separated by a blank line, without a template (a clipboard wants no title).
    Highlights made by someone other than `reader` say by whom."""
    parts = []
    for article, item in items:
        data = _highlight(article, item, reader)
        block = [data["quote"], "", f"— {data['details']}"]
        if data["review"]:
            block += ["", data["review"]]
        if data["note"]:
            block += ["", data["note"]]
        parts.append("\n".join(block))
    return "\n\n".join(parts) + "\n" if parts else ""
