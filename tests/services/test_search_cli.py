"""`reader search`, `reader reindex` and `reader saved-search`, run in-process."""

from __future__ import annotations

import json

import pytest

from reader.cli import main


def test_search_json_and_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "nato", "--json", "--limit", "1"]) == 0  # a new library: samples
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 1
    assert {"kind", "article_id", "highlight_id", "entity_id", "title", "snippet", "score"} <= set(
        hits[0]
    )
    start, end = hits[0]["marks"][0]
    assert hits[0]["snippet"][start:end].casefold() == "nato"
    assert main(["search", "nato", "--kind", "article"]) == 0
    assert "**NATO**" in capsys.readouterr().out


def test_search_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "tag:"]) == 1
    assert capsys.readouterr().err.strip() == "error: tag: needs a value, as in tag:ukraine"
    assert main(["search", "after:yesterdayish"]) == 1
    assert "after: wants a date" in capsys.readouterr().err


def test_reindex_and_saved_searches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reindex"]) == 0
    assert "indexed 2 documents" in capsys.readouterr().out
    assert main(["saved-search", "add", "Alliance", "nato -thaw"]) == 0
    assert main(["saved-search", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("[") :])[0]["query"] == "nato -thaw"
    assert main(["saved-search", "delete", "alliance"]) == 0
    assert main(["saved-search", "delete", "alliance"]) == 1
    assert "no saved search called 'alliance'" in capsys.readouterr().err
