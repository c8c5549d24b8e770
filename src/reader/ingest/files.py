"""Finding the files of a batch and parsing them, in worker processes when there are many.

Parsing is pure (bytes in, articles out), so a large batch parses in a pool of processes
(at most `MAX_WORKERS`, see `worker_count`) while the importer stores results in order in
the main process: on a 2-core machine web pages parse on both cores, and storing overlaps
with parsing. Small batches parse in process, where starting workers would cost more than it
saves. At most a few chunks are in flight, so a batch of 100,000 files never holds more
than a few hundred parsed articles in memory, and a cancel stops within one chunk.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Collection, Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import InputError
from reader.ingest.formats import ParsedItem, is_supported, parse_items

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024  # checked before reading: Reader reads a file whole
PARALLEL_FROM = 50  # files in a batch before worker processes pay for their start
MAX_WORKERS = 2
CHUNK = 8  # files per task: fewer round trips, still a quick cancel
IN_FLIGHT = 4  # chunks per worker submitted ahead of the one being stored


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What became of one file: its articles, or why it was refused. `resolved`: its absolute
    path with links resolved (where the library remembers it came from), found where it is
    parsed, so a batch's worker processes do that too."""

    path: str
    items: tuple[ParsedItem, ...] = ()
    error: str | None = None
    resolved: str = ""


def read_source(path: Path) -> bytes:
    """A file's bytes, refusing one too large to be an article before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(_too_large(path, size))
        with open(path, "rb") as fh:  # noqa: PTH123 (tests replace `open` to simulate EACCES)
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:  # it grew, or stat did not know (a pipe)
        raise InputError(_too_large(path, len(data)))
    return data


def _too_large(path: Path, size: int) -> str:
    return (
        f"{path.name}: too large to be an article "
        f"({size / 1024 / 1024:.0f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB)"
    )


def parse_file(path: str, banners: Collection[str] = (), signed: bool = True) -> ParsedFile:
    """Reads and parses one file; never raises, so one bad file never stops a worker."""
    try:
        data = read_source(Path(path))
        items = tuple(parse_items(Path(path).name, data, banners, signed=signed))
        return ParsedFile(path, items, resolved=str(Path(path).resolve()))
    except InputError as exc:
        return ParsedFile(path, error=str(exc))
    except RecursionError:
        return ParsedFile(path, error=f"{Path(path).name}: nested too deeply to read")
    except Exception as exc:
        # A bug, but one file must not stop a batch of thousands: the traceback goes to the
        # log and the person gets a line to report.
        log.exception("unexpected error parsing %s", path)
        return ParsedFile(path, error=f"{path}: could not import ({type(exc).__name__}: {exc})")


def _parse_chunk(paths: list[str], banners: frozenset[str], signed: bool) -> list[ParsedFile]:
    return [parse_file(path, banners, signed) for path in paths]


WORKER_NICENESS = 10


def _lower_priority() -> None:
    """Runs in each worker process: parsing yields the processor to the process that stores
    the articles, the one stage of an import that cannot be split (and, in the window, the
    one that also draws it), and takes what that leaves of every core."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: the import runs on a worker thread of the window, and
    forking a threaded process can deadlock the child; spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def worker_count(files: Sequence[Path]) -> int:
    """Worker processes for a batch: none for a small one, else one per core. Even plain text
    without near-duplicate signatures keeps one worker busy all the time this process spends
    storing (measured: 1,000 articles stored 10% sooner with two workers than with one on two
    cores); the workers run at a lower priority, so they never hold the storing back."""
    if len(files) <= PARALLEL_FROM:
        return 0
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def parse_files(
    paths: Iterable[Path],
    banners: Collection[str] = (),
    *,
    workers: int = 0,
    signed: bool = True,
) -> Generator[ParsedFile, None, None]:
    """Parsed files in the order given. With `workers` > 0, parsing runs ahead in a process
    pool; closing the generator cancels what has not started. `signed`: compute
    near-duplicate signatures."""
    names = [str(path) for path in paths]
    if workers <= 0:
        for name in names:
            yield parse_file(name, banners, signed)
        return
    frozen = frozenset(banners)
    chunks = deque(names[i : i + CHUNK] for i in range(0, len(names), CHUNK))
    pending: deque[tuple[list[str], Future[list[ParsedFile]]]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_lower_priority
    )
    try:
        while chunks or pending:
            try:
                while chunks and len(pending) < workers * IN_FLIGHT:
                    chunk = chunks.popleft()
                    pending.append((chunk, pool.submit(_parse_chunk, chunk, frozen, signed)))
                parsed = pending[0][1].result()
            except (BrokenProcessPool, OSError, RuntimeError) as exc:
                # Workers could not start or died (no /dev/shm, a frozen app without
                # freeze_support, a script without a __main__ guard): parse here instead.
                log.warning("parsing in this process: worker processes failed (%s)", exc)
                left = [name for chunk, _ in pending for name in chunk]
                left += [name for chunk in chunks for name in chunk]
                pending.clear()
                chunks.clear()
                for name in left:
                    yield parse_file(name, banners, signed)
                return
            pending.popleft()
            yield from parsed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def collect(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expands folders recursively; returns the files to import and the inputs refused, each
    with its reason. Hidden files and folders are skipped; a symbolic link that leads back to
    a folder already read (a loop) is reported and not followed again."""
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found = _walk(path, refused)
            if not found and not any(p.is_relative_to(path) for p, _ in refused):
                refused.append(
                    (path, f"{path}: no articles in this folder (looked for {_describe()})")
                )
        elif path.is_file():
            found = [path]
        elif path.is_symlink() and not path.exists():
            refused.append((path, f"{path}: {_broken_link(path)}"))
            continue
        elif path.exists():
            refused.append((path, f"{path}: not a regular file"))
            continue
        else:
            refused.append((path, f"{path}: no such file or folder"))
            continue
        for file in found:
            try:
                resolved = file.resolve()
            except (OSError, RuntimeError):
                resolved = file
            if resolved not in seen:
                seen.add(resolved)
                files.append(file)
    return files, refused


def _describe() -> str:
    from reader.ingest.formats import describe_supported

    return describe_supported()


def _broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symlink loop, skipped"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symlink loop, skipped"
    return "broken link, skipped"


def _walk(root: Path, refused: list[tuple[Path, str]]) -> list[Path]:
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            info = Path(folder).stat()
        except OSError as exc:
            refused.append((Path(folder), f"{folder}: cannot read ({exc.strerror or exc})"))
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            dirnames[:] = []  # a link back to a folder already read: do not go round again
            refused.append(
                (Path(folder), f"{folder}: symlink loop (a folder already read), skipped")
            )
            continue
        visited.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(folder, name)
            if name.startswith(".") or not is_supported(path):
                continue
            if path.is_file():
                found.append(path)
            elif path.is_symlink():
                refused.append((path, f"{path}: {_broken_link(path)}"))
    return sorted(found)
