"""Import throughput: how many plain-text articles per second `import_paths` takes in.

Measured in this process, through the same service the window and the command line call,
into a fresh library on the local disk. Writing the corpus and creating the empty library
are not timed: a person pays for those once, the import on every batch.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.corpus import check_report, log, write_corpus

TARGET_ARTICLES_PER_S = 500.0  # issue 6 (was 300 in issue 2)


def measure_import(count: int) -> dict[str, object]:
    from reader.services.importing import ImportStatus, import_paths
    from reader.services.library import open_library

    with tempfile.TemporaryDirectory(prefix="reader-bench-import-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, count)
        library = open_library(data_dir=Path(scratch) / "library", with_samples=False)
        try:
            log(f"import: importing {count} articles into a fresh library")
            started = time.perf_counter()
            report = import_paths(library, [corpus])
            seconds = time.perf_counter() - started
        finally:
            library.close()
    check_report(report, count)
    rate = count / seconds
    return {
        "articles": count,
        "seconds": round(seconds, 3),
        "articles_per_s": round(rate, 1),
        "target_articles_per_s": TARGET_ARTICLES_PER_S,
        "meets_target": rate >= TARGET_ARTICLES_PER_S,
        "imported": report.count(ImportStatus.IMPORTED),
        "unchanged": report.count(ImportStatus.UNCHANGED),
        "failed": len(report.failed),
    }
