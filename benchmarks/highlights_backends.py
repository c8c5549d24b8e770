"""The highlight benchmark on both databases: the same article, the same highlights, timed
through the services the window calls, on SQLite and on PostgreSQL on this machine.

- create: one highlight made (the service call the window makes on a key press);
- open: an article of 5,000 words with its 500 highlights read for display (article_view);
- note: a note saved with its optimistic-locking check (set_note with the shown version).

`measure_highlights_at(url)` runs them on one library URL; `measure_postgresql()` runs them
on a throwaway SQLite file and a throwaway PostgreSQL server (tests.pgserver) and reports
PostgreSQL's time over SQLite's, beside the search benchmark's ratios.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import log
from benchmarks.window import HIGHLIGHTS, _long_article, _word_spans


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p90_ms": round(ordered[max(0, int(len(ordered) * 0.9) - 1)], 2),
    }


def measure_highlights_at(url: str, runs: int = 30) -> dict[str, object]:
    from reader.services import annotations
    from reader.services.importing import import_paths
    from reader.services.library import open_library

    library = open_library(url, with_samples=False)
    try:
        with tempfile.TemporaryDirectory(prefix="reader-bench-hl-") as scratch:
            path = Path(scratch) / "long.txt"
            path.write_text(_long_article(), encoding="utf-8")
            article_id = import_paths(library, [path]).results[0].article_id
        assert article_id is not None
        view = annotations.article_view(library, article_id)
        spans = _word_spans(view.article.text, HIGHLIGHTS + runs, 0)
        creates: list[float] = []
        for start, end in spans[:HIGHLIGHTS]:
            began = time.perf_counter()
            annotations.create_highlight(library, article_id, start, end)
            creates.append((time.perf_counter() - began) * 1000)
        opens: list[float] = []
        for _ in range(runs):
            began = time.perf_counter()
            view = annotations.article_view(library, article_id)
            opens.append((time.perf_counter() - began) * 1000)
        notes: list[float] = []
        for number, shown in enumerate(view.highlights[:runs]):
            began = time.perf_counter()
            annotations.set_note(library, shown.id, f"note {number}", base=shown)
            notes.append((time.perf_counter() - began) * 1000)
    finally:
        library.close()
    return {
        "highlights": len(view.highlights),
        "create": _ms(creates),
        "open": _ms(opens),
        "note": _ms(notes),
    }


def measure_postgresql(runs: int = 30) -> dict[str, object]:
    """Both backends side by side, or why PostgreSQL could not be measured."""
    from tests.pgserver import start_server

    server = start_server()
    if server is None:
        return {"skipped": "no PostgreSQL server binaries (Debian package postgresql)"}
    try:
        with tempfile.TemporaryDirectory(prefix="reader-bench-hl-sqlite-") as scratch:
            log("highlights: SQLite")
            sqlite = measure_highlights_at(f"sqlite:///{Path(scratch) / 'lib.sqlite3'}", runs)
        log("highlights: PostgreSQL")
        postgres = measure_highlights_at(server.url(server.create_database()), runs)
    finally:
        server.stop()
    ratios = {
        step: round(
            float(postgres[step]["p50_ms"]) / max(float(sqlite[step]["p50_ms"]), 0.01),  # type: ignore[index]
            2,
        )
        for step in ("create", "open", "note")
    }
    return {"sqlite": sqlite, "postgresql": postgres, "p50_ratio_postgresql_to_sqlite": ratios}


if __name__ == "__main__":
    import json

    print(json.dumps(measure_postgresql(), indent=2))
