"""Importing files and folders: one article, one transaction; a bad file never stops a batch.

A batch is collected (folders recursively), parsed (in worker processes when it is large,
see `reader.ingest.files`) and stored here one article at a time, in order, each in its own
transaction. Before an article is stored it is looked up three ways: by where it came from
(the same file again is unchanged or, with new text, an update: never a duplicate), by its
content hash (an exact duplicate) and by its MinHash bands (a near duplicate, confirmed by
comparing the whole signatures stored with the candidates against
`reader.core.minhash.NEAR_DUPLICATE_THRESHOLD`). Duplicates are reported, not stored, unless
the person asks for them; a file with exactly an article's text is remembered as one more
source of that article (so an edit of it later is an update), a near duplicate is not.
"""

from __future__ import annotations

import codecs
import enum
import logging
import math
import os
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import minhash
from reader.core.changes import Changes
from reader.core.errors import InputError, ReaderError
from reader.ingest.banners import repeated_top_lines, top_lines
from reader.ingest.decode import decode_bytes
from reader.ingest.files import ParsedFile, collect, parse_files, worker_count
from reader.ingest.formats import PLAIN_TEXT_SUFFIXES, ParsedItem, item_for, reparse
from reader.ingest.plaintext import is_dateline
from reader.resources import sample_articles_dir
from reader.services.library import Library

if TYPE_CHECKING:
    from reader.storage.unit import Unit

log = logging.getLogger(__name__)

HEAD_BYTES = 4096  # enough of each file to see its banner lines
MAX_NEAR_CANDIDATES = 20  # articles compared in full per import; the best share most bands

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class ImportStatus(enum.StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """One article's outcome. `path` is the file, with "#n" for the n-th entry of a feed;
    for a duplicate, `article_id` is the article it duplicates."""

    path: str
    status: ImportStatus
    article_id: int | None
    message: str
    # Highlights whose place changed when an updated article was re-anchored.
    highlights_changed: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ImportReport:
    results: tuple[ImportResult, ...]
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def failed(self) -> list[ImportResult]:
        return [r for r in self.results if r.status is ImportStatus.FAILED]

    def count(self, status: ImportStatus) -> int:
        return sum(1 for r in self.results if r.status is status)

    def summary(self) -> str:
        """ "3 imported, 2 duplicates skipped, 1 failed": the line the window shows."""
        parts = []
        for status in ImportStatus:
            n = self.count(status)
            if not n:
                continue
            if status is ImportStatus.DUPLICATE:
                parts.append(f"{n} duplicate{'s' if n != 1 else ''} skipped")
            else:
                parts.append(f"{n} {status.value}")
        text = ", ".join(parts) if parts else "nothing to import"
        return f"{text} (cancelled)" if self.cancelled else text


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[ImportResult]]:
    """Expands folders recursively; returns the files to import and the inputs refused."""
    files, refused = collect(paths)
    return files, [_failed(str(path), reason) for path, reason in refused]


def _failed(path: str, message: str) -> ImportResult:
    return ImportResult(path, ImportStatus.FAILED, None, message)


