"""The native search functions (src/reader/native) rank and mark exactly as FTS5's bm25() and
highlight() do, and a search gives the same hits, scores and snippets with them as without.

Runs on SQLite only: the functions are loaded into SQLite connections. Under CI the library
must be built (`make native`, part of setup); elsewhere these tests skip without it.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.native import library_path
from reader.services.importing import import_paths
from reader.services.library import Library
from reader.services.search import search
from reader.storage import driver
from reader.storage.search import hydrate
from reader.storage.search import sqlite as backend_module
from reader.storage.search.sqlite import COUNTED, WEIGHTS
from tests.markers import sqlite_only

STORIES = {
    "ports.txt": (
        "Dock strike ends\n\nDock workers in Rotterdam voted to end the strike. The union told "
        "reporters the new offer was fair. Dock workers return on Monday; the port authority "
        "said ships would be unloaded by Friday."
    ),
    "bank.txt": (
        "Central bank holds rates\n\nThe central bank governor said rates would stay where "
        "they are. Reporters asked the governor about the strike at the port, and the "
        "governor told reporters the central bank watches wages closely."
    ),
    "zurich.txt": (
        "Zürich insurers merge\n\nTwo insurers in Zürich agreed to merge. Their chief "
        "executives told reporters that no office would close, and the merger was welcomed "
        "by the city's central bank branch."
    ),
    "quotes.txt": (
        "Quoted reporters\n\n“Naïve” façades—and the dock’s côté: «reporters» told… "
        "reporters 3½ times; Ωmega 東京 dock-workers told reporters again (dock)."
    ),
    "harbour.txt": (
        "Harbour plan approved\n\nThe harbour plan was approved after a long debate. Dock "
        "workers, the port authority and the city council all told reporters they were "
        "pleased. The long-awaited agreement ends ten years of talks about the docks."
    ),
}
QUERIES = [
    "dock",
    "reporters",
    '"told reporters"',
    "dock workers",
    '"central bank" governor',
    "zurich",
    "strike OR merger",
    "reporters -zurich",
    "gov*",
    '"long-awaited agreement"',
]


def _require_native() -> None:
    if library_path() is None:
        if os.environ.get("CI"):
            pytest.fail("Reader's native helpers are not built; `make native` should have")
        pytest.skip("the native helpers are not built (make native)")


@pytest.fixture
def stories(empty_library: Library, tmp_path: Path) -> Iterator[Library]:
    _require_native()
    folder = tmp_path / "stories"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = import_paths(empty_library, [folder], allow_duplicates=True)
    assert not report.failed
    assert driver.native_loaded()
    yield empty_library


def _raw(library: Library) -> Any:
    return library.db.engine.raw_connection()


def _idf_free_counts(conn: Any, phrases: list[str]) -> list[int]:
    return [
        conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (p,)).fetchone()[0]
        for p in phrases
    ]


@pytest.mark.parametrize(
    ("match", "phrases"),
    [
        ('"dock"', ['"dock"']),
        ('"told reporters"', ['"told reporters"']),
        ('("dock") AND ("workers")', ['"dock"', '"workers"']),
        ('("strike" OR "merger")', ['"strike"', '"merger"']),
        ('("reporters") NOT ("zurich")', ['"reporters"', '"zurich"']),
        ('("gov" *)', ['"gov" *']),
    ],
)
@sqlite_only
def test_reader_rank_with_the_true_counts_is_bm25(
    stories: Library, match: str, phrases: list[str]
) -> None:
    conn = _raw(stories)
    try:
        counts = _idf_free_counts(conn, phrases)
        args = ", ".join([str(w) for w in WEIGHTS] + ["?"] * len(counts))
        rows = conn.execute(
            f"SELECT rowid, bm25(search_fts, {', '.join(map(str, WEIGHTS))}), "
            f"reader_rank(search_fts, {args}) FROM search_fts WHERE search_fts MATCH ?",
            (*counts, match),
        ).fetchall()
    finally:
        conn.close()
    assert rows
    for rowid, expected, got in rows:
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-15), (rowid, got, expected)


@sqlite_only
def test_the_weights_are_the_index_s_own(stories: Library) -> None:
    conn = _raw(stories)
    try:
        (rank,) = conn.execute("SELECT v FROM search_fts_config WHERE k = 'rank'").fetchone()
    finally:
        conn.close()
    assert rank == f"bm25({', '.join(map(str, WEIGHTS))})"


def _regions(marked: str) -> list[tuple[int, int]]:
    """UTF-8 byte ranges between \\x02 and \\x03 in highlight()'s output."""
    found = []
    data = marked.encode()
    shift = 0
    for m in re.finditer(rb"\x02([^\x03]*)\x03", data):
        start = m.start() - shift
        shift += 2
        found.append((start, start + len(m.group(1))))
    return found


