"""Mentions: where entity aliases stand in articles, kept up to date incrementally.

- An imported or updated article is scanned alone, with the automaton of every alias. That
  automaton is cached per database engine and rebuilt only when the aliases change (see
  `EntityRepository.alias_signature`), so an import pays for a scan, not for a build.
- A new entity or alias is looked for in every article with an automaton of just the new
  aliases; only the articles where it is found are scanned again with the full automaton
  (its matches may displace shorter ones there, or resolve a surname).
- A removed alias or entity: the articles that mentioned the entity are scanned again.

After every scan the automatic highlight links of the scanned articles are brought in line:
see `reader.storage.entity_links`.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, and_, case, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from reader.core.matching import Matcher, NamedEntity
from reader.core.models import Mention
from reader.storage.entities import EntityRepository
from reader.storage.entity_links import EntityLinks, sync_auto_links
from reader.storage.tables import ArticleRow, ArticleVersionRow, Base, MentionRow

CHUNK = 500  # articles per query when scanning: bounded memory, few round trips

_mentions = Base.metadata.tables[MentionRow.__tablename__]
_INSERT_MENTIONS = insert(_mentions)
_INSERT_SQL = (
    'INSERT INTO mentions (article_id, entity_id, alias_id, version_number, start, "end") '
    "VALUES (?, ?, ?, ?, ?, ?)"
)

# The automaton of every alias, per engine (one library), with the signature it was built for.
_MATCHERS: weakref.WeakKeyDictionary[Engine, tuple[tuple[int, int, int, int], Matcher]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True, slots=True)
class Rescanned:
    """What a scan changed: the entities whose mentions moved, the articles scanned, and the
    highlights whose automatic links changed."""

    entities: frozenset[int] = field(default_factory=frozenset)
    articles: frozenset[int] = field(default_factory=frozenset)
    highlights: frozenset[int] = field(default_factory=frozenset)
    mentions: int = 0

    def __or__(self, other: Rescanned) -> Rescanned:
        return Rescanned(
            self.entities | other.entities,
            self.articles | other.articles,
            self.highlights | other.highlights,
            self.mentions + other.mentions,
        )


def _fragments(aliases: Iterable[str]) -> list[str]:
    """For each alias its longest run of ASCII letters and digits, lower-cased: a text
    without any of them cannot mention the aliases, and the database can tell which texts
    hold one without sending every text here (ASCII, because SQLite folds only ASCII case).
    Empty if some alias has no run of three: then every text must be read."""
    found: set[str] = set()
    for alias in aliases:
        runs = re.findall(r"[A-Za-z0-9]+", alias)
        best = max(runs, key=len, default="")
        if len(best) < 3:
            return []
        found.add(best.lower())
    return sorted(found)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for at in range(0, len(ids), CHUNK):
        yield list(ids[at : at + CHUNK])


class MentionRepository:
    def __init__(self, session: Session, entities: EntityRepository) -> None:
        self.session = session
        self.entities = entities
        self.links = EntityLinks(session)

    # -- the full automaton ----------------------------------------------------------------
    def matcher(self) -> Matcher:
        """The automaton of every alias, built once per change of the aliases."""
        engine = self.session.get_bind()
        signature = self.entities.alias_signature()
        cached = _MATCHERS.get(engine) if isinstance(engine, Engine) else None
        if cached is not None and cached[0] == signature:
            return cached[1]
        matcher = Matcher(self.entities.named())
        if isinstance(engine, Engine):
            _MATCHERS[engine] = (signature, matcher)
        return matcher

    # -- texts -------------------------------------------------------------------------------
    def texts(
        self, article_ids: Sequence[int] | None, containing: Sequence[str] = ()
    ) -> Iterator[tuple[int, int, str]]:
        """(article id, version, current text), in chunks of CHUNK articles; with
        `containing`, only texts holding one of these ASCII fragments in any case."""
        base = select(
            ArticleVersionRow.article_id, ArticleVersionRow.number, ArticleVersionRow.text
        ).join(
            ArticleRow,
            and_(
                ArticleRow.id == ArticleVersionRow.article_id,
                ArticleRow.current_version == ArticleVersionRow.number,
            ),
        )
        if containing:
            base = base.where(
                or_(*(ArticleVersionRow.text.icontains(f, autoescape=True) for f in containing))
            )
        if article_ids is None:
            after = 0
            while True:
                rows = self.session.execute(
                    base.where(ArticleRow.id > after).order_by(ArticleRow.id).limit(CHUNK)
                ).all()
                if not rows:
                    return
                for row in rows:
                    yield row[0], row[1], row[2]
                after = rows[-1][0]
        else:
            for chunk in _chunks(sorted(set(article_ids))):
                for row in self.session.execute(base.where(ArticleRow.id.in_(chunk))):
                    yield row[0], row[1], row[2]

    # -- scanning ------------------------------------------------------------------------
    def _spans(self, article_ids: Sequence[int] | None) -> set[tuple[int, int, int, int]]:
        query = select(
            MentionRow.article_id, MentionRow.entity_id, MentionRow.start, MentionRow.end
        )
        if article_ids is None:
            return {tuple(r) for r in self.session.execute(query)}  # type: ignore[misc]
        spans: set[tuple[int, int, int, int]] = set()
        for chunk in _chunks(sorted(set(article_ids))):
            rows = self.session.execute(query.where(MentionRow.article_id.in_(chunk)))
            spans.update((r[0], r[1], r[2], r[3]) for r in rows)
        return spans

    def rescan(self, article_ids: Sequence[int] | None = None) -> Rescanned:
        """Scans these articles (None: every article) with the full automaton, replacing
        their mentions."""
        matcher = self.matcher()
        before = self._spans(article_ids)
        if article_ids is None:
            self.session.execute(delete(MentionRow))
        else:
            for chunk in _chunks(sorted(set(article_ids))):
                self.session.execute(delete(MentionRow).where(MentionRow.article_id.in_(chunk)))
        scanned: list[int] = []
        rows: list[tuple[int, int, int | None, int, int, int]] = []
        total = 0
        for article_id, version, text in self.texts(article_ids):
            scanned.append(article_id)
            if matcher:
                rows += [
                    (article_id, m.entity_id, m.alias_id, version, m.start, m.end)
                    for m in matcher.scan(text)
                ]
            if len(rows) >= 50_000:
                total += self._insert(rows)
                rows = []
        if rows:
            total += self._insert(rows)
        after = self._spans(scanned) if article_ids is not None or before else None
        if after is None:  # a first scan of everything: nothing was there before
            moved = set(self.session.scalars(select(MentionRow.entity_id).distinct()))
        else:
            moved = {span[1] for span in before ^ after}
        highlights = sync_auto_links(self.session, scanned if article_ids is not None else None)
        return Rescanned(frozenset(moved), frozenset(scanned), highlights, total)

    def _insert(self, rows: list[tuple[int, int, int | None, int, int, int]]) -> int:
        """Writes mention rows. On SQLite straight through the driver's executemany: a
        library-wide scan writes about a million rows, and building a parameter dict per row
        in SQLAlchemy cost more than the scan itself."""
        connection = self.session.connection()
        if connection.dialect.name == "sqlite":
            cursor = connection.connection.cursor()
            try:
                cursor.executemany(_INSERT_SQL, rows)
            finally:
                cursor.close()
        else:
            keys = ("article_id", "entity_id", "alias_id", "version_number", "start", "end")
            self.session.execute(_INSERT_MENTIONS, [dict(zip(keys, r, strict=True)) for r in rows])
        return len(rows)

    def look_for(self, entity_ids: Iterable[int], only: Sequence[str] | None = None) -> Rescanned:
        """Finds new entities or aliases (`only` these, if given) everywhere: one pass with
        an automaton of just those aliases, then a full scan of the articles where they
        turned up."""
        named: list[NamedEntity] = self.entities.named(entity_ids)
        if only is not None:
            wanted = set(only)
            named = [
                NamedEntity(n.id, n.kind, tuple(a for a in n.aliases if a[1] in wanted))
                for n in named
            ]
        probe = Matcher(named)
        if not probe:
            return Rescanned()
        fragments = _fragments(alias for n in named for _id, alias in n.aliases)
        texts = self.texts(None, fragments)
        hits = [a for a, _version, text in texts if probe.scan(text)]
        if not hits:
            return Rescanned()
        return self.rescan(hits)

    def articles_of(self, entity_ids: Iterable[int]) -> list[int]:
        ids = list(entity_ids)
        return list(
            self.session.scalars(
                select(MentionRow.article_id).where(MentionRow.entity_id.in_(ids)).distinct()
            )
        )

    # -- reading ---------------------------------------------------------------------------
    def in_article(self, article_id: int) -> list[Mention]:
        """In text order, with the words as they stand in the current text."""
        rows = self.session.execute(
            select(
                MentionRow.id,
                MentionRow.entity_id,
                MentionRow.start,
                MentionRow.end,
            )
            .where(MentionRow.article_id == article_id)
            .order_by(MentionRow.start, MentionRow.id)
        ).all()
        if not rows:
            return []
        _version, text = self._current(article_id)
        return [Mention(r[0], r[1], article_id, r[2], r[3], text[r[2] : r[3]]) for r in rows]

    def _current(self, article_id: int) -> tuple[int, str]:
        for _a, version, text in self.texts([article_id]):
            return version, text
        return 0, ""

    def in_context(self, entity_id: int, width: int, limit: int) -> list[tuple[Mention, str, str]]:
        """The entity's mentions with up to `width` characters either side, cut in SQL so a
        dossier of thousands of mentions never loads whole articles."""
        m, v = MentionRow, ArticleVersionRow
        left = case((m.start > width, m.start - width), else_=0)
        rows = self.session.execute(
            select(
                m.id,
                m.article_id,
                m.start,
                m.end,
                func.substr(v.text, left + 1, m.start - left),
                func.substr(v.text, m.start + 1, m.end - m.start),
                func.substr(v.text, m.end + 1, width),
            )
            .join(v, and_(v.article_id == m.article_id, v.number == m.version_number))
            .where(m.entity_id == entity_id)
            .order_by(m.article_id, m.start)
            .limit(limit)
        ).all()
        return [
            (Mention(r[0], entity_id, r[1], r[2], r[3], r[5] or ""), r[4] or "", r[6] or "")
            for r in rows
        ]

    def per_article(self, entity_id: int) -> dict[int, int]:
        rows = self.session.execute(
            select(MentionRow.article_id, func.count(MentionRow.id))
            .where(MentionRow.entity_id == entity_id)
            .group_by(MentionRow.article_id)
        )
        return {r[0]: r[1] for r in rows}

    def cooccurring(self, entity_id: int, limit: int) -> list[tuple[int, int]]:
        """(entity id, shared articles), most shared first."""
        articles = select(MentionRow.article_id).where(MentionRow.entity_id == entity_id)
        shared = func.count(func.distinct(MentionRow.article_id))
        rows = self.session.execute(
            select(MentionRow.entity_id, shared)
            .where(MentionRow.article_id.in_(articles), MentionRow.entity_id != entity_id)
            .group_by(MentionRow.entity_id)
            .order_by(shared.desc(), MentionRow.entity_id)
            .limit(limit)
        )
        return [(r[0], r[1]) for r in rows]

    def article_dates(self, article_ids: Sequence[int]) -> dict[int, tuple[str, date, date | None]]:
        """Article id -> (title, its date, published): the date is the published one, else
        the updated one, else the day it was imported."""
        found: dict[int, tuple[str, date, date | None]] = {}
        for chunk in _chunks(list(article_ids)):
            rows = self.session.execute(
                select(
                    ArticleRow.id,
                    ArticleRow.title,
                    ArticleRow.published,
                    ArticleRow.updated,
                    ArticleRow.imported_at,
                ).where(ArticleRow.id.in_(chunk))
            )
            for article_id, title, published, updated, imported_at in rows:
                day = published or updated or imported_at.date()
                found[article_id] = (title, day, published)
        return found

    def move(self, source_id: int, into_id: int) -> None:
        """Hands every mention of `source_id` to `into_id` (a merge, before its rescan)."""
        self.session.execute(
            _mentions.update().where(_mentions.c.entity_id == source_id).values(entity_id=into_id)
        )
