"""Full-text search index over articles, highlights, notes and entities (SQLite FTS5)

One FTS5 table holds every searchable document; its rowid says what a document is:
rowid = kind * 2**40 + id, kind 0 article (title + current text), 1 highlight quote,
2 highlight note, 3 entity (name, aliases, note); each kind is a range of rowids, so a search
can rank one kind, or the newest articles, without visiting the rest. Triggers keep it in
step with the tables in the same transaction, whichever code changes them, so an edit is
findable and a deletion gone at once. The tokenizer folds case and diacritics and stems
English (porter).

Other dialects get their index in a later revision (issue 8); here they are left alone.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Title matches count most, entity names and aliases next, running text least.
_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, names, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0)')",
)


def _article_doc(article: str) -> str:
    return (
        "INSERT INTO search_fts(rowid, title, body) "
        f"SELECT a.id, a.title, v.text FROM articles AS a JOIN article_versions AS v "
        f"ON v.article_id = a.id AND v.number = a.current_version WHERE a.id = {article};"
    )


def _entity_doc(entity: str) -> str:
    return (
        f"DELETE FROM search_fts WHERE rowid = {entity} + 3298534883328; "
        "INSERT INTO search_fts(rowid, title, body, names) "
        "SELECT e.id + 3298534883328, e.name, e.note, "
        "(SELECT group_concat(al.text, ' | ') FROM aliases AS al WHERE al.entity_id = e.id) "
        f"FROM entities AS e WHERE e.id = {entity};"
    )


def _highlight_docs(row: str) -> str:
    return (
        "INSERT INTO search_fts(rowid, body) "
        f"VALUES ({row}.id + 1099511627776, {row}.exact); "
        "INSERT INTO search_fts(rowid, body) "
        f"SELECT {row}.id + 2199023255552, {row}.note WHERE coalesce({row}.note, '') <> '';"
    )


_TRIGGERS = (
    # Articles: the text is indexed when the current version row exists (import inserts the
    # article, then its version; a new version is inserted before the article points at it).
    "CREATE TRIGGER search_version_ai AFTER INSERT ON article_versions "
    "WHEN NEW.number = (SELECT current_version FROM articles WHERE id = NEW.article_id) BEGIN "
    "DELETE FROM search_fts WHERE rowid = NEW.article_id; "
    + _article_doc("NEW.article_id")
    + " END",
    "CREATE TRIGGER search_version_au AFTER UPDATE OF text ON article_versions "
    "WHEN NEW.number = (SELECT current_version FROM articles WHERE id = NEW.article_id) BEGIN "
    "DELETE FROM search_fts WHERE rowid = NEW.article_id; "
    + _article_doc("NEW.article_id")
    + " END",
    "CREATE TRIGGER search_article_au AFTER UPDATE OF title, current_version ON articles "
    "BEGIN DELETE FROM search_fts WHERE rowid = OLD.id; " + _article_doc("NEW.id") + " END",
    "CREATE TRIGGER search_article_ad AFTER DELETE ON articles "
    "BEGIN DELETE FROM search_fts WHERE rowid = OLD.id; END",
    # Highlights: the quote and, when there is one, the note; moving a highlight (re-anchoring)
    # changes neither, so it does not touch the index.
    "CREATE TRIGGER search_highlight_ai AFTER INSERT ON highlights BEGIN "
    + _highlight_docs("NEW")
    + " END",
    "CREATE TRIGGER search_highlight_au AFTER UPDATE OF exact, note ON highlights BEGIN "
    "DELETE FROM search_fts WHERE rowid IN (OLD.id + 1099511627776, OLD.id + 2199023255552); "
    + _highlight_docs("NEW")
    + " END",
    "CREATE TRIGGER search_highlight_ad AFTER DELETE ON highlights BEGIN "
    "DELETE FROM search_fts WHERE rowid IN (OLD.id + 1099511627776, OLD.id + 2199023255552); END",
    # Entities: one document of name, note and every alias.
    "CREATE TRIGGER search_entity_ai AFTER INSERT ON entities BEGIN "
    + _entity_doc("NEW.id")
    + " END",
    "CREATE TRIGGER search_entity_au AFTER UPDATE OF name, note ON entities BEGIN "
    + _entity_doc("NEW.id")
    + " END",
    "CREATE TRIGGER search_entity_ad AFTER DELETE ON entities BEGIN "
    "DELETE FROM search_fts WHERE rowid = OLD.id + 3298534883328; END",
    "CREATE TRIGGER search_alias_ai AFTER INSERT ON aliases BEGIN "
    + _entity_doc("NEW.entity_id")
    + " END",
    "CREATE TRIGGER search_alias_au AFTER UPDATE ON aliases BEGIN "
    + _entity_doc("OLD.entity_id")
    + " "
    + _entity_doc("NEW.entity_id")
    + " END",
    "CREATE TRIGGER search_alias_ad AFTER DELETE ON aliases BEGIN "
    + _entity_doc("OLD.entity_id")
    + " END",
)

_TRIGGER_NAMES = [statement.split()[2] for statement in _TRIGGERS]

_POPULATE = (
    "INSERT INTO search_fts(rowid, title, body) "
    "SELECT a.id, a.title, v.text FROM articles AS a JOIN article_versions AS v "
    "ON v.article_id = a.id AND v.number = a.current_version",
    "INSERT INTO search_fts(rowid, body) SELECT id + 1099511627776, exact FROM highlights",
    "INSERT INTO search_fts(rowid, body) SELECT id + 2199023255552, note FROM highlights "
    "WHERE coalesce(note, '') <> ''",
    "INSERT INTO search_fts(rowid, title, body, names) "
    "SELECT e.id + 3298534883328, e.name, e.note, "
    "(SELECT group_concat(al.text, ' | ') FROM aliases AS al WHERE al.entity_id = e.id) "
    "FROM entities AS e",
    "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in (*_CREATE, *_TRIGGERS, *_POPULATE):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_fts")
