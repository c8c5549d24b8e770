"""Two analysts at work in one library at the same moment, as two processes: each adds 500
highlights and edits the same 100 notes. Every highlight arrives, every note edit is either
saved or reported to the one who made it, and no database error reaches either of them."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from reader.services import annotations as notes
from reader.services.library import Library
from tests.conftest import REPO
from tests.services.test_annotations import add_story

HIGHLIGHTS = 500
SHARED = 100
BODY = " ".join(f"Paragraph {n} says the council met again about the grid." for n in range(120))


def test_two_processes_add_highlights_and_edit_the_same_notes(
    empty_library: Library, tmp_path: Path
) -> None:
    article = add_story(empty_library, tmp_path, text=f"Council\n\n{BODY}\n")
    shared = [
        notes.create_highlight(empty_library, article, 10 * n, 10 * n + 8).highlight.id
        for n in range(SHARED)
    ]
    before = len(notes.highlights(empty_library, article))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "tests.services.team_worker", empty_library.url]
    tail = [str(article), str(HIGHLIGHTS), ",".join(map(str, shared))]
    workers = [
        subprocess.Popen(
            [*command, author, *tail], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for author in ("ana", "bob")
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err.decode()
        results.append(json.loads(out))

    for result in results:
        assert result["errors"] == []
        assert len(result["added"]) == HIGHLIGHTS
        # Each of the shared notes was edited once by each: saved or reported, never lost.
        assert len(result["applied"]) + len(result["conflicts"]) == SHARED
    stored = {h.id: h for h in notes.highlights(empty_library, article)}
    assert len(stored) == before + 2 * HIGHLIGHTS
    for highlight_id in shared:
        saved = [
            r["applied"][str(highlight_id)] for r in results if str(highlight_id) in r["applied"]
        ]
        assert saved, "one of the two edits of every note is saved"
        assert stored[highlight_id].note in saved


def test_two_imports_at_once_both_arrive_whole(empty_library: Library, tmp_path: Path) -> None:
    folders = []
    for who in ("ana", "bob"):
        folder = tmp_path / who
        folder.mkdir()
        for n in range(120):
            rng = random.Random(f"{who}{n}")
            words = " ".join(f"w{rng.randrange(100_000)}" for _ in range(150))
            (folder / f"{who}-{n}.txt").write_text(
                f"{who.title()} story {n}\n\n{words}\n", encoding="utf-8"
            )
        folders.append(folder)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "reader", "--db", empty_library.url, "import", "--json"]
    workers = [
        subprocess.Popen(
            [*command, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for folder in folders
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        results = json.loads(out) if out.strip() else []
        wrong = [r["message"] for r in results if r["status"] != "imported"]
        assert worker.returncode == 0 and len(results) == 120, (wrong[:3], err.decode()[-2000:])
    from reader.services import articles as article_service

    assert article_service.count(empty_library) == 240
