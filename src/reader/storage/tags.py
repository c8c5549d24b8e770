"""Tags on highlights and on articles.

Names are unique case-insensitively ("Iran" and "iran" are one tag) but keep the spelling
they were first given. The comparison is made in Python with `str.casefold`, not in SQL:
SQLite's `lower()` only folds ASCII, and tags are written in every script. A library holds
hundreds of tags, not millions, so reading their names to compare them costs nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from reader.core.errors import ReaderError
from reader.core.models import TagCount
from reader.storage.tables import ArticleRow, ArticleTagRow, HighlightRow, HighlightTagRow, TagRow

MAX_TAG_LENGTH = 200


def clean_tag(name: str) -> str:
    """A tag name as stored: NFC, stripped, inner runs of whitespace made one space."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        raise ReaderError("a tag needs a name")
    if len(cleaned) > MAX_TAG_LENGTH:
        raise ReaderError(f"a tag name can be at most {MAX_TAG_LENGTH} characters")
    return cleaned


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical as a person expects it: any case, accents after their letter's place
    ("apple", "Ärger", "Energy"), not after "z" as code points would have it."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return bare.casefold(), name


@dataclass(frozen=True, slots=True)
class StoredTag:
    id: int
    name: str
    uuid: str
    author: str
    created: datetime


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _stored(row: TagRow) -> StoredTag:
    return StoredTag(row.id, row.name, row.uuid, row.author, _as_utc(row.created))


class TagRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- finding and making tags ------------------------------------------------------------
    def find(self, name: str) -> StoredTag | None:
        """The tag with this name in any case, or None."""
        wanted = clean_tag(name)
        row = self.session.scalar(select(TagRow).where(TagRow.name == wanted))
        if row is not None:
            return _stored(row)
        folded = wanted.casefold()
        for tag_id, tag_name in self.session.execute(select(TagRow.id, TagRow.name)):
            if tag_name.casefold() == folded:
                found = self.session.get(TagRow, tag_id)
                assert found is not None
                return _stored(found)
        return None

    def ensure(self, name: str, author: str) -> StoredTag:
        """The tag with this name, made if it does not exist yet (reusing an existing
        spelling: tagging "iran" where "Iran" exists tags "Iran")."""
        found = self.find(name)
        if found is not None:
            return found
        return self.create(clean_tag(name), author)

    def create(
        self,
        name: str,
        author: str,
        *,
        uuid: str | None = None,
        created: datetime | None = None,
    ) -> StoredTag:
        row = TagRow(name=name, author=author)
        if uuid is not None:
            row.uuid = uuid
        if created is not None:
            row.created = created
        self.session.add(row)
        self.session.flush()
        return _stored(row)

    def by_uuid(self, uuid: str) -> StoredTag | None:
        row = self.session.scalar(select(TagRow).where(TagRow.uuid == uuid))
        return _stored(row) if row is not None else None

    def names(self) -> list[str]:
        return sorted(self.session.scalars(select(TagRow.name)), key=sort_key)

    def rename(self, tag_id: int, name: str) -> None:
        row = self.session.get(TagRow, tag_id)
        assert row is not None
        row.name = name
        self.session.flush()

    def delete(self, tag_id: int) -> None:
        self.session.execute(delete(TagRow).where(TagRow.id == tag_id))

    # -- links ---------------------------------------------------------------------------
    def highlight_ids(self, tag_id: int) -> tuple[int, ...]:
        return tuple(
            self.session.scalars(
                select(HighlightTagRow.highlight_id)
                .where(HighlightTagRow.tag_id == tag_id)
                .order_by(HighlightTagRow.highlight_id)
            )
        )

    def article_ids(self, tag_id: int) -> tuple[int, ...]:
        """Articles tagged with the tag themselves (not through their highlights)."""
        return tuple(
            self.session.scalars(
                select(ArticleTagRow.article_id)
                .where(ArticleTagRow.tag_id == tag_id)
                .order_by(ArticleTagRow.article_id)
            )
        )

    def articles_of_highlights(self, highlight_ids: Iterable[int]) -> set[int]:
        ids = list(highlight_ids)
        if not ids:
            return set()
        return set(
            self.session.scalars(
                select(HighlightRow.article_id).where(HighlightRow.id.in_(ids)).distinct()
            )
        )

    def link_highlights(self, tag_id: int, highlight_ids: Iterable[int]) -> set[int]:
        """Tags the highlights that still exist; returns those that did not have the tag."""
        wanted = set(highlight_ids) - set(self.highlight_ids(tag_id))
        if wanted:
            wanted = set(
                self.session.scalars(select(HighlightRow.id).where(HighlightRow.id.in_(wanted)))
            )
        if wanted:
            self.session.execute(
                insert(HighlightTagRow),
                [{"highlight_id": h, "tag_id": tag_id} for h in sorted(wanted)],
            )
        return wanted

    def unlink_highlights(self, tag_id: int, highlight_ids: Iterable[int]) -> None:
        ids = list(highlight_ids)
        if ids:
            self.session.execute(
                delete(HighlightTagRow).where(
                    HighlightTagRow.tag_id == tag_id, HighlightTagRow.highlight_id.in_(ids)
                )
            )

    def link_articles(self, tag_id: int, article_ids: Iterable[int]) -> set[int]:
        """Tags the articles that still exist; returns those that did not have the tag."""
        wanted = set(article_ids) - set(self.article_ids(tag_id))
        if wanted:
            wanted = set(
                self.session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(wanted)))
            )
        if wanted:
            self.session.execute(
                insert(ArticleTagRow),
                [{"article_id": a, "tag_id": tag_id} for a in sorted(wanted)],
            )
        return wanted

    def unlink_articles(self, tag_id: int, article_ids: Iterable[int]) -> None:
        ids = list(article_ids)
        if ids:
            self.session.execute(
                delete(ArticleTagRow).where(
                    ArticleTagRow.tag_id == tag_id, ArticleTagRow.article_id.in_(ids)
                )
            )

    def of_highlights(self, highlight_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """Each highlight's tag names, sorted case-insensitively."""
        ids = list(highlight_ids)
        found: dict[int, list[str]] = {}
        # Chunked: SQLite limits the number of bound parameters in one statement.
        for i in range(0, len(ids), 500):
            rows = self.session.execute(
                select(HighlightTagRow.highlight_id, TagRow.name)
                .join(TagRow, TagRow.id == HighlightTagRow.tag_id)
                .where(HighlightTagRow.highlight_id.in_(ids[i : i + 500]))
            )
            for highlight_id, name in rows:
                found.setdefault(highlight_id, []).append(name)
        return {h: tuple(sorted(names, key=sort_key)) for h, names in found.items()}

    def of_article(self, article_id: int) -> tuple[str, ...]:
        names = self.session.scalars(
            select(TagRow.name)
            .join(ArticleTagRow, ArticleTagRow.tag_id == TagRow.id)
            .where(ArticleTagRow.article_id == article_id)
        )
        return tuple(sorted(names, key=sort_key))

    # -- counts --------------------------------------------------------------------------
    def counts(self) -> list[TagCount]:
        highlights = (
            select(func.count(HighlightTagRow.highlight_id))
            .where(HighlightTagRow.tag_id == TagRow.id)
            .correlate(TagRow)
            .scalar_subquery()
        )
        articles = (
            select(func.count(ArticleTagRow.article_id))
            .where(ArticleTagRow.tag_id == TagRow.id)
            .correlate(TagRow)
            .scalar_subquery()
        )
        rows = self.session.execute(select(TagRow.name, highlights, articles, TagRow.author))
        found = [TagCount(name, h or 0, a or 0, author or "") for name, h, a, author in rows]
        return sorted(found, key=lambda t: sort_key(t.name))
