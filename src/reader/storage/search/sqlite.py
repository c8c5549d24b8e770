"""The SQLite search backend: one FTS5 table, `search_fts`, kept in step by triggers.

Documents are told apart by rowid (id + kind; see migration 0003). Every value a person
typed reaches SQLite as a bound parameter; the MATCH expression is built here from parsed
terms, each one a double-quoted FTS5 string, so no query syntax can be smuggled in.

Ranking is BM25 with per-column weights (title 8, entity names 4, text 1), stored as the
table's default `rank`. FTS5's bm25() first counts every document holding each phrase of the
query (for its IDF): 3 ms for a word in most of 100,000 articles, 20 ms for a common phrase,
more than all the rest of a search. When Reader's native functions are loaded
(reader.storage.driver), `reader_rank` scores exactly as bm25() does with those numbers
given instead: counted for the newest COUNTED articles holding the phrase and estimated from
how densely they lie among the article ids when more do. Matched words are found on the hits
returned only, never on every match: by `reader_marks` (which tokenizes an article only a
little past its first match) or else by FTS5's `highlight()` (which tokenizes all of it).

Costs that decide the plans below (measured on 100,000 news articles): walking a word's list
of documents costs well under a microsecond a document, BM25 about two, marking the matched
words in an article (`highlight()` tokenizes its whole text again) about a hundred; and FTS5
answers `rowid IN (...)` with one full lookup per value, tens of microseconds each. So a
search walks the list newest first and stops early, ranks a bounded window of it, marks only
the page it returns, and never hands FTS5 a list of rowids to look up (`+rowid` keeps such a
condition away from it: it is then checked against each document as the walk meets it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    null,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import aliased

from reader.core.errors import ReaderError
from reader.core.query import Query, Term
from reader.storage.driver import native_loaded
from reader.storage.search import (
    KIND_CODES,
    KIND_NAMES,
    MARK_END,
    MARK_START,
    Cancelled,
    IndexHit,
    Progress,
)
from reader.storage.search.fields import FieldSearch
from reader.storage.search.filters import Expr, conditions
from reader.storage.search.hydrate import hydrate_ranked
from reader.storage.tables import ArticleRow, HighlightRow, MentionRow

_FTS = table("search_fts")
_ROWID = literal_column("search_fts.rowid", Integer)
_KIND: Any = literal_column("(search_fts.rowid >> 40)", Integer)
_DOC = literal_column("(search_fts.rowid & 1099511627775)", Integer)
_RANK = literal_column("search_fts.rank", Float)
_UNRANKED = literal_column("0.0", Float)
# The articles table itself: statements on it skip the ORM's machinery (a search runs several).
_ARTICLES = ArticleRow.__table__
_LAST_ARTICLE = select(func.max(_ARTICLES.c.id))  # the score column of a query that does not rank
WEIGHTS = (8.0, 1.0, 4.0)  # title, body, names: the table's `rank` (migration 0003)
# Documents of a phrase counted one by one before its number is estimated from their density.
COUNTED = 100
# The same rowid, hidden from FTS5's planner: conditions on it are checked row by row.
_CHECKED_ROWID: Any = literal_column("+search_fts.rowid", Integer)
_MATCH = literal_column("search_fts").op("MATCH")(bindparam("match"))
_HIT_HIGHLIGHT = aliased(HighlightRow, name="hit_highlight")  # made once: aliasing is costly
_HIT_MENTION = aliased(MentionRow, name="hit_mention")
# The two statements of a search without filters, written once (building one costs more
# than running it): the best of the newest matching articles, and the best annotations.
_NEWEST_BEST = (
    "SELECT docid, score FROM (SELECT rowid AS docid, {score} AS score FROM search_fts "
    "WHERE search_fts MATCH :match AND rowid < :span ORDER BY rowid DESC LIMIT :window) "
    "ORDER BY score, docid DESC LIMIT :limit"
)
_KINDS_BEST = (
    "SELECT rowid, {score} AS score FROM search_fts WHERE search_fts MATCH :match "
    "AND rowid BETWEEN :low AND :high AND (rowid >> 40) IN :kinds ORDER BY score LIMIT :limit"
)
# For one phrase, in one round trip: how many articles hold it, counted no further than
# :counted, and the oldest of those; how many other documents do (up to :counted); the
# lowest and the highest article id (each a lookup at one end of the primary key, where
# min() and max() in one SELECT would read every row).
_PHRASE_COUNTS = text(
    "SELECT newest.n, newest.oldest, "
    "(SELECT count(*) FROM (SELECT 1 FROM search_fts "
    "WHERE search_fts MATCH :match AND rowid >= :span LIMIT :counted)), "
    "(SELECT min(id) FROM articles), (SELECT max(id) FROM articles) "
    "FROM (SELECT count(*) AS n, min(docid) AS oldest FROM (SELECT rowid AS docid "
    "FROM search_fts WHERE search_fts MATCH :match AND rowid < :span "
    "ORDER BY rowid DESC LIMIT :counted)) AS newest"
)
_BATCH = 2000
_SPAN = 1 << 40  # rowids of kind k lie in [k * _SPAN, (k + 1) * _SPAN)
RANKING_WINDOW = 1000  # articles ranked for a very common word: about 2 ms of BM25
# A filter passing at most this share of the library (and never fewer than the window) is
# applied first: its articles bound the walk, and each document is checked against them.
FILTER_FIRST_SHARE = 16
NEWEST_SAMPLE = 512  # articles looked at first to see whether a filter is that selective


def _quoted(term: Term) -> str:
    """An FTS5 string for the term: inside double quotes every character is literal text
    (a double quote is doubled), so AND, NEAR(, column filters and the like stay words."""
    return '"' + " ".join(term.words).replace('"', '""') + '"' + (" *" if term.prefix else "")


def _any_of(terms: Iterable[Term]) -> str:
    return "(" + " OR ".join(_quoted(t) for t in terms) + ")"


def match_expression(query: Query) -> str:
    """The FTS5 MATCH string for the query's words (call only when it has some)."""
    expression = " AND ".join(_any_of(group) for group in query.groups)
    if query.excluded:
        expression += " NOT " + _any_of(query.excluded)
    return expression


def _kinds(query: Query, allowed: Sequence[str]) -> list[int]:
    wanted = query.kinds or frozenset(allowed)
    return [KIND_CODES[k] for k in allowed if k in wanted]


class _Score:
    """How one search scores documents: with the native `reader_rank` and estimated numbers
    of documents per phrase when it is loaded, else with FTS5's own `rank` (bm25)."""

    def __init__(self, counts: list[float] | None, annotations: bool = True) -> None:
        self.counts = counts
        self.annotations = annotations  # False: no highlight, note or entity can match

    @property
    def sql(self) -> str:
        if self.counts is None:
            return "rank"
        args = [repr(w) for w in WEIGHTS] + [f":n{i}" for i in range(len(self.counts))]
        return f"reader_rank(search_fts, {', '.join(args)})"

    @property
    def params(self) -> dict[str, float]:
        return {f"n{i}": n for i, n in enumerate(self.counts or ())}

    @property
    def column(self) -> Any:
        if self.counts is None:
            return _RANK
        args = [literal(w, Float) for w in (*WEIGHTS, *self.counts)]
        return func.reader_rank(literal_column("search_fts"), *args, type_=Float)


class SqliteSearchIndex(FieldSearch):
    # -- shared pieces ------------------------------------------------------------------
    def entity_ids(self, names: tuple[str, ...]) -> list[int]:
        """Entities whose name or an alias contains these words (any of `names`)."""
        terms = [Term(n) for n in names if Term(n).words]
        if not terms:
            return []
        expression = "{title names} : " + _any_of(terms)
        rows = self.session.execute(
            select(_DOC).select_from(_FTS).where(_MATCH, KIND_CODES["entity"] == _KIND),
            {"match": expression},
        )
        return [row[0] for row in rows]

    def _score(self, query: Query) -> _Score:
        """The native ranking with each phrase's number of documents estimated (a phrase
        left out by NOT scores nothing, so it needs none), or FTS5's `rank`."""
        if not native_loaded():
            return _Score(None)
        counts: list[float] = []
        annotations = True  # each group of the query must match some annotation document
        for group in query.groups:
            found = [self._documents_holding(_quoted(term)) for term in group]
            counts += (total for total, _others in found)
            annotations = annotations and any(others for _total, others in found)
        return _Score(counts + [0.0] * len(query.excluded), annotations)

    def _documents_holding(self, phrase: str) -> tuple[float, int]:
        """How many documents hold `phrase`, and how many of them are annotations or
        entities (counted up to COUNTED). Articles are counted when COUNTED or fewer hold it,
        else estimated from how densely the newest COUNTED of them lie among the article ids
        (BM25 needs the number only for its weight: a few per cent off changes nothing)."""
        params = {"match": phrase, "span": _SPAN, "counted": COUNTED}
        count, oldest, others, low, high = self.session.execute(_PHRASE_COUNTS, params).one()
        found = float(count)
        if count >= COUNTED and None not in (oldest, low, high) and high >= oldest:
            found = count * (high - low + 1) / (high - oldest + 1)
        return found + float(others or 0), int(others or 0)

    def _hits_select(
        self, query: Query, kinds: list[int], score: Any, *, with_entities: bool
    ) -> Any:
        """rowid, score (`score`: a column), article id, highlight id of every matching
        document."""
        h = _HIT_HIGHLIGHT
        on_highlight = _KIND.in_((1, 2))
        aid = case((_KIND == 0, _DOC), (on_highlight, h.article_id), else_=null())
        eid = case((_KIND == 3, _DOC), else_=null()) if with_entities else null()
        where = self._conditions(query, aid, h.id, eid)
        return (
            select(
                _ROWID.label("docid"),
                score.label("rank"),
                aid.label("aid"),
                h.id.label("hid"),
            )
            .select_from(_FTS.outerjoin(h, and_(on_highlight, h.id == _DOC)))
            .where(_MATCH, _KIND.in_(kinds), *where)
        )

    def _mentioning_select(self, query: Query, score: Any) -> Any:
        """Articles mentioning an entity whose document matches, with that document's rank."""
        m = _HIT_MENTION
        where = self._conditions(query, m.article_id, null(), null())
        return (
            select(m.article_id.label("aid"), score.label("rank"))
            .select_from(_FTS.join(m, m.entity_id == _DOC))
            .where(_MATCH, KIND_CODES["entity"] == _KIND, *where)
        )

    def _filtered_articles(self, query: Query) -> Any:
        where = self._conditions(query, ArticleRow.id, null(), null())
        found = select(ArticleRow.id).where(*where)
        if query.excluded:
            excluded = (
                select(_DOC)
                .select_from(_FTS)
                .where(
                    literal_column("search_fts").op("MATCH")(
                        bindparam("excluded", _any_of(query.excluded))
                    ),
                    _KIND == 0,
                )
            )
            found = found.where(ArticleRow.id.not_in(excluded))
        return found

    # -- the SearchIndex interface -----------------------------------------------------
    def search(self, query: Query, limit: int) -> list[IndexHit]:
        if query.has_words:
            return self._ranked(query, limit)
        return self._filtered(query, limit)

    def _ranked(self, query: Query, limit: int) -> list[IndexHit]:
        """BM25 over the matching annotations and entities, and over the newest
        RANKING_WINDOW matching articles (all of them when fewer match): BM25 costs about
        2 µs a document, so ranking a word found in 80,000 articles would take 150 ms.
        Filters narrow the articles before the window is taken: it holds the newest
        matching articles that pass them."""
        kinds = _kinds(query, ("article", "highlight", "note", "entity"))
        if query.article_filters:
            kinds = [k for k in kinds if k != KIND_CODES["entity"]]
        match = match_expression(query)
        score = self._score(query)
        scored: list[tuple[int, float]] = []
        if KIND_CODES["article"] in kinds:
            scored += self._article_window(query, match, score, limit)
        others = [k for k in kinds if k]
        if others and score.annotations:
            scored += self._ranked_annotations(query, match, score, others, limit)
        scored.sort(key=lambda pair: -pair[1])  # stable: on a tie, articles first, newest first
        return hydrate_ranked(self.session, match, scored[:limit])

    def _article_window(
        self, query: Query, match: str, score: _Score, limit: int
    ) -> list[tuple[int, float]]:
        """(rowid, score) of the best `limit` of the newest RANKING_WINDOW + 1 matching
        articles that pass the filters, from one walk of the match list, newest first, that
        stops there."""
        params = {"match": match, "span": _SPAN, "window": RANKING_WINDOW + 1, "limit": limit}
        if not query.has_filters:
            statement = text(_NEWEST_BEST.format(score=score.sql))
            found = self.session.execute(statement, params | score.params).all()
            return [(r[0], -float(r[1])) for r in found]
        where = self._article_filter(query)
        if where is None:
            return []
        stmt = select(_ROWID.label("docid"), score.column.label("score")).select_from(_FTS)
        stmt = stmt.where(_MATCH, _ROWID < _SPAN, *where)
        window = stmt.order_by(_ROWID.desc()).limit(RANKING_WINDOW + 1).subquery()
        best = select(window.c.docid, window.c.score)
        best = best.order_by(window.c.score, window.c.docid.desc()).limit(limit)
        return [(r[0], -float(r[1])) for r in self.session.execute(best, params).all()]

    def _article_filter(self, query: Query) -> list[Expr] | None:
        """Conditions on article documents (rowid = article id) for the query's filters, or
        None when no article passes them."""
        if not query.has_filters:
            return []
        resolved = [self.entity_ids(names) for names in query.entities]  # once: each is a lookup
        bounds = None
        if not self._common_among_newest(query, resolved):
            passing = self._passing_articles(query, resolved)
            bounds = self._selective_bounds(passing)
        if bounds is None:  # most articles pass: check each match as the walk meets it
            checked = _CHECKED_ROWID
            return conditions(
                self.session, query, aid=checked, hid=null(), eid=null(), entity_ids=resolved
            )
        if bounds[0] is None:
            return None
        # Few pass: walk only between the first and the last of them, checking each match.
        return [_ROWID.between(bounds[0], bounds[1]), _CHECKED_ROWID.in_(passing)]

    def _passing_articles(
        self, query: Query, resolved: list[list[int]], articles: Any = _ARTICLES
    ) -> Any:
        """The ids of the articles (of `articles`, the table or a subquery of its rows) that
        pass the query's filters (words aside); `resolved`: the ids of each entity: field."""
        where = conditions(
            self.session,
            query,
            aid=articles.c.id,
            hid=null(),
            eid=null(),
            entity_ids=resolved,
            article=articles.c,
        )
        return select(articles.c.id).where(*where)

    def _common_among_newest(self, query: Query, resolved: list[list[int]]) -> bool:
        """Whether at least one in FILTER_FIRST_SHARE of the newest NEWEST_SAMPLE articles
        pass the filters. The walk goes newest first, so then it meets passing articles often
        enough to check each match as it goes, and the whole count of those passing (reading
        thousands of index entries for a wide filter such as a recent after:) is not needed."""
        # The newest rows first, as a subquery of their own: given the whole table, SQLite
        # would rather walk the index of a date filter across every article it passes.
        newest = select(_ARTICLES).order_by(_ARTICLES.c.id.desc()).limit(NEWEST_SAMPLE)
        newest_rows = newest.subquery("newest_article")
        sample = self._passing_articles(query, resolved, newest_rows).subquery()
        found = self.session.scalar(select(func.count()).select_from(sample)) or 0
        return found * FILTER_FIRST_SHARE >= NEWEST_SAMPLE

    def _selective_bounds(self, passing: Any) -> tuple[int | None, int | None] | None:
        """The lowest and highest id passing the filters when few do (None, None: none),
        or None when more than the larger of the ranking window and FILTER_FIRST_SHARE of
        the library pass. Counts no further than that limit."""
        last = self.session.scalar(_LAST_ARTICLE) or 0
        cap = max(RANKING_WINDOW, last // FILTER_FIRST_SHARE)
        probe = passing.limit(cap + 1).subquery()
        count, low, high = self.session.execute(
            select(func.count(), func.min(probe.c.id), func.max(probe.c.id))
        ).one()
        if count > cap:
            return None
        return low, high

    def _ranked_annotations(
        self, query: Query, match: str, score: _Score, kinds: list[int], limit: int
    ) -> list[tuple[int, float]]:
        """(rowid, score) of the best `limit` matching highlights, notes and entities (of
        `kinds`): few enough beside the articles to rank every one."""
        low, high = min(kinds) * _SPAN, (max(kinds) + 1) * _SPAN - 1
        if query.has_filters:
            column = score.column
            stmt = self._hits_select(query, kinds, column, with_entities=True).with_only_columns(
                _ROWID, column
            )
            stmt = stmt.where(_ROWID.between(low, high)).order_by(column).limit(limit)
            found = self.session.execute(stmt, {"match": match}).all()
        else:
            params = {"match": match, "low": low, "high": high, "kinds": kinds, "limit": limit}
            statement = text(_KINDS_BEST.format(score=score.sql)).bindparams(
                bindparam("kinds", expanding=True)
            )
            found = self.session.execute(statement, params | score.params).all()
        return [(r[0], -float(r[1])) for r in found]

    def article_ids(self, query: Query, limit: int | None) -> list[int]:
        if not query.has_words:
            return self._newest_articles(query, limit)
        ranked = self._ranked_articles(query)
        if ranked is None:
            return []
        best = func.min(ranked.c.rank)
        stmt = (
            select(ranked.c.aid)
            .where(ranked.c.aid.is_not(None))
            .group_by(ranked.c.aid)
            .order_by(best, ranked.c.aid.desc())
            .limit(limit)
        )
        return list(self.session.scalars(stmt, {"match": match_expression(query)}))

    def _ranked_articles(self, query: Query) -> Any:
        kinds = _kinds(query, ("article", "highlight", "note"))
        column = self._score(query).column
        parts = []
        if kinds:
            hits = self._hits_select(query, kinds, column, with_entities=False).subquery()
            parts.append(select(hits.c.aid, hits.c.rank))
        if not query.kinds or "entity" in query.kinds:
            parts.append(self._mentioning_select(query, column))
        if not parts:
            return None
        return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()

    def matching_articles(self, query: Query) -> Any:
        """Unranked: the list orders by date, so no document is ranked (BM25 on every match
        of a common word would cost more than the rest of a page of the list)."""
        if not query.has_words:
            return self._filtered_articles(query)
        kinds = _kinds(query, ("article", "highlight", "note"))
        parts = []
        where = self._article_filter(query) if KIND_CODES["article"] in kinds else None
        if where is not None:
            parts.append(
                select(_ROWID.label("aid")).select_from(_FTS).where(_MATCH, _ROWID < _SPAN, *where)
            )
        others = [k for k in kinds if k]
        if others:
            hits = self._hits_select(query, others, _UNRANKED, with_entities=False)
            hits = hits.where(_ROWID.between(min(others) * _SPAN, (max(others) + 1) * _SPAN - 1))
            parts.append(select(hits.subquery().c.aid))
        if not query.kinds or "entity" in query.kinds:
            mentioning = self._mentioning_select(query, _UNRANKED).subquery()
            parts.append(select(mentioning.c.aid))
        if not parts:
            return select(ArticleRow.id).where(ArticleRow.id.is_(None))
        found = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
        return (
            select(found.c.aid)
            .where(found.c.aid.is_not(None))
            .params(match=match_expression(query))
        )

    def rebuild(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
        """Empties and refills the index, articles in batches so progress can be shown."""
        run = self.session.execute
        run(text("DELETE FROM search_fts"))
        last = run(select(func.max(ArticleRow.id))).scalar() or 0
        total = self.session.scalar(select(func.count(ArticleRow.id))) or 0
        done = 0
        for low in range(0, last + 1, _BATCH):
            if cancelled is not None and cancelled():
                raise ReaderError("re-indexing cancelled; the index is as it was")
            inserted: Any = run(
                text(
                    "INSERT INTO search_fts(rowid, title, body) "
                    "SELECT a.id, a.title, v.text FROM articles AS a "
                    "JOIN article_versions AS v "
                    "ON v.article_id = a.id AND v.number = a.current_version "
                    "WHERE a.id >= :low AND a.id < :high"
                ),
                {"low": low, "high": low + _BATCH},
            )
            done += int(inserted.rowcount)
            if progress is not None:
                progress(min(done, total), total)
        for statement in _REST:
            run(text(statement))
        run(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
        return int(run(text("SELECT count(*) FROM search_fts")).scalar() or 0)


_REST = (
    "INSERT INTO search_fts(rowid, body) SELECT id + 1099511627776, exact FROM highlights",
    "INSERT INTO search_fts(rowid, body) SELECT id + 2199023255552, note FROM highlights "
    "WHERE coalesce(note, '') <> ''",
    "INSERT INTO search_fts(rowid, title, body, names) "
    "SELECT e.id + 3298534883328, e.name, e.note, "
    "(SELECT group_concat(al.text, ' | ') FROM aliases AS al WHERE al.entity_id = e.id) "
    "FROM entities AS e",
)

__all__ = ["KIND_NAMES", "MARK_END", "MARK_START", "SqliteSearchIndex", "match_expression"]
