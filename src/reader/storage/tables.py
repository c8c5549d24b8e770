"""The library's tables as typed SQLAlchemy ORM classes.

The whole model is here from the first migration (articles and their versions, blocks,
highlights, tags, entities, aliases, mentions) so later features add behaviour, not schema
churn. Records that people create carry a UUID, created/modified times and an author, so
libraries can be merged, shared and exported as W3C annotations.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Authored:
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    modified: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    author: Mapped[str] = mapped_column(String(200), default="")


class ArticleRow(_Authored, Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_sort", "sort_at", "id"),
        Index("ix_articles_read_at", "read_at"),  # migration 0006: is:unread
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    kicker: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(35))
    published: Mapped[date | None] = mapped_column(Date)
    updated: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Newest first means by the article's own date when it has one, else by import time.
    sort_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    source_path: Mapped[str | None] = mapped_column(Text)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    url: Mapped[str | None] = mapped_column(Text)  # where a web page or feed entry came from

    versions: Mapped[list[ArticleVersionRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class ArticleVersionRow(Base):
    """Every text an article has had; highlights name the version they were made on."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100), default="text/plain")
    raw: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="versions")
    blocks: Mapped[list[BlockRow]] = relationship(
        order_by="BlockRow.seq", cascade="all, delete-orphan", passive_deletes=True
    )


class BlockRow(Base):
    __tablename__ = "blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("article_versions.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[int] = mapped_column(Integer, default=0)
    href: Mapped[str | None] = mapped_column(Text)


class ArticleSourceRow(Base):
    """A file an article was imported from; one article may come from several files."""

    __tablename__ = "article_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    location: Mapped[str] = mapped_column(Text, unique=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TagRow(_Authored, Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class HighlightRow(_Authored, Base):
    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    version_number: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="exact")
    score: Mapped[float] = mapped_column(Float, default=1.0)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    # Who made the last change (the note, the colour, the tags); `author` made the highlight.
    edited_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


class HighlightTagRow(Base):
    __tablename__ = "highlight_tags"

    highlight_id: Mapped[int] = mapped_column(
        ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ArticleTagRow(Base):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EntityRow(_Authored, Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    edited_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


class AliasRow(Base):
    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    alias_id: Mapped[int | None] = mapped_column(ForeignKey("aliases.id", ondelete="SET NULL"))
    version_number: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class BoilerplateLineRow(Base):
    """A banner line learned from an import, stripped from later imports too."""

    __tablename__ = "boilerplate_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text, unique=True)
    learned: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HighlightEntityRow(Base):
    """A highlight linked to an entity: found in its text ("auto"), linked by hand
    ("manual"), or unlinked by hand ("unlinked", so automatic linking leaves it alone)."""

    __tablename__ = "highlight_entities"

    highlight_id: Mapped[int] = mapped_column(
        ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    source: Mapped[str] = mapped_column(String(10), default="auto")


class RejectedSuggestionRow(Base):
    """An entity suggestion the person turned down; never suggested again."""

    __tablename__ = "rejected_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text, unique=True)  # casefolded
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SavedSearchRow(_Authored, Base):
    """A named query shown as a smart folder above the article list."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    query: Mapped[str] = mapped_column(Text)


class NearDuplicateKeyRow(Base):
    """One band of an article's MinHash signature as one integer key
    (`reader.core.minhash.bands`), for finding near-duplicate stories (locality-sensitive
    hashing: articles sharing enough keys are compared).

    On SQLite the table is its own index (WITHOUT ROWID, ordered by key): an import writes
    one entry per band to a random place in it, and nothing else that is not sequential. The
    index on the article (appended in order as articles arrive) serves the cascade on delete.
    """

    __tablename__ = "near_duplicate_keys"
    __table_args__ = (
        Index("ix_near_duplicate_keys_article_id", "article_id"),
        {"sqlite_with_rowid": False},
    )

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )


class NearDuplicateSignatureRow(Base):
    """An article's whole MinHash signature (`reader.core.minhash.pack`), read when another
    article shares its bands, instead of hashing its text again."""

    __tablename__ = "near_duplicate_signatures"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)
