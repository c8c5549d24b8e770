"""`reader import` with duplicates and feeds, and `reader reextract`, run in-process."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from benchmarks.webpages import page
from reader.cli import main
from tests.ingest.test_feeds import RSS

STORY = "Storm Hits Coast\n\nA strong storm hit the coast overnight.\n\nPower was cut.\n"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_import_json_reports_duplicates_and_feed_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "gazette.xml").write_text(RSS, encoding="utf-8")
    code, rows = run_json(capsys, "import", "--json", str(tmp_path))
    assert code == 0
    assert [(Path(r["path"]).name, r["status"]) for r in rows] == [
        ("a.txt", "imported"),
        ("b.txt", "duplicate"),
        ("gazette.xml#1", "imported"),
        ("gazette.xml#2", "imported"),
    ]
    assert rows[1]["message"] == f"duplicate of {rows[0]['article_id']}"
    assert rows[1]["article_id"] == rows[0]["article_id"]
    assert "summary only" in rows[3]["message"]

    third = tmp_path / "later" / "c.txt"
    third.parent.mkdir()
    third.write_text(STORY, encoding="utf-8")
    code, rows = run_json(capsys, "import", "--json", "--allow-duplicates", str(third))
    assert code == 0 and rows[0]["status"] == "imported"


def test_import_prints_a_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.rss").write_text("not a feed", encoding="utf-8")
    code = main(["import", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines()[-1] == "1 imported, 1 duplicate skipped, 1 failed"
    assert err.strip() == "error: c.rss: not a feed (not XML)"


def test_reextract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = page(random.Random("cli"), "newsroom")
    (tmp_path / "p.html").write_text(saved.html, encoding="utf-8")
    _, rows = run_json(capsys, "import", "--json", str(tmp_path / "p.html"))
    article_id = rows[0]["article_id"]
    code, rows = run_json(capsys, "reextract", str(article_id), "--json")
    assert code == 0
    assert rows[0]["status"] == "unchanged" and rows[0]["article_id"] == article_id
    assert main(["reextract", "99999"]) == 1
    assert "no article with id 99999" in capsys.readouterr().err
