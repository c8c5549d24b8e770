"""Domain records shared by every layer.

They are frozen so that a row handed to the window cannot be changed behind the storage
layer's back, and they never hold database sessions, so the window can keep them as long as it
likes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class BlockKind(enum.StrEnum):
    """Structural spans over an article's canonical text.

    Block kinds (heading, paragraph, quote, list item, code) tile the text; inline kinds
    (emphasis, strong, code span, link) mark runs inside a block.
    """

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    CODE = "code"
    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE_SPAN = "code_span"
    LINK = "link"

    @property
    def is_inline(self) -> bool:
        return self in _INLINE_KINDS


_INLINE_KINDS = frozenset(
    {BlockKind.EMPHASIS, BlockKind.STRONG, BlockKind.CODE_SPAN, BlockKind.LINK}
)


@dataclass(frozen=True, slots=True)
class Block:
    """A span `[start, end)` of the canonical text, in code points.

    `level` is the heading level or list nesting depth; `number` is an ordered list item's
    number (0 for a bullet); `href` is a link's target, shown to the reader but never fetched.
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    number: int = 0
    href: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """What an ingest module makes of one file, before it is stored."""

    title: str
    text: str
    blocks: tuple[Block, ...]
    kicker: str | None = None
    byline: str | None = None
    source: str | None = None
    published: date | None = None
    updated: date | None = None
    language: str | None = None
    raw: bytes = b""
    media_type: str = "text/plain"


@dataclass(frozen=True, slots=True)
class PageCursor:
    """Where the next page of the newest-first article list starts (keyset paging)."""

    sort_at: datetime
    id: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: enough to show it without loading its text."""

    id: int
    uuid: str
    title: str
    kicker: str | None
    source: str | None
    source_path: str | None
    published: date | None
    updated: date | None
    imported_at: datetime
    word_count: int
    highlight_count: int
    review_count: int = 0  # highlights that are fuzzy or orphaned, waiting for review
    read: bool = False  # opened at least once (and not marked unread since)


@dataclass(frozen=True, slots=True)
class Article:
    """An article with its current text and blocks, as the reader pane shows it."""

    id: int
    uuid: str
    title: str
    kicker: str | None
    byline: str | None
    source: str | None
    source_path: str | None
    language: str | None
    published: date | None
    updated: date | None
    imported_at: datetime
    version: int
    text: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    word_count: int = 0
    highlight_count: int = 0

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


class AnchorStatus(enum.StrEnum):
    """How a highlight sits in its article's current text.

    exact: the quote is where it was made; moved: the same quote and context, elsewhere (the
    text around it changed); fuzzy: placed by approximate matching above the acceptance
    threshold, to be reviewed; orphan: no acceptable place found, waiting for review.
    """

    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHAN = "orphan"

    @property
    def needs_review(self) -> bool:
        return self in (AnchorStatus.FUZZY, AnchorStatus.ORPHAN)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A marked passage: W3C TextQuoteSelector (exact, prefix, suffix) plus a
    TextPositionSelector (start, end: code points of the article's current text).

    `version` is the article version the position refers to. For an orphan, start and end
    keep the last position it had, and `exact` the words it marked.
    """

    id: int
    uuid: str
    article_id: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str  # a palette key (see reader.core.palette), not a colour value
    note: str
    tags: tuple[str, ...]
    status: AnchorStatus
    score: float
    version: int
    created: datetime
    modified: datetime
    author: str
    row_version: int = 1
    edited_by: str = ""  # who made the last change; `author` made the highlight


@dataclass(frozen=True, slots=True)
class TagCount:
    """A tag and how much it is used, for the tag manager and `reader tags`."""

    name: str
    highlights: int
    articles: int
    author: str = ""  # who made the tag


ENTITY_KINDS = ("person", "organization", "place", "other")


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or other actor the articles mention.

    `name` is always one of `aliases`; the counts are of stored mentions, so the panel can
    show and sort by them without scanning any text.
    """

    id: int
    uuid: str
    name: str
    kind: str  # one of ENTITY_KINDS
    aliases: tuple[str, ...]
    note: str  # Markdown
    created: datetime
    modified: datetime
    author: str
    mention_count: int = 0
    article_count: int = 0
    row_version: int = 1
    edited_by: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found at `[start, end)` (code points of the article's current text)."""

    id: int
    entity_id: int
    article_id: int
    start: int
    end: int
    text: str
