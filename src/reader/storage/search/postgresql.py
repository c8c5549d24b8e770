"""The PostgreSQL search backend: `search_documents` (doc, vector) with a GIN index, kept in
step by triggers (migration 0003).

Documents are numbered as in the SQLite backend (kind * 2**40 + id), so the same hydration
turns them into hits. The tsquery is written here from the parsed terms: each word a quoted
lexeme (quotes and backslashes escaped), a phrase's words joined by <->, a prefix ending in
:*, OR as |, groups joined by &, exclusions as & !(...). The whole of it reaches the server as
one bound parameter of to_tsquery, which stems and folds each lexeme with the index's own
configuration; `words_of` leaves no tsquery operator inside a word in any case.

Ranking is ts_rank with weights mirroring the SQLite backend's BM25 column weights (title 8,
entity names 4, running text 1), divided by the log of the document's length, over every
matching annotation and entity and the newest matching articles (see `_ranked`). Matched
words are marked by ts_headline for the page of hits only (see pg_marks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Float,
    Integer,
    and_,
    case,
    column,
    delete,
    func,
    literal_column,
    null,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import aliased

from reader.core.errors import ReaderError
from reader.core.query import Query, Term
from reader.storage.search import KIND_CODES, Cancelled, IndexHit, Progress
from reader.storage.search.fields import FieldSearch
from reader.storage.search.hydrate import hydrate_ranked
from reader.storage.search.pg_marks import marked_texts, tsquery
from reader.storage.tables import ArticleRow, HighlightRow, MentionRow

_DOCS = table("search_documents", column("doc", BigInteger), column("vector", TSVECTOR))
_DOC: Any = _DOCS.c.doc
_VECTOR: Any = _DOCS.c.vector
_SPAN = 1 << 40  # documents of kind k lie in [k * _SPAN, (k + 1) * _SPAN)
_ENTITIES = KIND_CODES["entity"] * _SPAN
_KIND: Any = _DOC.op(">>", return_type=Integer)(literal_column("40"))
_ID: Any = _DOC.op("&", return_type=BigInteger)(literal_column(str(_SPAN - 1)))
# ts_rank's weights for D (running text), C (unused), B (entity names), A (titles).
_WEIGHTS: Any = literal_column("'{0.1, 0.2, 0.4, 0.8}'::float4[]")
_BY_LENGTH: Any = literal_column("1")  # ts_rank normalisation: divide by 1 + log(length)
_NAMES_ONLY: Any = literal_column("'{a,b}'::\"char\"[]")  # an entity's name and aliases
_BATCH = 2000
RANKING_WINDOW = 1000  # articles ranked for a very common word, as in the SQLite backend


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(term: Term) -> str:
    lexemes = [_lexeme(word) for word in term.words]
    if term.prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def _any_of(terms: Iterable[Term]) -> str:
    return "(" + " | ".join(_phrase(t) for t in terms) + ")"


def tsquery_text(query: Query, *, exclusions: bool = True) -> str:
    """The to_tsquery text for the query's words (call only when it has some)."""
    expression = " & ".join(_any_of(group) for group in query.groups)
    if exclusions and query.excluded:
        expression += " & !" + _any_of(query.excluded)
    return expression


def _matches(q: Any, vector: Any = _VECTOR) -> Any:
    return vector.bool_op("@@")(q)


def _score(q: Any, scored: bool = True) -> Any:
    """A document's rank, labelled "score"; a constant when only the set of hits matters."""
    if not scored:
        return literal_column("0.0", Float).label("score")
    return func.ts_rank(_WEIGHTS, _VECTOR, q, _BY_LENGTH, type_=Float).label("score")


def _kinds(query: Query, allowed: Sequence[str]) -> list[int]:
    wanted = query.kinds or frozenset(allowed)
    return [KIND_CODES[k] for k in allowed if k in wanted]


