"""How the command line prints things: JSON shapes and compact human lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.models import Article, ArticleSummary, Highlight
    from reader.core.palette import ColorLabel


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def summary_json(item: ArticleSummary) -> dict[str, Any]:
    return {
        "id": item.id,
        "uuid": item.uuid,
        "title": item.title,
        "kicker": item.kicker,
        "source": item.source,
        "source_path": item.source_path,
        "published": iso(item.published),
        "updated": iso(item.updated),
        "imported_at": iso(item.imported_at),
        "word_count": item.word_count,
        "highlight_count": item.highlight_count,
        "review_count": item.review_count,
    }


def highlight_json(item: Highlight, palette: Sequence[ColorLabel]) -> dict[str, Any]:
    from reader.core.palette import label_of

    return {
        "id": item.id,
        "uuid": item.uuid,
        "article_id": item.article_id,
        "start": item.start,
        "end": item.end,
        "exact": item.exact,
        "prefix": item.prefix,
        "suffix": item.suffix,
        "color": item.color,
        "label": label_of(palette, item.color),
        "tags": list(item.tags),
        "note": item.note,
        "status": item.status.value,
        "score": item.score,
        "version": item.version,
        "author": item.author,
        "created": iso(item.created),
        "modified": iso(item.modified),
    }


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def highlight_line(item: Highlight, palette: Sequence[ColorLabel]) -> str:
    from reader.core.palette import label_of

    tags = "".join(f"  #{tag}" for tag in item.tags)
    status = "" if item.status.value == "exact" else f"  [{item.status.value}]"
    note = f"\n        note: {clip(item.note)}" if item.note.strip() else ""
    return (
        f"{item.id:>6}  article {item.article_id}  {item.start}-{item.end}  "
        f"{label_of(palette, item.color)}{status}  \u201c{clip(item.exact)}\u201d{tags}{note}"
    )


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "uuid": article.uuid,
        "title": article.title,
        "kicker": article.kicker,
        "byline": article.byline,
        "source": article.source,
        "source_path": article.source_path,
        "language": article.language,
        "published": iso(article.published),
        "updated": iso(article.updated),
        "imported_at": iso(article.imported_at),
        "version": article.version,
        "word_count": article.word_count,
        "highlight_count": article.highlight_count,
        "text": article.text,
        "blocks": [
            {
                "kind": b.kind.value,
                "start": b.start,
                "end": b.end,
                **({"level": b.level} if b.level else {}),
                **({"number": b.number} if b.number else {}),
                **({"href": b.href} if b.href else {}),
            }
            for b in article.blocks
        ],
    }


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
