"""Reading and writing highlights, and re-anchoring them when their article's text changes.

A highlight row keeps the W3C TextQuoteSelector it was made with (exact, prefix, suffix)
until a person accepts a new place or re-attaches it; re-anchoring moves only its position,
status, score and the version the position refers to. Nothing here deletes a highlight
except `delete`, which is only called when a person asks.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from reader.core.anchoring import QuoteSelector, anchor_all
from reader.core.errors import NotFoundError, ReaderError
from reader.core.models import AnchorStatus, Highlight
from reader.storage.tables import Base, HighlightRow
from reader.storage.tags import TagRepository
from reader.storage.versioned import versioned_update

REVIEW_STATUSES = (AnchorStatus.FUZZY.value, AnchorStatus.ORPHAN.value)

_highlights = Base.metadata.tables[HighlightRow.__tablename__]
_COLUMNS = (
    HighlightRow.id,
    HighlightRow.uuid,
    HighlightRow.article_id,
    HighlightRow.start,
    HighlightRow.end,
    HighlightRow.exact,
    HighlightRow.prefix,
    HighlightRow.suffix,
    HighlightRow.color,
    HighlightRow.note,
    HighlightRow.status,
    HighlightRow.score,
    HighlightRow.version_number,
    HighlightRow.created,
    HighlightRow.modified,
    HighlightRow.author,
    HighlightRow.row_version,
    HighlightRow.edited_by,
)
_PLACE = (
    update(_highlights)
    .where(_highlights.c.id == bindparam("hid"))
    .values(
        start=bindparam("new_start"),
        end=bindparam("new_end"),
        status=bindparam("new_status"),
        score=bindparam("new_score"),
        version_number=bindparam("new_version"),
        row_version=_highlights.c.row_version + 1,
        modified=bindparam("now"),
    )
)


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_STATUS = {status.value: status for status in AnchorStatus}


def _highlight(row: Any, tags: tuple[str, ...]) -> Highlight:
    # Unpacked by position, in _COLUMNS order: an article opens with all its highlights,
    # and reading hundreds of rows attribute by attribute showed in the opening time.
    (
        highlight_id,
        uuid,
        article_id,
        start,
        end,
        exact,
        prefix,
        suffix,
        color,
        note,
        status,
        score,
        version,
        created,
        modified,
        author,
        row_version,
        edited_by,
    ) = row
    return Highlight(
        id=highlight_id,
        uuid=uuid,
        article_id=article_id,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=color,
        note=note,
        tags=tags,
        status=_STATUS[status],
        score=score,
        version=version,
        created=_as_utc(created),
        modified=_as_utc(modified),
        author=author,
        row_version=row_version,
        edited_by=edited_by,
    )


@dataclass(frozen=True, slots=True)
class Reanchored:
    """What re-anchoring an article's highlights did, for the import report."""

    kept: int = 0  # exact: still where they were
    moved: int = 0
    fuzzy: int = 0
    orphan: int = 0
    changed: frozenset[int] = field(default_factory=frozenset)  # ids whose row changed

    @property
    def total(self) -> int:
        return self.kept + self.moved + self.fuzzy + self.orphan

    @property
    def needs_review(self) -> int:
        return self.fuzzy + self.orphan

    def describe(self) -> str:
        """ "12 highlights kept in place, 1 moved, 1 needs review"; "" with no highlights."""
        if not self.total:
            return ""
        noun = "highlight" if self.kept == 1 else "highlights"
        parts = [f"{self.kept} {noun} kept in place"]
        if self.moved:
            parts.append(f"{self.moved} moved")
        if self.needs_review:
            verb = "needs" if self.needs_review == 1 else "need"
            parts.append(f"{self.needs_review} {verb} review")
        return ", ".join(parts)


