"""Briefs and backups: a Markdown brief of 1,000 highlights across 200 articles, and a backup
and a restore of a 10,000-article library holding 20,000 highlights (issue 5).

Highlights are added in one transaction through the storage layer (the service's one
transaction per highlight would take minutes for 20,000); the highlighted library is cached
beside the corpus libraries, keyed like them. The brief is timed in process (median of the
runs); backup and restore once each, restore into a new library.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import CACHE_ROOT, COMPLETE_MARKER, cached_library, log, upgrade_cached

TARGET_BRIEF_MS = 300.0
TARGET_BACKUP_S = 30.0
TARGET_RESTORE_S = 30.0
MADE = datetime(2024, 1, 1, tzinfo=UTC)


def _add_highlights(data_dir: Path, per_article: int, articles: int | None = None) -> int:
    """`per_article` highlights on each paragraph-sized run of words of the first `articles`
    articles (all if None), in one transaction."""
    from reader.core.anchoring import describe
    from reader.services.library import open_library

    library = open_library(data_dir=data_dir, with_samples=False)
    added = 0
    try:
        with library.unit() as unit:
            ids = sorted(s.id for s, _c in unit.articles.page(None, articles or 10**9))
            for article_id in ids:
                version, text = unit.articles.current_text(article_id)
                step = max(1, len(text) // (per_article + 1))
                for n in range(per_article):
                    start = step * (n + 1) - 20
                    while start < len(text) and text[start].isspace():
                        start += 1
                    end = min(len(text), start + 60)
                    while end > start and text[end - 1].isspace():
                        end -= 1
                    if end <= start:
                        continue
                    unit.highlights.add(
                        article_id=article_id,
                        version=version,
                        start=start,
                        end=end,
                        selector=describe(text, start, end),
                        color=("key-point", "claim", "evidence")[n % 3],
                        note=f"Note {n} on *this* passage." if n % 2 else "",
                        author="bench",
                    )
                    added += 1
    finally:
        library.close()
    return added


def _highlighted(count: int, per_article: int) -> Path:
    source = cached_library(count)
    target = CACHE_ROOT / f"export-{source.name}-h{per_article}"
    if (target / COMPLETE_MARKER).exists():
        upgrade_cached(target)
        return target
    for stale in CACHE_ROOT.glob(f"export-library-v*-n{count}-*"):  # from before upgrades
        shutil.rmtree(stale, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=CACHE_ROOT, prefix="build-") as scratch:
        building = Path(scratch) / "library"
        shutil.copytree(source, building, ignore=shutil.ignore_patterns(COMPLETE_MARKER))
        added = _add_highlights(building, per_article)
        log(f"export: added {added} highlights to the {count}-article library")
        (building / COMPLETE_MARKER).write_text(f"{added}\n", encoding="utf-8")
        building.rename(target)
    return target


def _copy(source: Path, scratch: Path, name: str) -> Path:
    target = scratch / name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(COMPLETE_MARKER, "backups"))
    return target


def measure_brief(runs: int, articles: int = 200, highlights: int = 1000) -> dict[str, object]:
    from reader.core.palette import DEFAULT_PALETTE
    from reader.services.export import ExportScope, brief_markdown
    from reader.services.library import open_library

    with tempfile.TemporaryDirectory(prefix="reader-bench-brief-") as scratch:
        data = _copy(cached_library(1000), Path(scratch), "library")
        _add_highlights(data, highlights // articles, articles)
        library = open_library(data_dir=data, with_samples=False)
        try:
            times = []
            size = 0
            for _ in range(runs):
                started = time.perf_counter()
                text = brief_markdown(library, ExportScope(), made_at=MADE, palette=DEFAULT_PALETTE)
                times.append((time.perf_counter() - started) * 1000)
                size = len(text)
        finally:
            library.close()
    median = statistics.median(times)
    return {
        "highlights": highlights,
        "articles": articles,
        "median_ms": round(median, 1),
        "runs_ms": [round(t, 1) for t in times],
        "brief_chars": size,
        "target_ms": TARGET_BRIEF_MS,
        "meets_target": median <= TARGET_BRIEF_MS,
    }


def measure_backup(count: int, per_article: int = 2) -> dict[str, object]:
    from reader.services.backup import backup, restore
    from reader.services.library import open_library

    source = _highlighted(count, per_article)
    with tempfile.TemporaryDirectory(prefix="reader-bench-backup-") as scratch:
        data = _copy(source, Path(scratch), "library")
        archive = Path(scratch) / "library.zip"
        library = open_library(data_dir=data, with_samples=False)
        try:
            started = time.perf_counter()
            report = backup(library, archive)
            backup_s = time.perf_counter() - started
        finally:
            library.close()
        fresh = open_library(data_dir=Path(scratch) / "restored", with_samples=False)
        try:
            started = time.perf_counter()
            restored = restore(fresh, archive)
            restore_s = time.perf_counter() - started
        finally:
            fresh.close()
    return {
        "articles": report.tables.get("articles", 0),
        "highlights": report.tables.get("highlights", 0),
        "rows": report.rows,
        "backup_mb": round(report.size / 1e6, 1),
        "backup_s": round(backup_s, 2),
        "restore_s": round(restore_s, 2),
        "restored_rows": sum(restored.tables.values()),
        "target_s": TARGET_BACKUP_S,
        "meets_target": backup_s <= TARGET_BACKUP_S and restore_s <= TARGET_RESTORE_S,
    }


def measure_export(quick: bool, runs: int) -> dict[str, object]:
    """Both figures; --quick: the same brief, backup and restore of 1,000 articles."""
    results: dict[str, object] = {"brief": measure_brief(runs)}
    try:
        results["backup_restore"] = measure_backup(1000 if quick else 10_000)
    except Exception as exc:  # reported in the JSON; the brief's figure still counts
        results["backup_restore"] = {"error": f"{type(exc).__name__}: {exc}"}
    return results
