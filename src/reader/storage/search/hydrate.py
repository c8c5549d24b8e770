"""Turning the ids a search found into `IndexHit`s: titles, texts, highlight positions.

Done for the page of hits only (a handful of indexed lookups), after ranking, so the cost of
a search does not grow with the number of documents that match.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from reader.storage.driver import native_loaded
from reader.storage.search import KIND_NAMES, MARK_END, MARK_START, IndexHit
from reader.storage.tables import AliasRow, ArticleRow, ArticleVersionRow, EntityRow, HighlightRow

_PLAIN_CHARS = 400  # enough of an article's opening for a snippet when nothing was matched

# Marking words means tokenizing the whole document again, so it is done for the page of hits
# only, in a statement of its own. `+rowid` keeps the list from FTS5, which would look each
# value up on its own (tens of µs each): the walk between the lowest and the highest of them
# checks each document against the list instead.
_MARKED = text(
    "SELECT rowid, highlight(search_fts, 1, :a, :b), highlight(search_fts, 2, :a, :b) "
    "FROM search_fts WHERE search_fts MATCH :match AND rowid BETWEEN :low AND :high "
    "AND +rowid IN :ids"
).bindparams(bindparam("ids", expanding=True))
# With the native functions (reader.native), an article's matches are found by
# reader_marks(), which tokenizes the text only as far as MARKED_BYTES past the first match
# instead of all of it, and marked here: a snippet shows at most 180 characters from a little
# before the first match (services.search.SNIPPET_CHARS), 720 bytes of UTF-8 at the most.
_MARKED_NATIVE = text(
    "SELECT rowid, body, reader_marks(search_fts, 1, :span) "
    "FROM search_fts WHERE search_fts MATCH :match AND rowid BETWEEN :low AND :high "
    "AND +rowid IN :ids"
).bindparams(bindparam("ids", expanding=True))
MARKED_BYTES = 800
# On the connection, not through the ORM: its machinery costs more than this lookup of 50 rows.
_TITLES = select(ArticleRow.__table__.c.id, ArticleRow.__table__.c.title).where(
    ArticleRow.__table__.c.id.in_(bindparam("ids", expanding=True))
)
_ARTICLE_SPAN = 1 << 40  # article rowids lie below it, annotations' and entities' above
_START, _END = MARK_START.encode(), MARK_END.encode()


def with_marks(body: str, ranges: str) -> str:
    """`body` with MARK_START/MARK_END round each "start end" UTF-8 byte range."""
    if not ranges:
        return body
    data = body.encode()
    numbers = [int(n) for n in ranges.split()]
    pieces: list[bytes] = []
    last = 0
    for start, end in zip(numbers[::2], numbers[1::2], strict=True):
        pieces += (data[last:start], _START, data[start:end], _END)
        last = end
    pieces.append(data[last:])
    return b"".join(pieces).decode()


class _Lookup:
    """Titles and highlight places for a set of hits, read in one query per table."""

    def __init__(
        self, session: Session, articles: set[int], highlights: set[int], entities: set[int]
    ):
        self.highlights = (
            {
                row[0]: (row[1], row[2], row[3], row[4], row[5])
                for row in session.execute(
                    select(
                        HighlightRow.id,
                        HighlightRow.article_id,
                        HighlightRow.start,
                        HighlightRow.end,
                        HighlightRow.exact,
                        HighlightRow.note,
                    ).where(HighlightRow.id.in_(highlights))
                )
            }
            if highlights
            else {}
        )
        wanted = articles | {h[0] for h in self.highlights.values()}
        self.titles: dict[int, str] = (
            {
                row[0]: row[1]
                for row in session.connection().execute(_TITLES, {"ids": sorted(wanted)})
            }
            if wanted
            else {}
        )
        self.entities: dict[int, tuple[str, str]] = (
            {
                row[0]: (row[1], row[2])
                for row in session.execute(
                    select(EntityRow.id, EntityRow.name, EntityRow.note).where(
                        EntityRow.id.in_(entities)
                    )
                )
            }
            if entities
            else {}
        )
        self.aliases: dict[int, list[str]] = {}
        if entities:
            for entity_id, alias in session.execute(
                select(AliasRow.entity_id, AliasRow.text)
                .where(AliasRow.entity_id.in_(entities))
                .order_by(AliasRow.id)
            ):
                self.aliases.setdefault(entity_id, []).append(alias)

    def hit(self, kind: str, doc: int, body: str, names: str, score: float) -> IndexHit | None:
        if kind == "article":
            if doc not in self.titles:
                return None
            return IndexHit(kind, doc, None, None, self.titles[doc], body, score)
        if kind == "entity":
            if doc not in self.entities:
                return None
            name, _note = self.entities[doc]
            shown = " · ".join(part for part in (names, body) if part)
            return IndexHit(kind, None, None, doc, name, shown, score)
        if doc not in self.highlights:
            return None
        article_id, start, end, _exact, _note = self.highlights[doc]
        title = self.titles.get(article_id, "")
        return IndexHit(kind, article_id, doc, None, title, body, score, start, end)


def hydrate_ranked(
    session: Session,
    match: str,
    rows: Sequence[tuple[int, float]],
    marked: dict[int, tuple[str, str]] | None = None,
) -> list[IndexHit]:
    """Hits for (rowid, score) pairs, best first, their texts marked where the words matched
    (`marked`: rowid -> (body, names) when the ranking query already marked them)."""
    if not rows:
        return []
    if marked is None:
        marked = {}
        articles = [r[0] for r in rows if r[0] < _ARTICLE_SPAN]
        others = [r[0] for r in rows if r[0] >= _ARTICLE_SPAN]
        for ids in (articles, others):  # apart: the walk between them would cover every article
            if not ids:
                continue
            params = {"match": match, "ids": ids, "low": min(ids), "high": max(ids)}
            if ids is articles and native_loaded():
                found = session.execute(_MARKED_NATIVE, params | {"span": MARKED_BYTES})
                marked.update({row[0]: (with_marks(row[1] or "", row[2]), "") for row in found})
                continue
            found = session.execute(_MARKED, params | {"a": MARK_START, "b": MARK_END})
            marked.update({row[0]: (row[1] or "", row[2] or "") for row in found})
    docs = [(KIND_NAMES[rowid >> 40], rowid & 1099511627775, rowid, score) for rowid, score in rows]
    lookup = _Lookup(
        session,
        {doc for kind, doc, _, _ in docs if kind == "article"},
        {doc for kind, doc, _, _ in docs if kind in ("highlight", "note")},
        {doc for kind, doc, _, _ in docs if kind == "entity"},
    )
    hits = []
    for kind, doc, rowid, score in docs:
        body, names = marked.get(rowid, ("", ""))
        hit = lookup.hit(kind, doc, body, names, score)
        if hit is not None:
            hits.append(hit)
    return hits


def hydrate_plain(session: Session, found: Sequence[tuple[str, int]]) -> list[IndexHit]:
    """Hits for (kind, id) pairs of a query without words: texts unmarked, score 0."""
    articles = {i for kind, i in found if kind == "article"}
    openings: dict[int, str] = {}
    if articles:
        openings = {
            row[0]: row[1]
            for row in session.execute(
                select(
                    ArticleVersionRow.article_id,
                    func.substr(ArticleVersionRow.text, 1, _PLAIN_CHARS),
                )
                .join(ArticleRow, ArticleRow.id == ArticleVersionRow.article_id)
                .where(
                    ArticleVersionRow.article_id.in_(articles),
                    ArticleVersionRow.number == ArticleRow.current_version,
                )
            )
        }
    lookup = _Lookup(
        session,
        articles,
        {i for kind, i in found if kind in ("highlight", "note")},
        {i for kind, i in found if kind == "entity"},
    )
    hits = []
    for kind, doc in found:
        if kind == "article":
            body, names = openings.get(doc, ""), ""
        elif kind == "entity":
            body = lookup.entities.get(doc, ("", ""))[1]
            names = " | ".join(lookup.aliases.get(doc, []))
        else:
            place = lookup.highlights.get(doc)
            body, names = ((place[3] if kind == "highlight" else place[4]) if place else ""), ""
        hit = lookup.hit(kind, doc, body, names, 0.0)
        if hit is not None:
            hits.append(hit)
    return hits
