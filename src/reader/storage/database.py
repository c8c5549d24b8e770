"""Opening a library: engine, connection rules, migrations and their safety copy.

SQLite gets foreign keys and a busy timeout on every connection, and WAL (readers never wait
for the importer) once the file is known to be a Reader library. Migrations run at open. For an
existing SQLite file they run on a copy that replaces the original only when every step
succeeded, and the original is kept beside it, so a failed migration leaves the old file
untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from reader.core.errors import LibraryError
from reader.storage.driver import load_native
from reader.storage.driver import sqlite as sqlite3
from reader.storage.schema import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    load_native(dbapi_connection)  # the search's ranking and marking functions, if built


def _use_wal(engine: Engine) -> None:
    """WAL is stored in the file itself, so it is switched on once the file is known to be a
    Reader library: a connect hook would convert any SQLite file it was pointed at, another
    program's included, before we could refuse it."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise LibraryError(f"{url}: not a database URL ({exc})") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, module=sqlite3, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise LibraryError(
            f"{parsed.render_as_string()}: driver {exc.name} is not installed"
        ) from exc


# Alembic is imported only when its machinery is needed: an up-to-date library opens without
# it, which keeps the window's start-up short.


def _alembic_config(connection: Any) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def migrations_head() -> str | None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    return script.get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copies a live SQLite database, WAL included, with SQLite's own backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def _migrate_sqlite_file(path: Path, engine: Engine, from_revision: str | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.before-{HEAD_REVISION}-{stamp}.bak")
    work = path.with_name(f"{path.name}.migrating")
    engine.dispose()
    _sqlite_copy(path, backup)
    _sqlite_copy(path, work)
    work_engine = make_engine(f"sqlite:///{work}")
    try:
        upgrade(work_engine)
    except BaseException:
        # The original was never opened for writing; drop the copies so a failed start does
        # not leave a new backup of the whole library behind each time.
        work_engine.dispose()
        for leftover in (work, backup):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{leftover}{suffix}").unlink(missing_ok=True)
        raise
    work_engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    work.replace(path)
    log.info(
        "migrated %s from %s to %s; the old file is %s", path, from_revision, HEAD_REVISION, backup
    )
    return backup


@dataclass
class Database:
    """An open library database: the engine and a session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    created: bool  # True when this open made a new, empty library
    backup: Path | None = None  # where the pre-migration copy went, if one was made

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def file(self) -> Path | None:
        if self.dialect != "sqlite":
            return None
        database = self.engine.url.database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    """Opens (creating or migrating as needed) the library at `url`."""
    engine = make_engine(url)
    backup: Path | None = None
    try:
        revision = current_revision(engine)
        created = revision is None and not _has_tables(engine)
        if revision != HEAD_REVISION:
            if revision is None and not created:
                raise LibraryError(f"{_display(url)}: not a Reader library (it has other tables)")
            if revision is not None and revision not in known_revisions():
                raise LibraryError(
                    f"{_display(url)}: made by a newer Reader (schema {revision}); "
                    "update Reader to open it"
                )
            database = engine.url.database
            if engine.dialect.name == "sqlite" and database and not created:
                backup = _migrate_sqlite_file(Path(database), engine, revision)
            else:
                upgrade(engine)
        _use_wal(engine)
    except LibraryError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        reason = one_line(getattr(exc, "orig", None) or exc)
        raise LibraryError(f"{_display(url)}: cannot open the library ({reason})") from exc
    except Exception as exc:  # a migration step failed (Alembic's or the step's own error)
        engine.dispose()
        raise LibraryError(
            f"{_display(url)}: could not upgrade the library ({exc}); it was left as it was"
        ) from exc
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(url, engine, sessions, created, backup)


def one_line(error: object) -> str:
    """A driver's message without its hints and context lines (PostgreSQL adds several)."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _display(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
