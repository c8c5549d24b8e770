"""`python -m benchmarks`: measure, then print one JSON object on stdout.

Progress goes to stderr so that `make bench > result.json` keeps a clean record. A figure
that misses its target is still a result (exit 0); a measurement that could not be taken at
all is reported in the JSON with an "error" and makes the exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.anchoring import measure_reanchor
from benchmarks.corpus import CORPUS_VERSION, build_library
from benchmarks.machine import machine_info
from benchmarks.startup import memory_figures, run_startup, startup_figures
from benchmarks.throughput import measure_import

MEASUREMENTS = (
    "import", "webpages", "neardup", "startup", "memory", "reanchor", "window", "search",
    "window_size", "entities", "export", "postgresql",
)  # fmt: skip


@dataclass(frozen=True)
class Sizes:
    import_articles: int
    library_articles: int
    runs: int


FULL = Sizes(import_articles=1000, library_articles=10_000, runs=5)  # the sizes in issue 2
QUICK = Sizes(import_articles=200, library_articles=1000, runs=3)
# The search library (issue 7): 100,000 articles with --large (slow to build the first time);
# `window_size` opens the window on it and on SMALL_LIBRARY articles.
SEARCH_LIBRARY = {"quick": 2000, "full": 10_000, "large": 100_000}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes and fewer runs, for a smoke test"
    )
    parser.add_argument(
        "--only",
        choices=MEASUREMENTS,
        action="append",
        help="run only this measurement (repeatable); default: all",
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help="search and window_size on the 100,000-article library of issue 7",
    )
    return parser.parse_args(argv)


def _startup_and_memory(sizes: Sizes, wanted: set[str]) -> dict[str, object]:
    """Both come from the same runs of the app: memory is read off the start-up runs."""
    with tempfile.TemporaryDirectory(prefix="reader-bench-library-") as scratch:
        library = Path(scratch) / "library"
        build_library(library, sizes.library_articles)
        runs = run_startup(library, sizes.library_articles, sizes.runs)
    results: dict[str, object] = {}
    if "startup" in wanted:
        results["startup"] = startup_figures(runs)
    if "memory" in wanted:
        results["memory"] = memory_figures(runs)
    return results


def _postgresql(
    results: dict[str, object], library_articles: int, sizes: Sizes, quick: bool
) -> dict[str, object]:
    """Issue 8: the highlight and search benchmarks on a throwaway PostgreSQL server beside
    SQLite on the same machine and data, with PostgreSQL's time over SQLite's."""
    try:
        from benchmarks.highlights_backends import measure_postgresql
        from benchmarks.search import measure_search
        from benchmarks.search_postgresql import latency_ratios, measure_search_on_server

        rounds = 3 if quick else 10
        figures: dict[str, object] = {"highlights": measure_postgresql()}
        on_server = measure_search_on_server(library_articles, rounds)
        figures["search"] = on_server
        if "skipped" not in on_server:
            sqlite = results.get("search")
            if not isinstance(sqlite, dict) or "error" in sqlite:
                sqlite = measure_search(library_articles, sizes.import_articles, rounds)
            figures["search_ratio_postgresql_to_sqlite"] = latency_ratios(on_server, sqlite)
        return figures
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    wanted = set(args.only or MEASUREMENTS)
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    results: dict[str, object] = {}
    # Start-up first, while this process is small: on Linux a child's peak-memory figures
    # (ru_maxrss, wait4) include what its parent held when it forked.
    if wanted & {"startup", "memory"}:
        try:
            results.update(_startup_and_memory(sizes, wanted))
        except Exception as exc:
            error = {"error": f"{type(exc).__name__}: {exc}"}
            results.update({name: error for name in ("startup", "memory") if name in wanted})
    if "import" in wanted:
        try:
            results["import_throughput"] = measure_import(sizes.import_articles)
        except Exception as exc:  # reported in the JSON; the other figures still matter
            results["import_throughput"] = {"error": f"{type(exc).__name__}: {exc}"}
    if "webpages" in wanted:
        try:
            from benchmarks.webpages import measure_webpages

            results["webpage_import"] = measure_webpages(sizes.import_articles)
        except Exception as exc:
            results["webpage_import"] = {"error": f"{type(exc).__name__}: {exc}"}
    if "neardup" in wanted:
        try:
            from benchmarks.webpages import measure_near_duplicates

            results["near_duplicates"] = measure_near_duplicates(
                sizes.library_articles, sizes.import_articles
            )
        except Exception as exc:
            results["near_duplicates"] = {"error": f"{type(exc).__name__}: {exc}"}
    if "reanchor" in wanted:
        try:
            results["reanchor"] = measure_reanchor(sizes.runs)
        except Exception as exc:
            results["reanchor"] = {"error": f"{type(exc).__name__}: {exc}"}
    if "entities" in wanted:
        try:
            from benchmarks.entities import FIGURES, measure_entities

            results.update(measure_entities(sizes.library_articles, sizes.runs))
        except Exception as exc:
            results.update({name: {"error": f"{type(exc).__name__}: {exc}"} for name in FIGURES})
    if "export" in wanted:
        try:
            from benchmarks.export import measure_export

            results.update(measure_export(args.quick, sizes.runs))
        except Exception as exc:
            error = {"error": f"{type(exc).__name__}: {exc}"}
            results.update({"brief": error, "backup_restore": error})
    if "window" in wanted:
        try:
            from benchmarks.window import measure_window  # loads Qt, so only when asked

            results.update(measure_window(15 if args.quick else 31))
        except Exception as exc:
            error = {"error": f"{type(exc).__name__}: {exc}"}
            results.update({"open_article": error, "create_highlight": error})
    if "search" in wanted:
        try:
            from benchmarks.search import measure_search

            size = "large" if args.large else "quick" if args.quick else "full"
            results["search"] = measure_search(
                SEARCH_LIBRARY[size], sizes.import_articles, 3 if args.quick else 10
            )
        except Exception as exc:
            results["search"] = {"error": f"{type(exc).__name__}: {exc}"}
    if "window_size" in wanted:
        try:
            from benchmarks.window_size import SMALL_LIBRARY, measure_window_size

            size = "large" if args.large else "quick" if args.quick else "full"
            results["window_size"] = measure_window_size(
                SMALL_LIBRARY, SEARCH_LIBRARY[size], 3 if args.quick else 7
            )
        except Exception as exc:
            results["window_size"] = {"error": f"{type(exc).__name__}: {exc}"}
    if "postgresql" in wanted:
        size = "large" if args.large else "quick" if args.quick else "full"
        results["postgresql"] = _postgresql(results, SEARCH_LIBRARY[size], sizes, args.quick)
    report = {
        "benchmark": "reader",
        "mode": "quick" if args.quick else "full",
        "corpus_version": CORPUS_VERSION,
        "started_at": started_at,
        "machine": machine_info(),
        "results": results,
        "all_targets_met": all(
            isinstance(r, dict) and r.get("meets_target") is True for r in results.values()
        ),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    failed = any(isinstance(r, dict) and "error" in r for r in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
