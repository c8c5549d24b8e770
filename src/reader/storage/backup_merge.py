"""Merging a backup into a library that already holds work, by UUID.

The rules, table by table (a person's local work is never deleted or overwritten by older
data):

- articles: the same UUID is the same article, and the local text and versions stay; a new
  UUID comes in whole (versions, blocks, source files not already claimed, MinHash bands
  and signature).
- tags: the same UUID, else the same name in any case, is the same tag.
- entities: the same UUID, else the same name (any case) and kind; aliases are added where no
  other entity owns them.
- highlights: the same UUID is the same highlight; the backup's note and colour win only if
  the backup's copy was modified later. A new highlight on an article the library already had
  is re-anchored on the local text afterwards (its position may refer to another version).
- links (highlight tags, article tags, highlight-entity links): added, never removed.
- mentions and near-duplicate bands and signatures come with new articles; the service
  rescans mentions of the local articles when entities were added.
- rejected suggestions, boilerplate lines: added by text; saved searches by UUID, else name.
- a table this version does not know how to merge is reported and left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from reader.storage.backup import read_rows, tables

Rows = Callable[[str], Iterable[bytes] | None]  # table name -> its dumped lines, or None


@dataclass
class MergeResult:
    added: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    reanchor: set[int] = field(default_factory=set)  # local article ids
    rescan: set[int] = field(default_factory=set)
    entities_added: bool = False


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _Merger:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.maps: dict[str, dict[int, int]] = {}
        self.new: dict[str, set[int]] = {}  # local ids inserted by this merge
        self.result = MergeResult()

    def table(self, name: str) -> Table:
        return next(t for t in tables() if t.name == name)

    def _count(self, kind: str, name: str) -> None:
        bucket = getattr(self.result, kind)
        bucket[name] = bucket.get(name, 0) + 1

    def _insert(self, table: Table, row: dict[str, Any], *, keep_id: bool = False) -> int:
        values = dict(row)
        old = values.pop("id", None) if not keep_id else values.get("id")
        new_id = self.conn.execute(insert(table).returning(table.c.id), values).scalar_one()
        if old is not None:
            self.maps.setdefault(table.name, {})[old] = new_id
        self.new.setdefault(table.name, set()).add(new_id)
        self._count("added", table.name)
        return int(new_id)

    def _match(self, table: Table, old: int, local: int) -> None:
        self.maps.setdefault(table.name, {})[old] = local
        self._count("matched", table.name)

    def _local(self, table: Table, key: str) -> dict[Any, int]:
        return {r[0]: r[1] for r in self.conn.execute(select(table.c[key], table.c.id))}

    def _mapped(self, name: str, old: int | None) -> int | None:
        return None if old is None else self.maps.get(name, {}).get(old)

    # -- tables with identity --------------------------------------------------------------
    def by_uuid(self, table: Table, rows: Iterable[dict[str, Any]], alt: str | None) -> None:
        by_uuid = self._local(table, "uuid")
        by_alt: dict[Any, int] = {}
        if alt is not None:
            by_alt = {
                str(k).casefold(): v for k, v in self._local(table, alt).items() if k is not None
            }
        for row in rows:
            local = by_uuid.get(row["uuid"])
            if local is None and alt is not None:
                local = by_alt.get(str(row[alt]).casefold())
            if local is None:
                self._insert(table, row)
            else:
                self._match(table, row["id"], local)

    def articles(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        self.by_uuid(table, rows, None)

    def highlights(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        local = {
            r[0]: (r[1], _utc(r[2]))
            for r in self.conn.execute(select(table.c.uuid, table.c.id, table.c.modified))
        }
        new_articles = self.new.get("articles", set())
        for row in rows:
            found = local.get(row["uuid"])
            if found is not None:
                self._match(table, row["id"], found[0])
                if _utc(row["modified"]) > found[1]:
                    self.conn.execute(
                        update(table)
                        .where(table.c.id == found[0])
                        .values(note=row["note"], color=row["color"], modified=row["modified"])
                    )
                    self._count("updated", table.name)
                continue
            article = self._mapped("articles", row["article_id"])
            if article is None:
                continue
            self._insert(table, {**row, "article_id": article})
            if article not in new_articles:
                self.result.reanchor.add(article)

    def entities(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        by_uuid = self._local(table, "uuid")
        by_name = {
            (str(r[0]).casefold(), r[1]): r[2]
            for r in self.conn.execute(select(table.c.name, table.c.kind, table.c.id))
        }
        for row in rows:
            local = by_uuid.get(row["uuid"]) or by_name.get((row["name"].casefold(), row["kind"]))
            if local is None:
                self._insert(table, row)
                self.result.entities_added = True
            else:
                self._match(table, row["id"], local)

    def aliases(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        owners = {
            str(r[0]).casefold(): (r[1], r[2])
            for r in self.conn.execute(select(table.c.text, table.c.entity_id, table.c.id))
        }
        for row in rows:
            entity = self._mapped("entities", row["entity_id"])
            if entity is None:
                continue
            owner = owners.get(row["text"].casefold())
            if owner is None:
                new_id = self._insert(table, {**row, "entity_id": entity})
                owners[row["text"].casefold()] = (entity, new_id)
            elif owner[0] == entity:
                self._match(table, row["id"], owner[1])

    # -- rows that belong to a parent --------------------------------------------------------
    def children(
        self,
        table: Table,
        rows: Iterable[dict[str, Any]],
        parents: dict[str, str],
        *,
        only_new: str | None = None,
        unique: tuple[str, ...] = (),
    ) -> None:
        """Rows whose foreign keys are mapped; with `only_new`, only under parents this merge
        inserted; with `unique`, skipped when a row with the same values exists."""
        seen: set[tuple[Any, ...]] = set()
        if unique:
            seen = {tuple(r) for r in self.conn.execute(select(*(table.c[k] for k in unique)))}
        has_id = "id" in table.c and table.c.id.autoincrement is not False
        for row in rows:
            values = dict(row)
            skip = False
            for column, parent in parents.items():
                if values.get(column) is None:
                    continue
                mapped = self._mapped(parent, values[column])
                if mapped is None:
                    if column == "alias_id":
                        values[column] = None
                        continue
                    skip = True
                    break
                values[column] = mapped
            if skip:
                continue
            if only_new is not None:
                column = next(c for c, p in parents.items() if p == only_new)
                if values[column] not in self.new.get(only_new, set()):
                    continue
            if unique:
                key = tuple(values[k] for k in unique)
                if key in seen:
                    continue
                seen.add(key)
            if has_id and "id" in values:
                self._insert(table, values)
            else:
                self.conn.execute(insert(table), values)
                self._count("added", table.name)


def merge(conn: Connection, rows_of: Rows) -> MergeResult:
    """Merges the dumped tables that `rows_of` hands out into the library on `conn`."""
    m = _Merger(conn)
    plan: dict[str, Callable[[Table, Iterable[dict[str, Any]]], None]] = {
        "articles": m.articles,
        "tags": lambda t, r: m.by_uuid(t, r, "name"),
        "entities": m.entities,
        "saved_searches": lambda t, r: m.by_uuid(t, r, "name"),
        "highlights": m.highlights,
        "aliases": m.aliases,
        "article_versions": lambda t, r: m.children(
            t, r, {"article_id": "articles"}, only_new="articles"
        ),
        "blocks": lambda t, r: m.children(
            t, r, {"version_id": "article_versions"}, only_new="article_versions"
        ),
        "article_sources": lambda t, r: m.children(
            t, r, {"article_id": "articles"}, only_new="articles", unique=("location",)
        ),
        "near_duplicate_keys": lambda t, r: m.children(
            t, r, {"article_id": "articles"}, only_new="articles"
        ),
        "near_duplicate_signatures": lambda t, r: m.children(
            t, r, {"article_id": "articles"}, only_new="articles"
        ),
        "mentions": lambda t, r: m.children(
            t,
            r,
            {"article_id": "articles", "entity_id": "entities", "alias_id": "aliases"},
            only_new="articles",
        ),
        "highlight_tags": lambda t, r: m.children(
            t,
            r,
            {"highlight_id": "highlights", "tag_id": "tags"},
            unique=("highlight_id", "tag_id"),
        ),
        "article_tags": lambda t, r: m.children(
            t, r, {"article_id": "articles", "tag_id": "tags"}, unique=("article_id", "tag_id")
        ),
        "highlight_entities": lambda t, r: m.children(
            t,
            r,
            {"highlight_id": "highlights", "entity_id": "entities"},
            unique=("highlight_id", "entity_id"),
        ),
        "rejected_suggestions": lambda t, r: m.children(t, r, {}, unique=("text",)),
        "boilerplate_lines": lambda t, r: m.children(t, r, {}, unique=("text",)),
    }
    for table in tables():
        lines = rows_of(table.name)
        if lines is None:
            continue
        _columns, rows = read_rows(lines, table)
        handler = plan.get(table.name)
        if handler is None:
            m.result.messages.append(f"{table.name}: not merged (no merge rule for it yet)")
            continue
        handler(table, rows)
    if m.result.entities_added:
        local_articles = set(m._local(m.table("articles"), "uuid").values())
        m.result.rescan = local_articles - m.new.get("articles", set())
    return m.result