def _read_head(path: Path) -> str:
    """The start of a file as text, decoded as the import will decode it, so a banner seen
    here is the same string the parser meets (a cp1252 em dash included)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return ""
    try:
        # Incremental, so a character cut off at the end of the head is not an error.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(head, path.name)
    except ReaderError:
        return ""


def learn_banners(library: Library, files: Sequence[Path]) -> set[str]:
    """Banner lines for this batch: the library's learned lines plus lines that repeat at the
    top of this batch's plain-text files (remembered for next time). Other formats have
    markup that says where the story starts."""
    plain = [f for f in files if f.suffix.lower() in PLAIN_TEXT_SUFFIXES]
    learned = repeated_top_lines((top_lines(_read_head(f)) for f in plain), ignore=is_dateline)
    with library.unit() as unit:
        if learned:
            unit.articles.remember_boilerplate(learned)
        return unit.articles.boilerplate_lines() | learned


def _near_duplicate(unit: Unit, item: ParsedItem) -> tuple[int, float] | None:
    """The most similar stored article at or above the threshold, with its similarity."""
    assert item.signature is not None
    best: tuple[int, float] | None = None
    near = unit.near_duplicates
    candidates = near.candidates(
        item.bands or minhash.bands(item.signature), MAX_NEAR_CANDIDATES, minhash.MIN_SHARED_BANDS
    )
    stored = near.signatures(candidates)
    for candidate in candidates:
        other = stored.get(candidate)
        if other is None:  # merged from a backup made before signatures were stored
            other = minhash.signature(unit.articles.current_text(candidate)[1])
        if other is None:
            continue
        score = minhash.similarity(item.signature, other)
        if score >= minhash.NEAR_DUPLICATE_THRESHOLD and (best is None or score > best[1]):
            best = (candidate, score)
    return best


def _percent(score: float) -> int:
    """Never "100% the same" for texts that are not identical."""
    return min(99, math.floor(score * 100))


# Whether the library has any entity alias, asked once per import transaction instead of
# once per article: an import adds no entities, and on SQLite no other writer can add one
# while the batch holds the write lock.
_ALIASES: weakref.WeakKeyDictionary[Unit, bool] = weakref.WeakKeyDictionary()


def update_mentions_for_article(unit: Unit, article_id: int) -> None:
    """Finds the library's entities in a stored or updated article (issue 4's service)."""
    from reader.services.entities import update_mentions_for_article as update

    aliases = _ALIASES.get(unit)
    if aliases is None:
        aliases = _ALIASES[unit] = unit.entities.has_aliases()
    if aliases:
        update(unit, article_id)


def _bands(item: ParsedItem) -> tuple[int, ...]:
    if item.signature is None:
        return ()
    return item.bands or tuple(minhash.bands(item.signature))


def store_update(unit: Unit, article_id: int, item: ParsedItem, shown: str) -> ImportResult:
    """Stores new text for an article, re-anchors its highlights and refreshes its bands, all
    in `unit`'s transaction: the new text never exists with positions on the old one."""
    from reader.storage.unit import reanchor_article

    assert item.article is not None
    version = unit.articles.add_version(article_id, item.article, item.digest)
    placed = reanchor_article(unit, article_id)
    unit.near_duplicates.store(article_id, _bands(item), item.signature)
    update_mentions_for_article(unit, article_id)  # entities (issue 4), same transaction
    message = f"text changed: now version {version}, earlier versions kept"
    if placed.total:
        message += f"; {placed.describe()}"
    return ImportResult(shown, ImportStatus.UPDATED, article_id, message, placed.changed)


def _store(
    library: Library,
    unit: Unit,
    item: ParsedItem,
    location: str,
    shown: str,
    allow_duplicates: bool,
) -> ImportResult:
    article = item.article
    assert article is not None
    with unit.savepoint():  # one article: stored whole or not at all
        articles = unit.articles
        known, same = articles.lookup(location, item.digest)
        if known is not None:
            article_id, old_digest = known
            if old_digest == item.digest:
                return ImportResult(
                    shown, ImportStatus.UNCHANGED, article_id, "already in the library"
                )
            return store_update(unit, article_id, item, shown)
        if not allow_duplicates:
            if same is not None:
                # Remembered as another source of that article (the table allows several), so
                # importing this file again is "unchanged" and an edit of it an update.
                articles.add_location(same, location)
                return ImportResult(shown, ImportStatus.DUPLICATE, same, f"duplicate of {same}")
            near = _near_duplicate(unit, item) if item.signature else None
            if near is not None:
                message = f"near-duplicate of {near[0]} ({_percent(near[1])}% the same)"
                return ImportResult(shown, ImportStatus.DUPLICATE, near[0], message)
        article_id = articles.add(
            article, item.digest, location, library.author, url=item.url, words=item.words
        )
        if item.signature is not None:
            unit.near_duplicates.store(article_id, _bands(item), item.signature, new=True)
        update_mentions_for_article(unit, article_id)
        message = f"imported: {article.title}"
        if item.note:
            message += f" ({item.note})"
        return ImportResult(shown, ImportStatus.IMPORTED, article_id, message)


def store_parsed(
    library: Library, unit: Unit, parsed: ParsedFile, allow_duplicates: bool
) -> list[ImportResult]:
    """Stores each article of one parsed file, each in its own savepoint of `unit`."""
    if parsed.error is not None:
        return [_failed(parsed.path, parsed.error)]
    resolved = parsed.resolved or str(Path(parsed.path).resolve())
    results = []
    for item in parsed.items:
        shown = f"{parsed.path}{item.label}"
        if item.error is not None or item.article is None:
            results.append(_failed(shown, item.error or f"{shown}: no text"))
            continue
        location = resolved + (f"#{item.key}" if item.key else "")
        try:
            results.append(_store(library, unit, item, location, shown, allow_duplicates))
        except ReaderError as exc:
            results.append(_failed(shown, str(exc)))
        except Exception as exc:
            # A bug, but one file must not stop a batch of thousands: its transaction was
            # rolled back, the traceback goes to the log and the person gets a line to report.
            log.exception("unexpected error importing %s", shown)
            results.append(
                _failed(shown, f"{shown}: could not import ({type(exc).__name__}: {exc})")
            )
    return results


