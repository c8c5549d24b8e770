"""The search benchmark on PostgreSQL: the same library, the same queries as benchmarks.search.

`measure_search_at(url, ...)` copies the cached generated library into the empty database at
`url` (`reader copy-library`: its rows, indexed by the triggers as they arrive, then a
reindex; "copy" is that whole time), then times the queries of
`benchmarks.search.QUERIES` through `services.search.search` exactly as the SQLite run does,
and `reader reindex`. `measure_search_on_server` does the same on a throwaway server
(tests.pgserver) when PostgreSQL's server binaries are installed, and says why not otherwise.
`import_rates_at` measures what the index costs an import, as the SQLite run does.
`latency_ratios` puts a PostgreSQL run beside a SQLite run of `measure_search`.

    python -m benchmarks.search_postgresql [ARTICLES] [--url URL]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import build_library, log
from benchmarks.search import QUERIES, _latency


def measure_search_at(url: str, library_articles: int, rounds: int) -> dict[str, object]:
    """Query latency, copy and reindex rates and size per article on the empty database at
    `url`, holding the same `library_articles`-article library as the SQLite run."""
    from reader.services import articles as article_service
    from reader.services.copying import copy_library
    from reader.services.library import open_library
    from reader.services.search import reindex

    results: dict[str, object] = {"library_articles": library_articles, "backend": "postgresql"}
    with tempfile.TemporaryDirectory(prefix="reader-bench-search-pg-") as scratch:
        data = Path(scratch) / "library"
        build_library(data, library_articles)
        source = open_library(data_dir=data, with_samples=False)
        log(f"search (PostgreSQL): copying the {library_articles}-article library")
        try:
            started = time.perf_counter()
            copy_library(source, to=url)
            copied = time.perf_counter() - started
        finally:
            source.close()
    library = open_library(url, with_samples=False)
    try:
        count = article_service.count(library)
        results["copy"] = {"seconds": round(copied, 2), "articles_per_s": round(count / copied, 1)}
        _analyze(library)
        size = _database_bytes(library)  # before reindex leaves a dead copy of the index
        for name, queries in QUERIES.items():
            log(f"search (PostgreSQL): {name} queries")
            results[name] = _latency(library, queries, rounds)
        log("search (PostgreSQL): reindex")
        started = time.perf_counter()
        documents = reindex(library)
        seconds = time.perf_counter() - started
    finally:
        library.close()
    results["reindex"] = {
        "articles": count,
        "documents": documents,
        "seconds": round(seconds, 2),
        "articles_per_s": round(count / seconds, 1),
    }
    results["database_bytes_per_article"] = round(size / max(count, 1))
    results["meets_target"] = all(_met(results[name]) for name in QUERIES if name != "selective")
    return results


def _met(figures: object) -> bool:
    return isinstance(figures, dict) and figures.get("meets_target") is True


def _analyze(library: Any) -> None:
    """Fresh planner statistics, as autovacuum would gather them soon after a bulk copy."""
    with library.db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def _database_bytes(library: Any) -> int:
    with library.db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar())


def import_rates_at(with_index: str, without_index: str, articles: int) -> dict[str, object]:
    """Import rates into two empty databases, the second with the index triggers dropped:
    what keeping the index in step costs a PostgreSQL import (as benchmarks.search on SQLite)."""
    from benchmarks.corpus import check_report, write_corpus
    from reader.services.importing import import_paths
    from reader.services.library import open_library

    rates: list[float] = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-import-pg-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(corpus, articles)
        for url in (with_index, without_index):
            library = open_library(url, with_samples=False)
            try:
                if url == without_index:
                    _drop_index_triggers(library)
                started = time.perf_counter()
                report = import_paths(library, [corpus])
                rates.append(articles / (time.perf_counter() - started))
            finally:
                library.close()
            check_report(report, articles)
    return {
        "articles": articles,
        "articles_per_s_with_index": round(rates[0], 1),
        "articles_per_s_without_index": round(rates[1], 1),
        "index_share_of_import_time": round(1 - rates[0] / rates[1], 3),
    }


def _drop_index_triggers(library: Any) -> None:
    with library.db.engine.begin() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT t.tgname, c.relname FROM pg_trigger AS t JOIN pg_class AS c "
            "ON c.oid = t.tgrelid WHERE starts_with(t.tgname, 'search_') AND NOT t.tgisinternal"
        ).all()
        for name, table in triggers:  # names from the catalogue, made by migration 0003
            conn.exec_driver_sql(f'DROP TRIGGER "{name}" ON "{table}"')


def measure_search_on_server(
    library_articles: int, rounds: int, import_articles: int = 200
) -> dict[str, object]:
    """measure_search_at and import_rates_at on a throwaway local server, or
    {"skipped": why} without one."""
    from tests.pgserver import start_server

    server = start_server()
    if server is None:
        return {"skipped": "no PostgreSQL server binaries (Debian package postgresql)"}
    try:
        log(f"search (PostgreSQL): import of {import_articles} articles with and without the index")
        imports = import_rates_at(
            server.url(server.create_database()),
            server.url(server.create_database()),
            import_articles,
        )
        results = measure_search_at(server.url(server.create_database()), library_articles, rounds)
        return {"import": imports, **results}
    finally:
        server.stop()


def latency_ratios(postgresql: dict[str, Any], sqlite: dict[str, Any]) -> dict[str, object]:
    """PostgreSQL's p50 and p99 over SQLite's for each query kind (above 1: slower)."""
    ratios: dict[str, object] = {}
    for name in QUERIES:
        pg, lite = postgresql.get(name), sqlite.get(name)
        if isinstance(pg, dict) and isinstance(lite, dict) and lite.get("p50_ms"):
            ratios[name] = {
                "p50": round(pg["p50_ms"] / lite["p50_ms"], 2),
                "p99": round(pg["p99_ms"] / lite["p99_ms"], 2),
            }
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_postgresql")
    parser.add_argument("articles", type=int, nargs="?", default=10_000)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throwaway server)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--beside-sqlite", action="store_true", help="also run the SQLite search benchmark"
    )
    args = parser.parse_args(argv)
    if args.url:
        results = measure_search_at(args.url, args.articles, args.rounds)
    else:
        results = measure_search_on_server(args.articles, args.rounds)
    report: dict[str, object] = {"postgresql": results}
    if args.beside_sqlite and "skipped" not in results:
        from benchmarks.search import measure_search

        sqlite = measure_search(args.articles, 200, args.rounds)
        report["sqlite"] = sqlite
        report["ratio_postgresql_to_sqlite"] = latency_ratios(results, sqlite)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
