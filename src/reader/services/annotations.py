"""Highlights, their notes and tags, and article tags: what a person marks in an article.

Each changing call is one transaction and returns what changed; the ones the window can undo
also return what the undo needs (a deleted highlight comes back complete from
`restore_highlight`, any other edit is undone by `revert_highlight` with the record as it was).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.anchoring import describe, find_quote
from reader.core.changes import Changes
from reader.core.errors import EditConflictError, ReaderError
from reader.core.models import Article, Highlight
from reader.core.palette import DEFAULT_COLOR, DEFAULT_PALETTE
from reader.services.library import Library, retried

if TYPE_CHECKING:
    from reader.storage.unit import Unit


@dataclass(frozen=True)
class HighlightResult:
    highlight: Highlight
    changes: Changes


def check_color(color: str) -> str:
    keys = [entry.key for entry in DEFAULT_PALETTE]
    if color not in keys:
        raise ReaderError(f"no colour {color!r}; use one of {', '.join(keys)}")
    return color


def check_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection with surrounding white space trimmed; refuses an empty one."""
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise ReaderError("select some text first")
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def _changed(
    highlight: Highlight, *, added: bool = False, removed: bool = False, tags: bool = False
) -> Changes:
    ids = frozenset({highlight.id})
    return Changes(
        articles_changed=frozenset({highlight.article_id}) if added or removed else frozenset(),
        highlights_added=ids if added else frozenset(),
        highlights_removed=ids if removed else frozenset(),
        highlights_changed=frozenset() if added or removed else ids,
        tags_changed=tags,
    )


def _link_tags(unit: Unit, highlight_id: int, tags: Sequence[str], author: str) -> bool:
    linked = False
    for name in tags:
        tag = unit.tags.ensure(name, author)
        linked = bool(unit.tags.link_highlights(tag.id, [highlight_id])) or linked
    return linked


def _link_entities(unit: Unit, highlight_id: int) -> None:
    """A highlight over a mention of an entity links to it (reader.services.entities)."""
    from reader.services.entities import link_new_highlight

    link_new_highlight(unit, highlight_id)


@retried
def _create(
    library: Library,
    article_id: int,
    locate: Callable[[str], tuple[int, int]],
    color: str,
    note: str,
    tags: Sequence[str],
) -> HighlightResult:
    check_color(color)
    with library.unit() as unit:
        version, text = unit.articles.current_text(article_id)
        start, end = locate(text)
        highlight_id = unit.highlights.add(
            article_id=article_id,
            version=version,
            start=start,
            end=end,
            selector=describe(text, start, end),
            color=color,
            note=note,
            author=library.author,
        )
        _link_tags(unit, highlight_id, tags, library.author)
        _link_entities(unit, highlight_id)
        highlight = unit.highlights.get(highlight_id)
    return HighlightResult(highlight, _changed(highlight, added=True, tags=bool(tags)))


def create_highlight(
    library: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    color: str = DEFAULT_COLOR,
    note: str = "",
    tags: Sequence[str] = (),
) -> HighlightResult:
    """Highlights `[start, end)` (code points of the article's current text)."""
    return _create(
        library, article_id, lambda text: check_span(text, start, end), color, note, tags
    )


def create_from_quote(
    library: Library,
    article_id: int,
    exact: str,
    *,
    prefix: str = "",
    suffix: str = "",
    color: str = DEFAULT_COLOR,
    note: str = "",
    tags: Sequence[str] = (),
) -> HighlightResult:
    """Highlights the one place `exact` stands in the article (with `prefix`/`suffix` to pick
    among several); QuoteNotFoundError or AmbiguousQuoteError if there is not exactly one."""
    # Canonical text is NFC; a quote typed or pasted with decomposed accents must match it.
    exact, prefix, suffix = (unicodedata.normalize("NFC", part) for part in (exact, prefix, suffix))
    return _create(
        library,
        article_id,
        lambda text: find_quote(text, exact, prefix, suffix),
        color,
        note,
        tags,
    )


def highlights(library: Library, article_id: int | None = None) -> list[Highlight]:
    """In text order; every article's, article by article, if `article_id` is None."""
    with library.unit() as unit:
        if article_id is not None:
            unit.articles.title(article_id)  # NotFoundError for an unknown article
        return unit.highlights.list(article_id)


@dataclass(frozen=True)
class ArticleView:
    """What the window shows when an article opens, read in one transaction."""

    article: Article
    highlights: tuple[Highlight, ...]
    tags: tuple[str, ...]


def article_view(library: Library, article_id: int) -> ArticleView:
    with library.unit() as unit:
        article = unit.articles.get(article_id)  # NotFoundError for an unknown article
        return ArticleView(
            article,
            tuple(unit.highlights.list(article_id)),
            unit.tags.of_article(article_id),
        )


def get_highlight(library: Library, highlight_id: int) -> Highlight:
    with library.unit() as unit:
        return unit.highlights.get(highlight_id)


@retried
def delete_highlight(library: Library, highlight_id: int) -> HighlightResult:
    """Deletes it; the result holds the highlight as it was, for `restore_highlight`."""
    with library.unit() as unit:
        highlight = unit.highlights.get(highlight_id)
        unit.highlights.delete(highlight_id)
    return HighlightResult(highlight, _changed(highlight, removed=True, tags=bool(highlight.tags)))