class HighlightRepository:
    def __init__(self, session: Session, tags: TagRepository) -> None:
        self.session = session
        self.tags = tags

    # -- reading -------------------------------------------------------------------------
    def get(self, highlight_id: int) -> Highlight:
        row = self.session.execute(select(*_COLUMNS).where(HighlightRow.id == highlight_id)).first()
        if row is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        return _highlight(row, self.tags.of_highlights([highlight_id]).get(highlight_id, ()))

    def exists(self, highlight_id: int) -> bool:
        return self.session.get(HighlightRow, highlight_id) is not None

    def list(self, article_id: int | None = None, *, needs_review: bool = False) -> list[Highlight]:
        """In text order (article, start, then id)."""
        query = select(*_COLUMNS).order_by(
            HighlightRow.article_id, HighlightRow.start, HighlightRow.id
        )
        if article_id is not None:
            query = query.where(HighlightRow.article_id == article_id)
        if needs_review:
            query = query.where(HighlightRow.status.in_(REVIEW_STATUSES))
        rows = self.session.execute(query).all()
        tags = self.tags.of_highlights(row.id for row in rows)
        return [_highlight(row, tags.get(row.id, ())) for row in rows]

    # -- writing -------------------------------------------------------------------------
    def add(
        self,
        *,
        article_id: int,
        version: int,
        start: int,
        end: int,
        selector: QuoteSelector,
        color: str,
        note: str,
        author: str,
    ) -> int:
        row = HighlightRow(
            article_id=article_id,
            version_number=version,
            start=start,
            end=end,
            exact=selector.exact,
            prefix=selector.prefix,
            suffix=selector.suffix,
            color=color,
            note=note,
            status=AnchorStatus.EXACT.value,
            score=1.0,
            author=author,
            edited_by=author,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def restore(self, highlight: Highlight) -> None:
        """Puts a deleted highlight back as it was: same id, uuid, times and author."""
        if self.session.get(HighlightRow, highlight.id) is not None:
            raise ReaderError(f"highlight {highlight.id} already exists")
        taken = self.session.scalar(
            select(HighlightRow.id).where(HighlightRow.uuid == highlight.uuid)
        )
        if taken is not None:
            raise ReaderError(f"highlight {highlight.uuid} already exists as {taken}")
        self.session.add(
            HighlightRow(
                id=highlight.id,
                uuid=highlight.uuid,
                article_id=highlight.article_id,
                version_number=highlight.version,
                start=highlight.start,
                end=highlight.end,
                exact=highlight.exact,
                prefix=highlight.prefix,
                suffix=highlight.suffix,
                color=highlight.color,
                note=highlight.note,
                status=highlight.status.value,
                score=highlight.score,
                author=highlight.author,
                created=highlight.created,
                modified=highlight.modified,
                row_version=highlight.row_version,
                edited_by=highlight.edited_by,
            )
        )
        self.session.flush()

    def update(
        self,
        highlight_id: int,
        *,
        editor: str | None = None,
        expected_version: int | None = None,
        **values: object,
    ) -> bool:
        """See `change`."""
        return self.change(highlight_id, values, editor=editor, expected_version=expected_version)

    def change(
        self,
        highlight_id: int,
        values: Mapping[str, object],
        *,
        editor: str | None = None,
        expected_version: int | None = None,
    ) -> bool:
        """Changes the given columns, counts the change in `row_version` and records who made
        it. With `expected_version`, only if nobody changed the row since that version was
        read (optimistic locking): returns False, changing nothing, when someone did."""
        changed = versioned_update(
            self.session,
            _highlights,
            highlight_id,
            values,
            editor=editor,
            expected_version=expected_version,
        )
        if changed is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        return changed

    def reselect(
        self, highlight_id: int, start: int, end: int, selector: QuoteSelector, version: int
    ) -> None:
        """A new quote and place chosen by a person (accept, re-attach): exact, fully trusted."""
        self.update(
            highlight_id,
            start=start,
            end=end,
            exact=selector.exact,
            prefix=selector.prefix,
            suffix=selector.suffix,
            status=AnchorStatus.EXACT.value,
            score=1.0,
            version_number=version,
        )

    def delete(self, highlight_id: int) -> None:
        self.session.execute(delete(HighlightRow).where(HighlightRow.id == highlight_id))

    # -- re-anchoring --------------------------------------------------------------------
    def reanchor(
        self, article_id: int, text: str, version: int, *, only: Collection[int] | None = None
    ) -> Reanchored:
        """Places every highlight of the article (or those in `only`) on `text`, its current
        text, `version`.

        The quote selectors are left as they were made; an orphan keeps its last position,
        clamped to the new text, so it still has somewhere to be shown from.
        """
        query = (
            select(
                HighlightRow.id,
                HighlightRow.start,
                HighlightRow.end,
                HighlightRow.exact,
                HighlightRow.prefix,
                HighlightRow.suffix,
                HighlightRow.status,
                HighlightRow.score,
                HighlightRow.version_number,
            )
            .where(HighlightRow.article_id == article_id)
            .order_by(HighlightRow.id)
        )
        if only is not None:
            query = query.where(HighlightRow.id.in_(list(only)))
        rows = self.session.execute(query).all()
        if not rows:
            return Reanchored()
        placements = anchor_all(
            text,
            [(QuoteSelector(r.exact, r.prefix, r.suffix), r.start, r.end) for r in rows],
        )
        counts = dict.fromkeys(AnchorStatus, 0)
        params: list[dict[str, object]] = []
        changed: set[int] = set()
        now = datetime.now(UTC)
        for row, place in zip(rows, placements, strict=True):
            status = AnchorStatus(place.status)
            counts[status] += 1
            start, end = place.start, place.end
            if status is AnchorStatus.ORPHAN:
                end = min(row.end, len(text))
                start = min(row.start, end)
            same = (start, end, status.value, version) == (
                row.start,
                row.end,
                row.status,
                row.version_number,
            ) and place.score == row.score
            if not same:
                changed.add(row.id)
                params.append(
                    {
                        "hid": row.id,
                        "new_start": start,
                        "new_end": end,
                        "new_status": status.value,
                        "new_score": float(place.score),
                        "new_version": version,
                        "now": now,
                    }
                )
        if params:
            self.session.execute(_PLACE, params)
        return Reanchored(
            kept=counts[AnchorStatus.EXACT],
            moved=counts[AnchorStatus.MOVED],
            fuzzy=counts[AnchorStatus.FUZZY],
            orphan=counts[AnchorStatus.ORPHAN],
            changed=frozenset(changed),
        )
