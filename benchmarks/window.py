"""Window figures for highlights (issue 3), measured in process on the offscreen platform.

- open_article: open and render a 5,000-word article that has 500 highlights (the article,
  its highlights, the drawn overlay and the sidebar list), median over alternating opens;
- create_highlight: one highlight made in the window, from a selection to the stored record,
  the drawn overlay and the new sidebar row, median.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.articles import generate

OPEN_TARGET_MS = 50.0
CREATE_TARGET_MS = 16.0
ARTICLE_WORDS = 5000
HIGHLIGHTS = 500


def _long_article(seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < ARTICLE_WORDS:
        body = generate(rng).text.split("\n\n")
        paragraphs.extend(p for p in body[2:] if len(p.split()) > 12)
    return "A Long Report on Everything\n\n" + "\n\n".join(paragraphs) + "\n"


def _word_spans(text: str, count: int, skip: int) -> list[tuple[int, int]]:
    """`count` spans of four words each, evenly spread, offset by `skip` words."""
    starts: list[int] = []
    at_word = False
    for i, ch in enumerate(text):
        if not ch.isspace() and not at_word:
            starts.append(i)
        at_word = not ch.isspace()
    step = max(6, len(starts) // count)
    spans = []
    for n in range(count):
        first = n * step + skip
        if first + 4 >= len(starts):
            break
        end = starts[first + 4] - 1
        spans.append((starts[first], end))
    return spans


def measure_window(runs: int = 15) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.services import annotations
    from reader.services import articles as article_service
    from reader.services.importing import import_paths
    from reader.services.library import open_library
    from reader.settings import Settings
    from reader.ui.app import application, build_window

    app = application()
    with tempfile.TemporaryDirectory(prefix="reader-bench-window-") as scratch:
        folder = Path(scratch) / "articles"
        folder.mkdir()
        (folder / "long.txt").write_text(_long_article(), encoding="utf-8")
        (folder / "short.txt").write_text(
            "A Short Note\n\nOne paragraph of text to switch to and from.\n", encoding="utf-8"
        )
        library = open_library(data_dir=Path(scratch) / "library", with_samples=False)
        import_paths(library, [folder])
        listed = {s.title: s.id for s in article_service.list_all(library)}
        long_id, short_id = listed["A Long Report on Everything"], listed["A Short Note"]
        article = article_service.get_article(library, long_id)
        for start, end in _word_spans(article.text, HIGHLIGHTS, 0):
            annotations.create_highlight(library, long_id, start, end)
        window = build_window(library, Settings(), None)
        window.resize(1400, 900)
        window.show()
        app.processEvents()

        opens: list[float] = []
        for _ in range(runs):
            window.open_article(short_id)
            app.processEvents()
            started = time.perf_counter()
            window.open_article(long_id)
            app.processEvents()  # lays out and paints
            opens.append((time.perf_counter() - started) * 1000)
        drawn = len(window.reader.highlights)

        creates: list[float] = []
        pmap = window.reader.position_map
        assert pmap is not None
        from PySide6.QtGui import QTextCursor

        for start, end in _word_spans(article.text, runs * 2, 3)[: runs * 2]:
            cursor = QTextCursor(window.reader.document())
            cursor.setPosition(pmap.to_document(start))
            cursor.setPosition(pmap.to_document(end), QTextCursor.MoveMode.KeepAnchor)
            window.reader.setTextCursor(cursor)
            started = time.perf_counter()
            window.annotations.annotator.highlight_selection("key-point")
            app.processEvents()
            creates.append((time.perf_counter() - started) * 1000)
        window.close()
        library.close()

    open_ms = statistics.median(opens)
    create_ms = statistics.median(creates)
    return {
        "open_article": {
            "words": len(article.text.split()),
            "highlights": drawn,
            "runs": len(opens),
            "median_ms": round(open_ms, 1),
            "target_ms": OPEN_TARGET_MS,
            "meets_target": open_ms <= OPEN_TARGET_MS,
        },
        "create_highlight": {
            "runs": len(creates),
            "median_ms": round(create_ms, 1),
            "p90_ms": round(sorted(creates)[int(len(creates) * 0.9) - 1], 1),
            "target_ms": CREATE_TARGET_MS,
            "meets_target": create_ms <= CREATE_TARGET_MS,
        },
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure_window(), indent=2))
