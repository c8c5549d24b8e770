"""Reading W3C Web Annotations back onto the library's articles.

An annotation finds its article by the target's urn:uuid; failing that, by an article of the
same title, then any article, whose text holds the quote. It is then placed like a re-import
places highlights (`reader.core.anchoring.anchor`): at its stored position if the quote still
stands there, else by quote and context, else approximately (a "fuzzy" highlight that waits
for review). One that cannot be placed is reported, not stored. A highlight whose UUID the
library already has is updated (note, colour, tags) rather than duplicated, so importing the
same file twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.anchoring import QuoteSelector, anchor
from reader.core.changes import Changes
from reader.core.errors import ReaderError
from reader.core.models import AnchorStatus
from reader.core.palette import DEFAULT_COLOR, DEFAULT_PALETTE
from reader.export import jsonld
from reader.services.library import Library

if TYPE_CHECKING:
    from reader.storage.unit import Unit


@dataclass(frozen=True)
class ImportAnnotationsReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    unmatched: int = 0
    messages: tuple[str, ...] = ()
    changes: Changes = field(default_factory=Changes)

    def describe(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.unmatched} not matched"
        )


def _load(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReaderError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReaderError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from None


class _Articles:
    """Finds an annotation's article and current text, reading each text once."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.texts: dict[int, tuple[int, str]] = {}
        self.all: list[tuple[int, str, str]] | None = None

    def text(self, article_id: int) -> tuple[int, str]:
        if article_id not in self.texts:
            self.texts[article_id] = self.unit.articles.current_text(article_id)
        return self.texts[article_id]

    def find(self, record: jsonld.AnnotationRecord) -> int | None:
        if record.article_uuid:
            found = self.unit.articles.id_for_uuid(record.article_uuid)
            if found is not None:
                return found
        if self.all is None:
            from reader.storage.exchange import article_texts

            self.all = list(article_texts(self.unit))
        holding = [(aid, title) for aid, title, text in self.all if record.exact in text]
        same_title = [aid for aid, title in holding if title == record.article_title]
        if same_title:
            return same_title[0]
        return holding[0][0] if len(holding) == 1 else None


def _place(text: str, record: jsonld.AnnotationRecord) -> tuple[int, int, AnchorStatus, float]:
    if record.start is not None and record.end is not None:
        if text[record.start : record.end] == record.exact:
            return record.start, record.end, AnchorStatus.EXACT, 1.0
        start, end = record.start, record.end
    else:
        at = max(text.find(record.exact), 0)
        start, end = at, at + len(record.exact)
    placed = anchor(text, QuoteSelector(record.exact, record.prefix, record.suffix), start, end)
    return placed.start, placed.end, placed.status, placed.score


def import_annotations(library: Library, path: Path) -> ImportAnnotationsReport:
    """Adds (or updates, by UUID) the highlights a W3C annotation file describes."""
    from reader.storage.exchange import highlight_id_for_uuid, insert_highlight

    document = _load(path)
    keys = {entry.key for entry in DEFAULT_PALETTE}
    added: set[int] = set()
    updated: set[int] = set()
    articles_changed: set[int] = set()
    unchanged = unmatched = 0
    messages: list[str] = []
    with library.unit() as unit:
        finder = _Articles(unit)
        for node in jsonld.annotations_in(document):
            try:
                record = jsonld.read(node)
            except ReaderError as exc:
                unmatched += 1
                messages.append(str(exc))
                continue
            color = record.color if record.color in keys else DEFAULT_COLOR
            existing = highlight_id_for_uuid(unit, record.uuid)
            if existing is not None:
                current = unit.highlights.get(existing)
                if (current.note, current.color, set(current.tags)) == (
                    record.note,
                    color,
                    set(record.tags),
                ):
                    unchanged += 1
                    continue
                unit.highlights.update(existing, note=record.note, color=color)
                for name in set(current.tags) - set(record.tags):
                    tag = unit.tags.find(name)
                    if tag is not None:
                        unit.tags.unlink_highlights(tag.id, [existing])
                for name in record.tags:
                    unit.tags.link_highlights(unit.tags.ensure(name, library.author).id, [existing])
                updated.add(existing)
                continue
            article_id = finder.find(record)
            if article_id is None:
                unmatched += 1
                messages.append(f"“{record.exact[:60]}”: no article holds this quote")
                continue
            version, text = finder.text(article_id)
            start, end, status, score = _place(text, record)
            if status is AnchorStatus.ORPHAN:
                unmatched += 1
                messages.append(f"“{record.exact[:60]}”: not found in its article's text")
                continue
            now = datetime.now(UTC)
            highlight_id = insert_highlight(
                unit,
                uuid=record.uuid,
                article_id=article_id,
                version=version,
                start=start,
                end=end,
                exact=record.exact,
                prefix=record.prefix,
                suffix=record.suffix,
                color=color,
                note=record.note,
                status=status.value,
                score=score,
                author=record.author or library.author,
                created=record.created or now,
                modified=record.modified or record.created or now,
            )
            for name in record.tags:
                unit.tags.link_highlights(unit.tags.ensure(name, library.author).id, [highlight_id])
            added.add(highlight_id)
            articles_changed.add(article_id)
    changes = Changes(
        highlights_added=frozenset(added),
        highlights_changed=frozenset(updated),
        articles_changed=frozenset(articles_changed),
        tags_changed=bool(added or updated),
    )
    return ImportAnnotationsReport(
        len(added), len(updated), unchanged, unmatched, tuple(messages), changes
    )
