"""`reader entity ...` run in-process against a new library with the sample articles."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out = run(capsys, *argv)
    assert code == 0
    return json.loads(out)


def test_add_list_show_note_merge_delete(capsys: pytest.CaptureFixture[str]) -> None:
    added = run_json(capsys, "entity", "add", "Vladimir Putin", "--alias", "Putin", "--json")
    assert added["kind"] == "person" and added["aliases"] == ["Vladimir Putin", "Putin"]
    assert added["mention_count"] == 6
    run_json(capsys, "entity", "add", "Moscow", "--json")
    listed = run_json(capsys, "entity", "list", "--json")
    assert [e["name"] for e in listed] == ["Moscow", "Vladimir Putin"]
    assert listed[0].keys() >= {"id", "name", "kind", "aliases", "mention_count", "article_count"}
    assert listed[0]["kind"] == "place"
    assert run(capsys, "entity", "note", "putin", "acting president")[0] == 0
    shown = run_json(capsys, "entity", "show", "PUTIN", "--json")
    assert shown["note"] == "acting president" and shown["highlights"] == []
    assert len(shown["mentions"]) == 6
    assert shown["mentions"][0].keys() >= {"article_id", "start", "end", "text"}
    code, out = run(capsys, "entity", "show", "Putin")
    assert code == 0 and "[Putin]" in out
    run_json(capsys, "entity", "add", "Kremlin", "--kind", "organization", "--json")
    assert run(capsys, "entity", "merge", "Kremlin", "Vladimir Putin")[0] == 0
    assert "Kremlin" in run_json(capsys, "entity", "show", "Putin", "--json")["aliases"]
    assert run(capsys, "entity", "delete", "Moscow")[0] == 0
    assert [e["name"] for e in run_json(capsys, "entity", "list", "--json")] == ["Vladimir Putin"]


def test_errors_and_suggest(capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "entity", "add", "NATO", "--json")
    assert main(["entity", "add", "nato"]) == 1
    assert "already the name" in capsys.readouterr().err
    assert main(["entity", "show", "nobody"]) == 1
    found = run_json(capsys, "entity", "suggest", "2", "--json")
    names = {s["name"] for s in found}
    assert {"Vladimir Putin", "Yevgeny Volk", "Heritage Foundation"} <= names
    assert "NATO" not in names
    assert found[0].keys() >= {"name", "kind", "aliases", "count", "article_ids"}
    code, out = run(capsys, "entity", "suggest")
    assert code == 0 and "George Robertson" in out
