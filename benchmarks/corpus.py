"""A deterministic synthetic news corpus, and Reader libraries built from it.

Benchmarks need thousands of articles that look like the real thing to the importer and the
list view, the same on every machine and every run, without downloading anything. Article
`i` of seed `s` depends only on (s, i), so a 1,000-article corpus is the first 1,000
articles of the 10,000-article one, and large corpora are written by several processes.

Libraries take far longer to build than corpora (they go through the real importer), so
they are cached under benchmarks/.cache/, keyed by size and corpus version, and upgraded by
the migrations when the schema moves on.

    python -m benchmarks.corpus FOLDER N           # write N article files into FOLDER
    python -m benchmarks.corpus --library DIR N    # a Reader library of N articles in DIR
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.articles import Generated, generate

if TYPE_CHECKING:
    from reader.services.importing import ImportReport

CORPUS_VERSION = 2  # bump whenever the generated text changes, to invalidate cached libraries
CACHE_ROOT = Path(__file__).resolve().parent / ".cache"
FILES_PER_FOLDER = 1000  # 100,000 files in one folder slow every tool that lists it
PARALLEL_FROM = 4000  # below this, starting worker processes costs more than it saves
CHUNK = 1000
COMPLETE_MARKER = "complete"


def log(message: str) -> None:
    """Progress goes to stderr: stdout belongs to the JSON result."""
    print(message, file=sys.stderr, flush=True)


def _path(folder: Path, index: int, headline: str) -> Path:
    ascii_only = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:48] or "article"
    return folder / f"{index // FILES_PER_FOLDER:03d}" / f"{index:06d}-{slug}.txt"


def _generate(seed: int, index: int, attempt: int = 0) -> Generated:
    key = f"{seed}/{index}" if attempt == 0 else f"{seed}/{index}/{attempt}"
    return generate(random.Random(key))


def _identity(text: str) -> bytes:
    """What makes an article distinct to the importer: its body (the tail is always body)."""
    return hashlib.blake2b(text[-400:].encode(), digest_size=16).digest()


def _write(folder: Path, index: int, article: Generated) -> Path:
    path = _path(folder, index, article.headline)
    path.parent.mkdir(exist_ok=True)
    path.write_text(article.text, encoding="utf-8")
    return path


def _write_chunk(folder: Path, seed: int, start: int, stop: int) -> list[tuple[Path, bytes]]:
    """Worker: writes articles start..stop-1; returns each path and identity."""
    written = []
    for index in range(start, stop):
        article = _generate(seed, index)
        written.append((_write(folder, index, article), _identity(article.text)))
    return written


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Writes `count` distinct article files under `folder` (which must be empty or absent)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder}: not empty; a corpus needs a folder of its own")
    folder.mkdir(parents=True, exist_ok=True)
    chunks = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    workers = min(os.cpu_count() or 1, len(chunks), 8)
    if count >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_write_chunk, folder, seed, a, b) for a, b in chunks]
            written = [item for future in futures for item in future.result()]
    else:
        written = [item for a, b in chunks for item in _write_chunk(folder, seed, a, b)]
    paths = [path for path, _ in written]
    seen: set[bytes] = set()
    for index, (path, identity) in enumerate(written):
        attempt = 0
        while identity in seen:  # never seen in practice; cheap insurance for the promise
            attempt += 1
            path.unlink()
            article = _generate(seed, index, attempt)
            identity = _identity(article.text)
            paths[index] = _write(folder, index, article)
        seen.add(identity)
    return paths


def upgrade_cached(folder: Path) -> None:
    """Brings a cached library to the current schema in place, as the app would on open
    (without its safety copy: the cache can always be rebuilt)."""
    from reader.storage.database import current_revision, make_engine, upgrade
    from reader.storage.schema import HEAD_REVISION

    engine = make_engine(f"sqlite:///{folder / 'library.sqlite3'}")
    try:
        revision = current_revision(engine)
        if revision != HEAD_REVISION:
            log(f"corpus: upgrading the cached library {folder.name} from schema {revision}")
            upgrade(engine)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def cached_library(count: int) -> Path:
    """The data folder of a cached library of `count` articles, built the first time.

    Treat it as read-only: copy it (see build_library) before opening it with the app. A
    library cached under an older schema is upgraded by the migrations, as a person's would
    be, instead of being imported again (an hour for 100,000 articles on two cores).
    """
    target = CACHE_ROOT / f"library-v{CORPUS_VERSION}-n{count}"
    if not (target / COMPLETE_MARKER).exists():
        for older in sorted(CACHE_ROOT.glob(f"library-v{CORPUS_VERSION}-n{count}-*")):
            if (older / COMPLETE_MARKER).exists():  # named by the schema, before upgrades
                shutil.rmtree(target, ignore_errors=True)
                older.rename(target)
                break
    if (target / COMPLETE_MARKER).exists():
        upgrade_cached(target)
        _prune(count, keep=target)
        return target
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target, ignore_errors=True)  # a build that was interrupted
    with tempfile.TemporaryDirectory(dir=CACHE_ROOT, prefix="build-") as scratch:
        building = Path(scratch) / "library"
        _import_corpus(building, Path(scratch) / "corpus", count)
        (building / COMPLETE_MARKER).write_text(f"{count}\n", encoding="utf-8")
        building.rename(target)
    _prune(count, keep=target)
    return target


def _prune(count: int, keep: Path) -> None:
    """Libraries of an older corpus version will never be used again."""
    for stale in CACHE_ROOT.glob(f"library-v*-n{count}*"):
        if stale != keep and stale.name.split("-n")[1].split("-")[0] == str(count):
            shutil.rmtree(stale, ignore_errors=True)


def _import_corpus(data_dir: Path, corpus: Path, count: int) -> None:
    from reader.services.importing import import_paths
    from reader.services.library import open_library

    started = time.perf_counter()
    write_corpus(corpus, count)
    log(f"corpus: wrote {count} articles in {time.perf_counter() - started:.1f} s; importing")

    def progress(done: int, total: int, _path: str) -> None:
        if done and done % 1000 == 0:
            log(f"corpus: imported {done}/{total}")

    library = open_library(data_dir=data_dir, with_samples=False)
    try:
        report = import_paths(library, [corpus], progress=progress)
    finally:
        library.close()
    check_report(report, count)
    log(f"corpus: library of {count} articles built in {time.perf_counter() - started:.1f} s")


def check_report(report: ImportReport, count: int) -> None:
    """Every generated article must be imported as new: a failure or an "unchanged" means the
    generator or the importer broke, and the figures would measure the wrong thing."""
    from reader.services.importing import ImportStatus

    imported = report.count(ImportStatus.IMPORTED)
    if imported != count or report.failed:
        problems = [r.message for r in report.results if r.status is not ImportStatus.IMPORTED]
        raise RuntimeError(
            f"expected {count} articles imported, got {report.summary()}: "
            + "; ".join(problems[:5])
        )


def build_library(data_dir: Path, count: int) -> None:
    """A Reader library of `count` generated articles in `data_dir` (a copy of the cached one)."""
    data_dir = Path(data_dir)
    if data_dir.exists() and any(data_dir.iterdir()):
        raise ValueError(f"{data_dir}: not empty; a library needs a folder of its own")
    source = cached_library(count)
    shutil.copytree(
        source, data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns(COMPLETE_MARKER)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("folder", type=Path, help="where to write (an empty or new folder)")
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (libraries use seed 1)")
    parser.add_argument(
        "--library", action="store_true", help="build a Reader library in FOLDER instead"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.library:
            build_library(args.folder, args.count)
        else:
            write_corpus(args.folder, args.count, args.seed)
    except ValueError as exc:
        log(f"error: {exc}")
        return 1
    what = "library of" if args.library else "corpus of"
    log(f"{what} {args.count} articles in {args.folder} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
