"""Field filters as portable SQL, shared by every search backend.

Each filter is stated about a hit's article (`aid`), its highlight (`hid`, NULL for article
and entity hits) and its entity (`eid`, NULL unless an entity hit):

- tag: the article or the highlight carries it (an article hit also passes when one of its
  highlights carries it: the list's tag filter works the same way);
- label:, status: the highlight has it; an article hit passes when one of its highlights does;
- entity: the article mentions it, or the highlight is linked to it; an entity hit passes
  when it is that entity;
- source:, after:, before:, is:unread, has:highlights: about the article.

Entity hits have no article, so only entity: and kind: let them through.

"The article has one" is stated as `aid IN (SELECT article_id ...)`, not as a correlated
EXISTS: a database can then start from the few articles that have one (build the set once, or
look each up by key) instead of asking the question again for every candidate.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from reader.core.query import Query
from reader.storage.tables import (
    ArticleRow,
    ArticleTagRow,
    HighlightEntityRow,
    HighlightRow,
    HighlightTagRow,
    MentionRow,
    TagRow,
)

# A column or SQL expression: mapped attributes (articles.id) and computed ones alike.
Expr = Any

# Aliases are made once: making one copies every column of its table, which cost more than
# running a search. Each is used in subqueries of its own (siblings at most), never in the
# statement the conditions are added to, so none is correlated by mistake.
_TAGGED = aliased(HighlightRow, name="tagged_highlight")
_LINKED = aliased(HighlightRow, name="linked_highlight")
_HAVING = aliased(HighlightRow, name="having_highlight")
_HIT_ARTICLE = aliased(ArticleRow, name="hit_article")  # aliased: `aid` may be articles.id


def tag_ids(session: Session, names: tuple[str, ...]) -> list[int]:
    """Ids of the tags with these names, in any case (unknown names match nothing)."""
    wanted = {name.strip().casefold() for name in names}
    return [
        tag_id
        for tag_id, name in session.execute(select(TagRow.id, TagRow.name))
        if name.casefold() in wanted
    ]


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(
    session: Session,
    query: Query,
    *,
    aid: Expr,
    hid: Expr,
    eid: Expr,
    entity_ids: list[list[int]],
    article: Any = None,
) -> list[Expr]:
    """The WHERE conditions for `query`'s fields. `entity_ids`: for each entity: field, the
    ids its names resolve to (the backend resolves names through its index). `article`: the
    hit's own `articles` row when the statement selects from it (then `aid` is its id), so
    that dates and the like are tested on it directly, where an index on them can be used."""
    found: list[Expr] = []
    if query.article_filters:
        found.append(aid.is_not(None))
    for names in query.tags:
        ids = tag_ids(session, names)
        if not ids:
            found.append(false())
            continue
        on_article = aid.in_(select(ArticleTagRow.article_id).where(ArticleTagRow.tag_id.in_(ids)))
        on_any_highlight = aid.in_(
            select(_TAGGED.article_id).where(
                HighlightTagRow.highlight_id == _TAGGED.id, HighlightTagRow.tag_id.in_(ids)
            )
        )
        on_highlight = exists().where(
            HighlightTagRow.highlight_id == hid, HighlightTagRow.tag_id.in_(ids)
        )
        found.append(
            or_(
                on_article,
                and_(hid.is_(None), on_any_highlight),
                and_(hid.is_not(None), on_highlight),
            )
        )
    for keys in query.labels:
        found.append(_highlight_has(aid, hid, HighlightRow.color, keys))
    for statuses in query.statuses:
        found.append(_highlight_has(aid, hid, HighlightRow.status, statuses))
    for ids in entity_ids:
        if not ids:
            found.append(false())
            continue
        mentioned = aid.in_(select(MentionRow.article_id).where(MentionRow.entity_id.in_(ids)))
        linked_any = aid.in_(
            select(_LINKED.article_id).where(
                HighlightEntityRow.highlight_id == _LINKED.id,
                HighlightEntityRow.entity_id.in_(ids),
                HighlightEntityRow.source != "unlinked",
            )
        )
        linked = exists().where(
            HighlightEntityRow.highlight_id == hid,
            HighlightEntityRow.entity_id.in_(ids),
            HighlightEntityRow.source != "unlinked",
        )
        found.append(
            or_(
                and_(eid.is_not(None), eid.in_(ids)),
                and_(eid.is_(None), hid.is_(None), or_(mentioned, linked_any)),
                and_(hid.is_not(None), linked),
            )
        )
    if article is not None:
        return found + _article_conditions(query, article)
    about_article = _article_conditions(query, _HIT_ARTICLE)
    if about_article:
        found.append(exists().where(_HIT_ARTICLE.id == aid, *about_article))
    return found


def _highlight_has(aid: Expr, hid: Expr, column: Any, values: tuple[str, ...]) -> Expr:
    own = exists().where(HighlightRow.id == hid, column.in_(values))
    any_of = aid.in_(select(_HAVING.article_id).where(getattr(_HAVING, column.key).in_(values)))
    return or_(and_(hid.is_not(None), own), and_(hid.is_(None), any_of))


def _article_conditions(query: Query, article: Any) -> list[Expr]:
    found: list[Expr] = []
    for sources in query.sources:
        found.append(
            or_(*[func.lower(article.source).like(_like(s), escape="\\") for s in sources])
        )
    if query.after is not None:
        found.append(article.sort_at >= _moment(query.after))
    if query.before is not None:
        found.append(article.sort_at < _moment(query.before))
    if query.unread:
        found.append(article.read_at.is_(None))
    if query.has_highlights:
        found.append(article.id.in_(select(_HAVING.article_id)))
    return found
