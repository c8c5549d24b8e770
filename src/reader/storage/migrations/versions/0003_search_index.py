"""Full-text search index over articles, highlights, notes and entities (SQLite FTS5)

One FTS5 table holds every searchable document; its rowid says what a document is:
rowid = kind * 2**40 + id, kind 0 article (title + current text), 1 highlight quote,
2 highlight note, 3 entity (name, aliases, note); each kind is a range of rowids, so a search
can rank one kind, or the newest articles, without visiting the rest. Triggers keep it in
step with the tables in the same transaction, whichever code changes them, so an edit is
findable and a deletion gone at once. The tokenizer folds case and diacritics and stems
English (porter).

PostgreSQL gets the same documents, numbered the same way, in a plain table,
`search_documents` (doc, vector), with a GIN index on the tsvector and PL/pgSQL triggers that
keep it in step in the same transaction. Its text search configuration, `reader_search`,
stems English with Snowball and keeps every word (no stop words, as FTS5); it folds
diacritics with the `unaccent` extension when the server has it and lets this role create it
(it is a trusted extension from PostgreSQL 13 on); without it, case is still folded but
accents are not (a warning says so; once an administrator has run CREATE EXTENSION unaccent,
ALTER TEXT SEARCH CONFIGURATION reader_search ALTER MAPPING FOR the word types WITH
unaccent, reader_english_stem, then `reader reindex`, folds them). Weights mark where a word
stood: A title, B entity names and aliases, D running text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import logging
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
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _upgrade_postgresql()
        return
    if dialect != "sqlite":
        return
    for statement in (*_CREATE, *_TRIGGERS, *_POPULATE):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _downgrade_postgresql()
        return
    if dialect != "sqlite":
        return
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_fts")


# -- PostgreSQL ------------------------------------------------------------------------------

# A failed CREATE EXTENSION (no contrib package, no privilege) must not abort the migration's
# transaction: the block's exception handler rolls back to its own savepoint.
_PG_UNACCENT = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS unaccent;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE USING MESSAGE = 'search will not fold accents: ' || SQLERRM;
        END;
    END IF;
END
$$
"""
_PG_HAS_UNACCENT = (
    "SELECT EXISTS (SELECT 1 FROM pg_ts_dict "
    "WHERE dictname = 'unaccent' AND pg_ts_dict_is_visible(oid))"
)
_PG_WORDS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
_PG_NUMBERS = "numword, numhword, hword_numpart"


def _pg_configuration(unaccent: bool) -> tuple[str, ...]:
    fold = "unaccent, " if unaccent else ""
    return (
        "CREATE TEXT SEARCH DICTIONARY reader_english_stem "
        "(TEMPLATE = snowball, Language = english)",
        "CREATE TEXT SEARCH CONFIGURATION reader_search (COPY = simple)",
        f"ALTER TEXT SEARCH CONFIGURATION reader_search ALTER MAPPING FOR {_PG_WORDS} "
        f"WITH {fold}reader_english_stem",
        f"ALTER TEXT SEARCH CONFIGURATION reader_search ALTER MAPPING FOR {_PG_NUMBERS} "
        f"WITH {fold}simple",
    )


_PG_FUNCTIONS = (
    # A news article's vector (about 4 kB) stays in the row rather than in TOAST: matching
    # and ranking read it for every candidate, and a TOAST fetch costs several page reads.
    "CREATE TABLE search_documents (doc bigint PRIMARY KEY, vector tsvector NOT NULL) "
    "WITH (toast_tuple_target = 8160)",
    "CREATE INDEX ix_search_documents_vector ON search_documents USING gin (vector)",
    # The one definition of a document's vector, used by the triggers and by `reader reindex`.
    """
    CREATE FUNCTION search_vector(title text, body text, names text) RETURNS tsvector
    LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('reader_search', coalesce(title, '')), 'A')
            || setweight(to_tsvector('reader_search', coalesce(names, '')), 'B')
            || setweight(to_tsvector('reader_search', coalesce(body, '')), 'D')
    $$
    """,
    # Upserts, not delete-and-insert: two writers indexing one document at once must not
    # collide on its key.
    """
    CREATE FUNCTION search_index_article(article bigint) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_documents (doc, vector)
        SELECT a.id, search_vector(a.title, v.text, NULL) FROM articles AS a
        JOIN article_versions AS v ON v.article_id = a.id AND v.number = a.current_version
        WHERE a.id = article
        ON CONFLICT (doc) DO UPDATE SET vector = EXCLUDED.vector;
        IF NOT FOUND THEN
            DELETE FROM search_documents WHERE doc = article;
        END IF;
    END
    $$
    """,
    """
    CREATE FUNCTION search_index_highlight(highlight bigint) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_documents (doc, vector)
        SELECT h.id + 1099511627776, search_vector(NULL, h.exact, NULL) FROM highlights AS h
        WHERE h.id = highlight
        ON CONFLICT (doc) DO UPDATE SET vector = EXCLUDED.vector;
        IF NOT FOUND THEN
            DELETE FROM search_documents WHERE doc = highlight + 1099511627776;
        END IF;
        INSERT INTO search_documents (doc, vector)
        SELECT h.id + 2199023255552, search_vector(NULL, h.note, NULL) FROM highlights AS h
        WHERE h.id = highlight AND coalesce(h.note, '') <> ''
        ON CONFLICT (doc) DO UPDATE SET vector = EXCLUDED.vector;
        IF NOT FOUND THEN
            DELETE FROM search_documents WHERE doc = highlight + 2199023255552;
        END IF;
    END
    $$
    """,
    # Aliases are written without locking their entity, so the entity row is locked here:
    # two writers changing one entity's aliases index it one after the other, the second
    # seeing the first's aliases (each statement reads the latest committed rows).
    """
    CREATE FUNCTION search_index_entity(entity bigint) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM 1 FROM entities WHERE id = entity FOR NO KEY UPDATE;
        INSERT INTO search_documents (doc, vector)
        SELECT e.id + 3298534883328, search_vector(e.name, e.note,
            (SELECT string_agg(al.text, ' | ' ORDER BY al.id) FROM aliases AS al
             WHERE al.entity_id = e.id))
        FROM entities AS e WHERE e.id = entity
        ON CONFLICT (doc) DO UPDATE SET vector = EXCLUDED.vector;
        IF NOT FOUND THEN
            DELETE FROM search_documents WHERE doc = entity + 3298534883328;
        END IF;
    END
    $$
    """,
)