@retried
def restore_highlight(library: Library, highlight: Highlight) -> HighlightResult:
    """Brings a deleted highlight back: same id, uuid, note, tags, position and status.

    If its article's text changed since, it is re-anchored on the current text like the
    others were (its quote selector is kept as made).
    """
    with library.unit() as unit:
        version, _text = unit.articles.current_text(highlight.article_id)
        unit.highlights.restore(highlight)
        _link_tags(unit, highlight.id, highlight.tags, library.author)
        if highlight.version != version:
            from reader.storage.unit import reanchor_article

            reanchor_article(unit, highlight.article_id, only=[highlight.id])
        _link_entities(unit, highlight.id)
        restored = unit.highlights.get(highlight.id)
    return HighlightResult(restored, _changed(restored, added=True, tags=bool(restored.tags)))


@retried
def _edit(library: Library, highlight_id: int, **values: object) -> HighlightResult:
    with library.unit() as unit:
        unit.highlights.change(highlight_id, values, editor=library.author)
        highlight = unit.highlights.get(highlight_id)
    return HighlightResult(highlight, _changed(highlight))


def set_color(library: Library, highlight_id: int, color: str) -> HighlightResult:
    """`color` is a palette key (reader.core.palette), e.g. "claim"."""
    return _edit(library, highlight_id, color=check_color(color))


def set_note(
    library: Library, highlight_id: int, note: str, *, base: Highlight | None = None
) -> HighlightResult:
    """Saves the note. With `base` (the highlight as the editor showed it), the note is saved
    only if nobody else changed it meanwhile; a change of its colour or tags by someone else
    does not count. Otherwise EditConflictError says who changed it and when, and carries
    both texts: nothing this person typed is lost."""
    if base is None:
        return _edit(library, highlight_id, note=note)
    return _save_note(library, highlight_id, note, base)


@retried
def _save_note(library: Library, highlight_id: int, note: str, base: Highlight) -> HighlightResult:
    with library.unit() as unit:
        expected = base.row_version
        while not unit.highlights.update(
            highlight_id, editor=library.author, expected_version=expected, note=note
        ):
            current = unit.highlights.get(highlight_id)
            if current.note not in (base.note, note):
                raise EditConflictError(
                    "note", current.edited_by, _clock(current), current.note, note
                )
            expected = current.row_version  # only its colour or tags changed: save on top
        highlight = unit.highlights.get(highlight_id)
    return HighlightResult(highlight, _changed(highlight))


def _clock(highlight: Highlight) -> str:
    return highlight.modified.astimezone().strftime("%H:%M")


@retried
def revert_highlight(library: Library, before: Highlight) -> HighlightResult:
    """Puts an existing highlight back as `before` records it (colour, note, tags, quote,
    place, status): the undo of a recolour, a note edit, an accept or a re-attach."""
    with library.unit() as unit:
        current = unit.highlights.get(before.id)
        unit.highlights.update(
            before.id,
            editor=library.author,
            color=before.color,
            note=before.note,
            start=before.start,
            end=before.end,
            exact=before.exact,
            prefix=before.prefix,
            suffix=before.suffix,
            status=before.status.value,
            score=before.score,
            version_number=before.version,
        )
        retag = set(current.tags) != set(before.tags)
        if retag:
            for name in set(current.tags) - set(before.tags):
                tag = unit.tags.find(name)
                if tag is not None:
                    unit.tags.unlink_highlights(tag.id, [before.id])
            _link_tags(unit, before.id, before.tags, library.author)
        highlight = unit.highlights.get(before.id)
    changes = _changed(highlight, tags=retag)
    if current.status != highlight.status:
        changes = changes | Changes(articles_changed=frozenset({highlight.article_id}))
    return HighlightResult(highlight, changes)


@retried
def add_tag(library: Library, highlight_id: int, tag: str) -> HighlightResult:
    """Tags the highlight, reusing an existing tag's spelling ("iran" finds "Iran"). The
    changes are empty if it already had the tag (so an undo must not remove it)."""
    with library.unit() as unit:
        unit.highlights.get(highlight_id)
        linked = _link_tags(unit, highlight_id, [tag], library.author)
        if linked:
            unit.highlights.update(highlight_id, editor=library.author)  # an edit of it
        highlight = unit.highlights.get(highlight_id)
    return HighlightResult(highlight, _changed(highlight, tags=True) if linked else Changes())


@retried
def remove_tag(library: Library, highlight_id: int, tag: str) -> HighlightResult:
    """Untags the highlight; the tag itself stays (delete it in the tag manager). The changes
    are empty if the highlight did not have the tag."""
    with library.unit() as unit:
        before = unit.highlights.get(highlight_id)
        found = unit.tags.find(tag)
        had = found is not None and found.name in before.tags
        if found is not None and had:
            unit.tags.unlink_highlights(found.id, [highlight_id])
            unit.highlights.update(highlight_id, editor=library.author)  # an edit of it
        highlight = unit.highlights.get(highlight_id)
    return HighlightResult(highlight, _changed(highlight, tags=True) if had else Changes())


def article_tags(library: Library, article_id: int) -> tuple[str, ...]:
    with library.unit() as unit:
        unit.articles.title(article_id)
        return unit.tags.of_article(article_id)


@retried
def add_article_tag(library: Library, article_id: int, tag: str) -> Changes:
    with library.unit() as unit:
        unit.articles.title(article_id)
        found = unit.tags.ensure(tag, library.author)
        linked = unit.tags.link_articles(found.id, [article_id])
    if not linked:
        return Changes()
    return Changes(articles_changed=frozenset({article_id}), tags_changed=True)


@retried
def remove_article_tag(library: Library, article_id: int, tag: str) -> Changes:
    with library.unit() as unit:
        unit.articles.title(article_id)
        found = unit.tags.find(tag)
        if found is None or article_id not in unit.tags.article_ids(found.id):
            return Changes()
        unit.tags.unlink_articles(found.id, [article_id])
    return Changes(articles_changed=frozenset({article_id}), tags_changed=True)
