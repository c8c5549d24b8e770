"""What every search backend does the same way: the field conditions of a query, and queries
of fields only (no words), which need no full-text index at all.

A backend subclasses `FieldSearch` and supplies `entity_ids` (entities whose names match
words) and `_filtered_articles` (articles passing the filters, without the excluded words),
both of which use its own index."""

from __future__ import annotations

from typing import Any

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from reader.core.query import Query
from reader.storage.search import IndexHit
from reader.storage.search.filters import Expr, conditions
from reader.storage.search.hydrate import hydrate_plain
from reader.storage.tables import ArticleRow, EntityRow, HighlightRow


class FieldSearch:
    def __init__(self, session: Session) -> None:
        self.session = session

    def entity_ids(self, names: tuple[str, ...]) -> list[int]:
        raise NotImplementedError

    def _filtered_articles(self, query: Query) -> Any:
        raise NotImplementedError

    def _conditions(self, query: Query, aid: Expr, hid: Expr, eid: Expr) -> list[Expr]:
        resolved = [self.entity_ids(names) for names in query.entities]
        return conditions(self.session, query, aid=aid, hid=hid, eid=eid, entity_ids=resolved)

    def _newest_articles(self, query: Query, limit: int | None) -> list[int]:
        """The articles passing a query without words, newest first."""
        ids = self._filtered_articles(query).order_by(
            ArticleRow.sort_at.desc(), ArticleRow.id.desc()
        )
        return list(self.session.scalars(ids.limit(limit)))

    def _filtered(self, query: Query, limit: int) -> list[IndexHit]:
        """A query of fields only: articles newest first, or the kinds it names."""
        wanted = query.kinds or frozenset({"article"})
        found: list[tuple[str, int]] = []
        if "article" in wanted:
            found += [("article", i) for i in self._newest_articles(query, limit)]
        for kind in ("highlight", "note"):
            if kind not in wanted or query.excluded:
                continue
            where = self._conditions(query, HighlightRow.article_id, HighlightRow.id, null())
            if kind == "note":
                where.append(HighlightRow.note != "")
            ids = select(HighlightRow.id).where(*where).order_by(HighlightRow.id.desc())
            found += [(kind, i) for i in self.session.scalars(ids.limit(limit))]
        if "entity" in wanted and query.entities and not query.article_filters:
            where = self._conditions(query, null(), null(), EntityRow.id)
            ids = select(EntityRow.id).where(*where).order_by(EntityRow.name)
            found += [("entity", i) for i in self.session.scalars(ids.limit(limit))]
        return hydrate_plain(self.session, found[:limit])