def _pg_trigger(
    name: str, table: str, event: str, body: str, when: str = ""
) -> tuple[str, str, str, str]:
    function = f"""
    CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {body}
        RETURN NULL;
    END
    $$
    """
    condition = f" WHEN ({when})" if when else ""
    trigger = (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{condition} "
        f"EXECUTE FUNCTION {name}()"
    )
    return name, table, function, trigger


_PG_TRIGGERS = (
    # An article's text is indexed once its current version row exists (import inserts the
    # article, then its version; a new version is inserted before the article points at it).
    _pg_trigger(
        "search_version_aiu",
        "article_versions",
        "INSERT OR UPDATE OF text",
        "IF NEW.number = (SELECT current_version FROM articles WHERE id = NEW.article_id) "
        "THEN PERFORM search_index_article(NEW.article_id); END IF;",
    ),
    # Only a new title or version: marking an article read leaves the index alone.
    _pg_trigger(
        "search_article_au",
        "articles",
        "UPDATE OF title, current_version",
        "PERFORM search_index_article(NEW.id);",
        "OLD.title IS DISTINCT FROM NEW.title "
        "OR OLD.current_version IS DISTINCT FROM NEW.current_version",
    ),
    _pg_trigger(
        "search_article_ad",
        "articles",
        "DELETE",
        "DELETE FROM search_documents WHERE doc = OLD.id;",
    ),
    # Re-anchoring moves a highlight without changing its quote or note: no index work.
    _pg_trigger(
        "search_highlight_ai", "highlights", "INSERT", "PERFORM search_index_highlight(NEW.id);"
    ),
    _pg_trigger(
        "search_highlight_au",
        "highlights",
        "UPDATE OF exact, note",
        "PERFORM search_index_highlight(NEW.id);",
        "OLD.exact IS DISTINCT FROM NEW.exact OR OLD.note IS DISTINCT FROM NEW.note",
    ),
    _pg_trigger(
        "search_highlight_ad",
        "highlights",
        "DELETE",
        "DELETE FROM search_documents "
        "WHERE doc IN (OLD.id + 1099511627776, OLD.id + 2199023255552);",
    ),
    _pg_trigger(
        "search_entity_aiu",
        "entities",
        "INSERT OR UPDATE OF name, note",
        "PERFORM search_index_entity(NEW.id);",
    ),
    _pg_trigger(
        "search_entity_ad",
        "entities",
        "DELETE",
        "DELETE FROM search_documents WHERE doc = OLD.id + 3298534883328;",
    ),
    _pg_trigger(
        "search_alias_ai", "aliases", "INSERT", "PERFORM search_index_entity(NEW.entity_id);"
    ),
    _pg_trigger(
        "search_alias_au",
        "aliases",
        "UPDATE",
        "PERFORM search_index_entity(OLD.entity_id); "
        "IF NEW.entity_id <> OLD.entity_id THEN PERFORM search_index_entity(NEW.entity_id); "
        "END IF;",
    ),
    _pg_trigger(
        "search_alias_ad", "aliases", "DELETE", "PERFORM search_index_entity(OLD.entity_id);"
    ),
)

_PG_POPULATE = (
    "INSERT INTO search_documents (doc, vector) "
    "SELECT a.id, search_vector(a.title, v.text, NULL) FROM articles AS a "
    "JOIN article_versions AS v ON v.article_id = a.id AND v.number = a.current_version",
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


def _upgrade_postgresql() -> None:
    op.execute(_PG_UNACCENT)
    unaccent = bool(op.get_bind().exec_driver_sql(_PG_HAS_UNACCENT).scalar())
    if not unaccent:
        logging.getLogger(__name__).warning(
            "the unaccent extension could not be created: search on this library will "
            "not fold accents (see migration 0003 for how to add it later)"
        )
    for statement in (*_pg_configuration(unaccent), *_PG_FUNCTIONS):
        op.execute(statement)
    for _name, _table, function, trigger in _PG_TRIGGERS:
        op.execute(function)
        op.execute(trigger)
    for statement in _PG_POPULATE:
        op.execute(statement)


def _downgrade_postgresql() -> None:
    """Everything upgrade made except the unaccent extension, which other code may use."""
    for name, table, _function, _trigger in _PG_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    for function in ("search_index_entity", "search_index_highlight", "search_index_article"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}(bigint)")
    op.execute("DROP FUNCTION IF EXISTS search_vector(text, text, text)")
    op.execute("DROP TABLE IF EXISTS search_documents")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS reader_search")
    op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS reader_english_stem")