@pytest.mark.parametrize("match", ['"dock"', '"told reporters"', '("dock") AND ("workers")',
                                   '("central bank") AND ("governor")', '("zurich")'])  # fmt: skip
@sqlite_only
def test_reader_marks_finds_the_regions_highlight_marks(stories: Library, match: str) -> None:
    conn = _raw(stories)
    try:
        rows = conn.execute(
            "SELECT highlight(search_fts, 1, char(2), char(3)), "
            "reader_marks(search_fts, 1, 100000), reader_marks(search_fts, 1, 20) "
            "FROM search_fts WHERE search_fts MATCH ? AND rowid < 1099511627776",
            (match,),
        ).fetchall()
    finally:
        conn.close()
    assert rows
    for marked, everything, near_first in rows:
        expected = _regions(marked)
        numbers = [int(n) for n in everything.split()]
        assert list(zip(numbers[::2], numbers[1::2], strict=True)) == expected
        first = [int(n) for n in near_first.split()]
        near = list(zip(first[::2], first[1::2], strict=True))
        assert near == [r for r in expected if r[0] <= expected[0][0] + 20]


def test_marks_are_put_back_into_the_text_as_highlight_puts_them() -> None:
    body = "Zürich’s port: dock workers, dock."
    data = body.encode()
    start = data.index(b"dock")
    second = data.rindex(b"dock")
    ranges = f"{start} {start + 4} {second} {second + 4}"
    assert hydrate.with_marks(body, ranges) == "Zürich’s port: \x02dock\x03 workers, \x02dock\x03."
    assert hydrate.with_marks(body, "") == body


@pytest.mark.parametrize("query", QUERIES)
@sqlite_only
def test_a_search_finds_the_same_with_and_without_the_native_functions(
    stories: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    native = search(stories, query, limit=20)
    monkeypatch.setattr(backend_module, "native_loaded", lambda: False)
    monkeypatch.setattr(hydrate, "native_loaded", lambda: False)
    plain = search(stories, query, limit=20)
    assert native, query
    assert [(h.kind, h.article_id, h.snippet, h.marks) for h in native] == [
        (h.kind, h.article_id, h.snippet, h.marks) for h in plain
    ]
    for a, b in zip(native, plain, strict=True):
        assert math.isclose(a.score, b.score, rel_tol=1e-9, abs_tol=1e-12)


@sqlite_only
def test_the_number_of_a_common_phrase_s_documents_is_estimated_from_the_newest(
    empty_library: Library, tmp_path: Path
) -> None:
    """Past COUNTED matching articles the walk stops and extrapolates from their density
    among the article ids: here every other article holds the word."""
    _require_native()
    folder = tmp_path / "many"
    folder.mkdir()
    total = 2 * COUNTED + 100
    for i in range(total):
        word = "ceasefire" if i % 2 else "harvest"
        (folder / f"{i:04}.txt").write_text(
            f"Story {i}\n\nReport number {i} on the {word} in region {i * 7919 % 1000}.\n",
            encoding="utf-8",
        )
    assert not import_paths(empty_library, [folder], allow_duplicates=True).failed
    with empty_library.unit() as unit:
        index = unit.search
        assert isinstance(index, backend_module.SqliteSearchIndex)
        estimate, _ = index._documents_holding('"ceasefire"')
        exact, _ = index._documents_holding('"region 7"')  # few: counted one by one
    assert abs(estimate - total / 2) <= 0.05 * total / 2
    assert exact == sum(1 for i in range(total) if i * 7919 % 1000 == 7)