class PostgresSearchIndex(FieldSearch):
    def _custom_plans(self) -> None:
        """Plans made for this query's words, not generic ones. Driver-side prepared
        statements make the server plan a statement run often once for any tsquery; that plan
        cannot tell a word in every article from a rare one, and was twice as slow."""
        self.session.execute(_CUSTOM_PLANS)

    # -- shared pieces ------------------------------------------------------------------
    def entity_ids(self, names: tuple[str, ...]) -> list[int]:
        """Entities whose name or an alias contains these words (any of `names`)."""
        terms = [Term(n) for n in names if Term(n).words]
        if not terms:
            return []
        named = func.ts_filter(_VECTOR, _NAMES_ONLY, type_=TSVECTOR)
        stmt = select(_ID).where(
            _DOC.between(_ENTITIES, _SPAN * 4 - 1), _matches(tsquery(_any_of(terms)), named)
        )
        return [int(i) for i in self.session.scalars(stmt)]

    def _hits_select(
        self, query: Query, q: Any, kinds: list[int], *, with_entities: bool, scored: bool = True
    ) -> Any:
        """doc, score (0 unless `scored`), article id, highlight id of every matching document."""
        h = aliased(HighlightRow, name="hit_highlight")
        on_highlight = _KIND.in_((1, 2))
        aid = case((_KIND == 0, _ID), (on_highlight, h.article_id), else_=null())
        eid = case((_KIND == 3, _ID), else_=null()) if with_entities else null()
        where = self._conditions(query, aid, h.id, eid)
        return (
            select(_DOC.label("doc"), _score(q, scored), aid.label("aid"), h.id.label("hid"))
            .select_from(_DOCS.outerjoin(h, and_(on_highlight, h.id == _ID)))
            .where(_matches(q), _KIND.in_(kinds), *where)
        )

    def _article_hits(self, query: Query, q: Any, *, scored: bool = True) -> Any:
        """aid (the document itself), score of every matching article. Stated on the
        document's number alone, so the walk newest first can follow the primary key."""
        where = self._conditions(query, _DOC, null(), null()) if query.has_filters else []
        return select(_DOC.label("aid"), _score(q, scored)).where(
            _matches(q), _DOC.between(0, _SPAN - 1), *where
        )

    def _annotation_hits(self, query: Query, q: Any, kinds: list[int], *, scored: bool) -> Any:
        """aid, score of every matching highlight or note of `kinds`."""
        h = aliased(HighlightRow, name="hit_highlight")
        where = self._conditions(query, h.article_id, h.id, null())
        return (
            select(h.article_id.label("aid"), _score(q, scored))
            .select_from(_DOCS.join(h, h.id == _ID))
            .where(_matches(q), _DOC.between(_SPAN, 3 * _SPAN - 1), _KIND.in_(kinds), *where)
        )

    def _mentioning_select(self, query: Query, q: Any, *, scored: bool = True) -> Any:
        """Articles mentioning an entity whose document matches, with that document's score."""
        m = aliased(MentionRow, name="hit_mention")
        where = self._conditions(query, m.article_id, null(), null())
        return (
            select(m.article_id.label("aid"), _score(q, scored))
            .select_from(_DOCS.join(m, m.entity_id == _ID))
            .where(_matches(q), _DOC.between(_ENTITIES, _SPAN * 4 - 1), *where)
        )

    def _filtered_articles(self, query: Query) -> Any:
        where = self._conditions(query, ArticleRow.id, null(), null())
        found = select(ArticleRow.id).where(*where)
        if query.excluded:
            excluded = select(_ID).where(_DOC < _SPAN, _matches(tsquery(_any_of(query.excluded))))
            found = found.where(ArticleRow.id.not_in(excluded))
        return found

    # -- the SearchIndex interface -----------------------------------------------------
    def search(self, query: Query, limit: int) -> list[IndexHit]:
        if query.has_words:
            self._custom_plans()
            return self._ranked(query, limit)
        return self._filtered(query, limit)

    def _ranked(self, query: Query, limit: int) -> list[IndexHit]:
        """ts_rank over the matching annotations and entities, and over the newest
        RANKING_WINDOW matching articles (all of them when fewer match): ranking reads each
        document's whole vector, too much for a word found in most of a large library."""
        kinds = _kinds(query, ("article", "highlight", "note", "entity"))
        if query.article_filters:
            kinds = [k for k in kinds if k != KIND_CODES["entity"]]
        q = tsquery(tsquery_text(query))
        pairs: list[tuple[int, float]] = []
        if 0 in kinds:
            pairs += self._ranked_newest(query, q, limit)
        others = [k for k in kinds if k]
        if others:
            low, high = min(others) * _SPAN, (max(others) + 1) * _SPAN
            if query.has_filters:
                hits = self._hits_select(query, q, others, with_entities=True).subquery()
                stmt = select(hits.c.doc, hits.c.score).where(hits.c.doc.between(low, high - 1))
                order = (hits.c.score.desc(), hits.c.doc.desc())
            else:
                score = _score(q)
                stmt = select(_DOC, score).where(
                    _matches(q), _DOC.between(low, high - 1), _KIND.in_(others)
                )
                order = (score.desc(), _DOC.desc())
            found = self.session.execute(stmt.order_by(*order).limit(limit))
            pairs += [(int(doc), float(score)) for doc, score in found]
        pairs = sorted(pairs, key=lambda pair: -pair[1])[:limit]
        marked = marked_texts(self.session, tsquery_text(query, exclusions=False), pairs)
        return hydrate_ranked(self.session, "", pairs, marked)

    def _ranked_newest(self, query: Query, q: Any, limit: int) -> list[tuple[int, float]]:
        """The best articles among the newest RANKING_WINDOW + 1 that match, in one pass:
        walking the documents newest first stops as soon as the window is full."""
        hits = self._article_hits(query, q, scored=False).with_only_columns(_DOC)
        window = hits.order_by(_DOC.desc()).limit(RANKING_WINDOW + 1).subquery()
        # Only the numbers are put in order; the vectors are read for the window alone.
        ranked = _DOCS.alias("ranked")
        score = func.ts_rank(_WEIGHTS, ranked.c.vector, q, _BY_LENGTH, type_=Float).label("s")
        stmt = (
            select(ranked.c.doc, score)
            .join_from(window, ranked, ranked.c.doc == window.c.doc)
            .order_by(score.desc(), ranked.c.doc.desc())
        )
        return [(int(doc), float(s)) for doc, s in self.session.execute(stmt.limit(limit))]

    def article_ids(self, query: Query, limit: int | None) -> list[int]:
        if not query.has_words:
            return self._newest_articles(query, limit)
        self._custom_plans()
        ranked = self._ranked_articles(query)
        if ranked is None:
            return []
        best = func.max(ranked.c.score)
        stmt = (
            select(ranked.c.aid)
            .where(ranked.c.aid.is_not(None))
            .group_by(ranked.c.aid)
            .order_by(best.desc(), ranked.c.aid.desc())
            .limit(limit)
        )
        return [int(i) for i in self.session.scalars(stmt)]

    def _ranked_articles(self, query: Query, *, scored: bool = True) -> Any:
        q = tsquery(tsquery_text(query))
        kinds = _kinds(query, ("article", "highlight", "note"))
        parts: list[Any] = []
        if 0 in kinds:
            parts.append(self._article_hits(query, q, scored=scored))
        if [k for k in kinds if k]:
            parts.append(self._annotation_hits(query, q, [k for k in kinds if k], scored=scored))
        if not query.kinds or "entity" in query.kinds:
            parts.append(self._mentioning_select(query, q, scored=scored))
        if not parts:
            return None
        combined = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
        return combined.subquery()

    def matching_articles(self, query: Query) -> Any:
        if not query.has_words:
            return self._filtered_articles(query)
        self._custom_plans()
        ranked = self._ranked_articles(query, scored=False)
        if ranked is None:
            return select(ArticleRow.id).where(ArticleRow.id.is_(None))
        return select(ranked.c.aid).where(ranked.c.aid.is_not(None))

    def rebuild(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
        """Empties and refills the index, articles in batches so progress can be shown. A
        DELETE rather than TRUNCATE: others keep searching the old index until the commit."""
        run = self.session.execute
        run(delete(_DOCS))
        last = run(select(func.max(ArticleRow.id))).scalar() or 0
        total = self.session.scalar(select(func.count(ArticleRow.id))) or 0
        done = 0
        for low in range(0, last + 1, _BATCH):
            if cancelled is not None and cancelled():
                raise ReaderError("re-indexing cancelled; the index is as it was")
            inserted: Any = run(_ARTICLES, {"low": low, "high": low + _BATCH})
            done += int(inserted.rowcount)
            if progress is not None:
                progress(min(done, total), total)
        for statement in _REST:
            run(text(statement))
        return int(run(select(func.count()).select_from(_DOCS)).scalar() or 0)


_CUSTOM_PLANS = text("SET LOCAL plan_cache_mode = force_custom_plan")
_ARTICLES = text(
    "INSERT INTO search_documents (doc, vector) "
    "SELECT a.id, search_vector(a.title, v.text, NULL) FROM articles AS a "
    "JOIN article_versions AS v ON v.article_id = a.id AND v.number = a.current_version "
    "WHERE a.id >= :low AND a.id < :high"
)
_REST = (
    "INSERT INTO search_documents (doc, vector) "
    "SELECT id + 1099511627776, search_vector(NULL, exact, NULL) FROM highlights",
    "INSERT INTO search_documents (doc, vector) "
    "SELECT id + 2199023255552, search_vector(NULL, note, NULL) FROM highlights "
    "WHERE coalesce(note, '') <> ''",
    "INSERT INTO search_documents (doc, vector) "
    "SELECT e.id + 3298534883328, search_vector(e.name, e.note, "
    "(SELECT string_agg(al.text, ' | ' ORDER BY al.id) FROM aliases AS al "
    "WHERE al.entity_id = e.id)) FROM entities AS e",
)

__all__ = ["RANKING_WINDOW", "PostgresSearchIndex", "tsquery", "tsquery_text"]