BATCH_ARTICLES = 50
BATCH_SECONDS = 0.5


class _Batches:
    """Commits imported articles in batches.

    Each article is stored in a savepoint of its own, so a bad one is undone alone and none is
    ever half-written; committing every `BATCH_ARTICLES` articles (or `BATCH_SECONDS`) instead
    of after each one saves most of the cost of a commit per article. A batch in progress when
    the process dies is lost as a whole, and reported as nothing: results are only returned
    once committed.
    """

    def __init__(self, library: Library) -> None:
        self._library = library
        self._stack = ExitStack()
        self._open: Unit | None = None
        self._count = 0
        self._since = 0.0

    def unit(self) -> Unit:
        if self._open is None:
            self._open = self._stack.enter_context(self._library.unit())
            self._count = 0
            self._since = time.monotonic()
        return self._open

    def stored(self, articles: int) -> None:
        self._count += articles
        if self._count >= BATCH_ARTICLES or time.monotonic() - self._since >= BATCH_SECONDS:
            self._commit()

    def _commit(self) -> None:
        self._open = None
        self._stack.close()
        self._stack = ExitStack()

    def __enter__(self) -> _Batches:
        return self

    def __exit__(self, *exc: object) -> bool:
        self._open = None
        return bool(self._stack.__exit__(*exc))  # type: ignore[arg-type]


def import_paths(
    library: Library,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    allow_duplicates: bool = False,
    near_duplicates: bool = True,
) -> ImportReport:
    """Imports files and folders (recursively). Refused inputs and bad files are reported one
    by one; everything imported before a cancel is kept. `progress(done, total, path)` counts
    files (a feed file is one, however many entries it holds).

    `allow_duplicates`: store exact and near duplicates as articles of their own.
    `near_duplicates=False`: skip near-duplicate detection altogether (no signatures, no
    bands stored); the benchmark uses it to measure what detection costs.
    """
    files, results = collect_files(paths)
    plain = any(f.suffix.lower() in PLAIN_TEXT_SUFFIXES for f in files)
    banners = learn_banners(library, files) if plain else set()
    outcome: list[ImportResult] = list(results)
    added: set[int] = set()
    changed: set[int] = set()
    moved: set[int] = set()
    stopped = False
    total = len(files)
    workers = worker_count(files)
    stream = parse_files(files, banners, workers=workers, signed=near_duplicates)
    with closing(stream), _Batches(library) as batches:
        for done, path in enumerate(files):
            if cancelled is not None and cancelled():
                stopped = True
                break
            if progress is not None:
                progress(done, total, str(path))
            stored = store_parsed(library, batches.unit(), next(stream), allow_duplicates)
            batches.stored(len(stored))
            for result in stored:
                if result.status is ImportStatus.FAILED:
                    log.info("import failed: %s", result.message)
                elif result.status is ImportStatus.IMPORTED and result.article_id is not None:
                    added.add(result.article_id)
                elif result.status is ImportStatus.UPDATED and result.article_id is not None:
                    changed.add(result.article_id)
                    moved |= result.highlights_changed
                outcome.append(result)
        else:
            if progress is not None:
                progress(total, total, "")
    changes = Changes(
        articles_added=frozenset(added),
        articles_changed=frozenset(changed),
        highlights_changed=frozenset(moved),
    )
    return ImportReport(tuple(outcome), stopped, changes)


def reextract(library: Library, article_id: int) -> ImportReport:
    """Extracts the article again from the raw source stored with its current version (a
    better extractor, a fixed bug) and stores the result as a new version when the text
    changed, re-anchoring highlights exactly as an import of an edited file does."""
    with library.unit() as unit:
        source = unit.articles.source(article_id)
        banners = unit.articles.boilerplate_lines() if source.media_type == "text/plain" else set()
    shown = source.location or f"article {article_id}"
    if not source.raw:
        raise InputError(f"article {article_id}: no stored source to extract again")
    name = Path(shown.split("#", 1)[0]).name or f"article-{article_id}"
    item = item_for(reparse(source.media_type, name, source.raw, banners, source.title))
    if item.digest == source.content_hash:
        result = ImportResult(
            shown, ImportStatus.UNCHANGED, article_id, "extraction gives the same text"
        )
        return ImportReport((result,))
    with library.unit() as unit:
        result = store_update(unit, article_id, item, shown)
    changes = Changes(
        articles_changed=frozenset({article_id}), highlights_changed=result.highlights_changed
    )
    return ImportReport((result,), changes=changes)


def import_samples(library: Library) -> ImportReport:
    """The sample articles a new library starts with."""
    return import_paths(library, [sample_articles_dir()])
