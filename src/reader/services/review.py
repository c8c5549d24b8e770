"""The "Needs review" queue: highlights that re-anchoring placed only approximately (fuzzy)
or could not place at all (orphan), and what a person does about each one."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.anchoring import describe
from reader.core.changes import Changes
from reader.core.errors import ReaderError
from reader.core.models import AnchorStatus, Highlight
from reader.services.annotations import HighlightResult, check_span
from reader.services.library import Library


@dataclass(frozen=True)
class ReviewItem:
    """A highlight to review, with the words now at its place (None for an orphan) to show
    beside the words it was made on (`highlight.exact`)."""

    highlight: Highlight
    article_title: str
    candidate: str | None


def review_queue(library: Library, article_id: int | None = None) -> list[ReviewItem]:
    """Fuzzy and orphan highlights, article by article, in text order."""
    items: list[ReviewItem] = []
    with library.unit() as unit:
        if article_id is not None:
            unit.articles.title(article_id)
        texts: dict[int, tuple[str, str]] = {}
        for highlight in unit.highlights.list(article_id, needs_review=True):
            if highlight.article_id not in texts:
                _version, text = unit.articles.current_text(highlight.article_id)
                texts[highlight.article_id] = (unit.articles.title(highlight.article_id), text)
            title, text = texts[highlight.article_id]
            candidate = (
                text[highlight.start : highlight.end]
                if highlight.status is not AnchorStatus.ORPHAN
                else None
            )
            items.append(ReviewItem(highlight, title, candidate))
    return items


def _review_changes(before: Highlight, after: Highlight) -> Changes:
    changes = Changes(highlights_changed=frozenset({after.id}))
    if before.status != after.status:
        changes = changes | Changes(articles_changed=frozenset({after.article_id}))
    return changes


def accept(library: Library, highlight_id: int) -> HighlightResult:
    """Takes the place re-anchoring found: the quote becomes the words there now."""
    with library.unit() as unit:
        before = unit.highlights.get(highlight_id)
        if before.status is AnchorStatus.ORPHAN:
            raise ReaderError(
                f"highlight {highlight_id} has no place in the new text to accept; "
                "re-attach it to a selection or delete it"
            )
        version, text = unit.articles.current_text(before.article_id)
        start, end = check_span(text, before.start, before.end)
        unit.highlights.reselect(highlight_id, start, end, describe(text, start, end), version)
        after = unit.highlights.get(highlight_id)
    return HighlightResult(after, _review_changes(before, after))


def reattach(library: Library, highlight_id: int, start: int, end: int) -> HighlightResult:
    """Moves a highlight to a new selection of the current text, keeping its id, colour,
    note and tags."""
    with library.unit() as unit:
        before = unit.highlights.get(highlight_id)
        version, text = unit.articles.current_text(before.article_id)
        start, end = check_span(text, start, end)
        unit.highlights.reselect(highlight_id, start, end, describe(text, start, end), version)
        after = unit.highlights.get(highlight_id)
    return HighlightResult(after, _review_changes(before, after))


def reanchor_article(library: Library, article_id: int) -> Changes:
    """Places all of the article's highlights on its current text again; deletes nothing."""
    from reader.storage.unit import reanchor_article as reanchor

    with library.unit() as unit:
        placed = reanchor(unit, article_id)
    if not placed.changed:
        return Changes()
    return Changes(highlights_changed=placed.changed, articles_changed=frozenset({article_id}))
