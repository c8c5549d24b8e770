"""The command line, run in-process as `reader.cli.main(argv)`."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from reader import __version__
from reader.cli import main
from reader.services.library import default_author

STORY = "Storm Hits Coast\n\nA strong storm hit the coast overnight.\n\nPower was cut.\n"
SUMMARY_KEYS = {
    "id",
    "title",
    "kicker",
    "source",
    "published",
    "updated",
    "word_count",
    "highlight_count",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"reader {__version__}"


def test_list_json_of_a_new_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, items = run_json(capsys, "list", "--json")
    assert code == 0
    assert len(items) == 2
    for item in items:
        assert item.keys() >= SUMMARY_KEYS
        assert item["published"] is None
        assert item["updated"] == "2016-07-27"
        assert isinstance(item["word_count"], int) and item["word_count"] > 300
        assert item["highlight_count"] == 0
    assert {(i["title"], i["kicker"]) for i in items} == {
        ("NATO and Russia Revive Relations", None),
        ("Analysts Anticipate Thaw Between NATO, Russia", "NEWS ANALYSIS"),
    }


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, items = run_json(capsys, "list", "--json")
    thaw = next(i for i in items if i["kicker"] == "NEWS ANALYSIS")
    code, article = run_json(capsys, "show", str(thaw["id"]), "--json")
    assert code == 0
    assert {"id", "title", "kicker", "source", "published", "updated", "text", "blocks"} <= (
        article.keys()
    )
    assert article["id"] == thaw["id"]
    assert article["title"] == "Analysts Anticipate Thaw Between NATO, Russia"
    assert article["updated"] == "2016-07-27"
    text = article["text"]
    assert text.startswith("After almost a year in a deep freeze")
    assert "Get the latest updates" not in text
    for block in article["blocks"]:
        assert block["kind"] == "paragraph"
        assert 0 <= block["start"] < block["end"] <= len(text)
    assert article["blocks"][-1]["end"] == len(text)


def test_show_json_block_offsets_count_code_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "emoji.txt"
    path.write_text("Emoji Story\n\nFirst 😀 para.\n\nSecond para.\n", encoding="utf-8")
    code, results = run_json(capsys, "import", str(path), "--json")
    assert code == 0
    code, article = run_json(capsys, "show", str(results[0]["article_id"]), "--json")
    spans = [article["text"][b["start"] : b["end"]] for b in article["blocks"]]
    assert spans == ["First 😀 para.", "Second para."]


def test_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, items = run_json(capsys, "list", "--json")
    thaw = next(i for i in items if i["kicker"] == "NEWS ANALYSIS")
    assert main(["show", str(thaw["id"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NEWS ANALYSIS\nAnalysts Anticipate Thaw Between NATO, Russia\n")
    assert "updated 2016-07-27" in out


def test_show_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "9999"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ")
    assert "9999" in captured.err
    assert captured.err.count("\n") == 1


def test_import_json_shape_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "storm.txt"
    good.write_text(STORY, encoding="utf-8")
    code, results = run_json(capsys, "import", str(good), "--json")
    assert code == 0
    assert results == [
        {
            "path": str(good),
            "status": "imported",
            "article_id": results[0]["article_id"],
            "message": results[0]["message"],
        }
    ]
    assert isinstance(results[0]["article_id"], int)

    missing = tmp_path / "missing.txt"
    code, results = run_json(capsys, "import", str(good), str(missing), "--json")
    assert code == 1
    assert [(r["status"], r["article_id"] is None) for r in results] == [
        ("failed", True),
        ("unchanged", False),
    ]
    assert "no such file or folder" in results[0]["message"]


def test_import_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "storm.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["import", str(good), str(empty)]) == 1
    captured = capsys.readouterr()
    assert "error: empty.txt: empty file" in captured.err
    assert "imported" in captured.out
    assert "1 imported, 1 failed" in captured.out


def test_data_dir_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elsewhere"
    story = tmp_path / "storm.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["--data-dir", str(other), "import", str(story)]) == 0
    capsys.readouterr()
    assert (other / "library.sqlite3").is_file()
    _, items = run_json(capsys, "--data-dir", str(other), "list", "--json")
    assert "Storm Hits Coast" in {i["title"] for i in items}
    _, default_items = run_json(capsys, "list", "--json")  # READER_DATA_DIR: untouched
    assert "Storm Hits Coast" not in {i["title"] for i in default_items}


def test_db_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "team.sqlite3"
    code, items = run_json(capsys, "--db", f"sqlite:///{db}", "list", "--json")
    assert code == 0
    assert len(items) == 2  # a new library starts with the samples
    assert db.is_file()


def test_reader_db_url_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("READER_DB_URL", f"sqlite:///{db}")
    code, _ = run_json(capsys, "list", "--json")
    assert code == 0
    assert db.is_file()


def test_an_unusable_database_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database " * 100)
    assert main(["--db", f"sqlite:///{bogus}", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_no_command_without_a_display_points_at_screenshot(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main([]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "reader screenshot" in captured.err


def test_repeated_calls_do_not_pile_up_log_handlers(capsys: pytest.CaptureFixture[str]) -> None:
    before = list(logging.getLogger().handlers)
    for _ in range(3):
        assert main(["list"]) == 0
    assert logging.getLogger().handlers == before
    capsys.readouterr()


def test_list_dates_are_iso_or_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "dated.md"
    md.write_text("---\ntitle: Dated\ndate: 2024-03-05\n---\n\nBody.\n", encoding="utf-8")
    main(["import", str(md)])
    capsys.readouterr()
    _, items = run_json(capsys, "list", "--json")
    for item in items:
        for key in ("published", "updated"):
            assert item[key] is None or ISO_DATE.match(item[key])
    dated = next(i for i in items if i["title"] == "Dated")
    assert dated["published"] == "2024-03-05"
    assert items[0]["title"] == "Dated"  # newest first


def test_no_command_on_the_offscreen_platform_does_not_open_an_invisible_window(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("READER_QUIT_WHEN_READY", raising=False)
    assert main([]) == 1
    assert "reader screenshot" in capsys.readouterr().err


# -- highlights, tags, review ---------------------------------------------------------------

HIGHLIGHT_KEYS = {
    "id",
    "uuid",
    "article_id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "color",
    "label",
    "tags",
    "note",
    "status",
    "score",
    "author",
    "created",
    "modified",
}


def thaw_id(capsys: pytest.CaptureFixture[str]) -> int:
    _, items = run_json(capsys, "list", "--json")
    return int(next(i["id"] for i in items if i["kicker"] == "NEWS ANALYSIS"))


def test_highlight_json_and_listing(capsys: pytest.CaptureFixture[str]) -> None:
    article = thaw_id(capsys)
    code, made = run_json(
        capsys,
        "highlight",
        str(article),
        "--quote",
        "NATO",
        "--prefix",
        "ties with ",
        "--color",
        "Claim to verify",
        "--tag",
        "Alliance",
        "--tag",
        "alliance",
        "--tag",
        "Russia",
        "--note",
        "Check *this*",
        "--json",
    )
    assert code == 0
    assert made.keys() >= HIGHLIGHT_KEYS
    assert (made["article_id"], made["exact"], made["color"], made["label"]) == (
        article,
        "NATO",
        "claim",
        "Claim to verify",
    )
    assert made["prefix"].endswith("ties with ") and made["suffix"].startswith(" look set")
    assert (made["tags"], made["note"], made["status"], made["score"]) == (
        ["Alliance", "Russia"],
        "Check *this*",
        "exact",
        1.0,
    )
    assert made["author"]
    _, shown = run_json(capsys, "show", str(article), "--json")
    assert shown["text"][made["start"] : made["end"]] == "NATO"

    assert main(["highlight", str(article), "--quote", "Moscow froze ties", "--color", "5"]) == 0
    line = capsys.readouterr().out
    assert "Quote" in line and "Moscow froze ties" in line and line.count("\n") == 1

    code, listed = run_json(capsys, "highlights", str(article), "--json")
    assert code == 0
    assert [h["exact"] for h in listed] == ["NATO", "Moscow froze ties"]  # text order
    assert listed[0] == made
    _, everything = run_json(capsys, "highlights", "--json")
    assert len(everything) == 2
    assert main(["highlights"]) == 0
    out = capsys.readouterr().out
    assert "#Alliance" in out and "note: Check *this*" in out


def test_highlight_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    article = thaw_id(capsys)
    for argv, reason in [
        (["--quote", "NATO"], "occurs"),
        (["--quote", "no such words"], "not in this article"),
        (["--quote", "NATO", "--prefix", "nothing like it "], "none with that"),
        (["--quote", "Moscow froze ties", "--color", "purple"], "no colour called 'purple'"),
        (["--quote", "   "], "empty"),
    ]:
        assert main(["highlight", str(article), *argv]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
        assert reason in captured.err
    assert main(["highlight", "9999", "--quote", "x"]) == 1
    assert "9999" in capsys.readouterr().err
    assert main(["highlights", "9999"]) == 1
    capsys.readouterr()
    _, listed = run_json(capsys, "highlights", "--json")
    assert listed == []


def test_author_and_labels_come_from_the_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from dataclasses import replace

    from reader import paths
    from reader.core.palette import DEFAULT_PALETTE
    from reader.settings import Settings, SettingsStore

    palette = (replace(DEFAULT_PALETTE[0], label="Must read"), *DEFAULT_PALETTE[1:])
    SettingsStore(paths.config_dir() / "settings.json").save(
        Settings(author="Ana Analyst", palette=palette)
    )
    article = thaw_id(capsys)
    code, made = run_json(
        capsys, "highlight", str(article), "--quote", "Moscow froze ties", "--json"
    )
    assert code == 0
    assert (made["author"], made["color"], made["label"]) == (
        "Ana Analyst",
        "key-point",
        "Must read",
    )
    code, made = run_json(
        capsys,
        "highlight",
        str(article),
        "--quote",
        "Yugoslavia.",
        "--color",
        "must READ",
        "--json",
    )
    assert made["color"] == "key-point"


def test_tags_rename_merge_delete(capsys: pytest.CaptureFixture[str]) -> None:
    article = thaw_id(capsys)
    for quote, tag in [
        ("Moscow froze ties", "war"),
        ("Yevgeny Volk", "People"),
        ("Kislyak", "people"),
    ]:
        assert main(["highlight", str(article), "--quote", quote, "--tag", tag]) == 0
    capsys.readouterr()
    code, tags = run_json(capsys, "tags", "--json")
    assert code == 0
    me = default_author()  # no name in Preferences: the login name
    assert tags == [
        {"name": "People", "highlights": 2, "articles": 0, "author": me},
        {"name": "war", "highlights": 1, "articles": 0, "author": me},
    ]
    assert main(["tags"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "People  (2 highlights, 0 articles)",
        "war  (1 highlight, 0 articles)",
    ]

    assert main(["tag", "rename", "war", "People"]) == 1
    assert "merge" in capsys.readouterr().err
    assert main(["tag", "rename", "war", "Conflict"]) == 0
    assert "Conflict" in capsys.readouterr().out
    assert main(["tag", "merge", "conflict", "people"]) == 0
    capsys.readouterr()
    _, tags = run_json(capsys, "tags", "--json")
    assert tags == [{"name": "People", "highlights": 3, "articles": 0, "author": me}]
    assert main(["tag", "delete", "PEOPLE"]) == 0
    capsys.readouterr()
    _, tags = run_json(capsys, "tags", "--json")
    assert tags == []
    _, listed = run_json(capsys, "highlights", "--json")
    assert len(listed) == 3 and all(h["tags"] == [] for h in listed)
    assert main(["tag", "delete", "nothing"]) == 1
    assert capsys.readouterr().err == "error: no tag called 'nothing'\n"


def test_review_lists_what_an_edit_displaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "storm.txt"
    path.write_text(
        "Storm Hits Coast\n\nA strong storm hit the coast overnight.\n\n"
        "Power was cut to thousands of homes in the region.\n\nRepairs start today.\n",
        encoding="utf-8",
    )
    _, results = run_json(capsys, "import", str(path), "--json")
    article = str(results[0]["article_id"])
    main(["highlight", article, "--quote", "Power was cut to thousands of homes"])
    main(["highlight", article, "--quote", "Repairs start today."])
    capsys.readouterr()
    code, queue = run_json(capsys, "review", "--json")
    assert (code, queue) == (0, [])
    assert main(["review"]) == 0
    assert capsys.readouterr().out == "nothing needs review\n"

    path.write_text(
        "Storm Hits Coast\n\nA strong storm hit the coast overnight.\n\n"
        "Power was cut to hundreds of homes in the region.\n",
        encoding="utf-8",
    )
    _, results = run_json(capsys, "import", str(path), "--json")
    assert results[0]["status"] == "updated"
    assert "2 need review" in results[0]["message"]
    code, queue = run_json(capsys, "review", "--json")
    assert code == 0
    assert [(q["status"], q["exact"]) for q in queue] == [
        ("fuzzy", "Power was cut to thousands of homes"),
        ("orphan", "Repairs start today."),
    ]
    assert "hundreds" in queue[0]["candidate"] and queue[1]["candidate"] is None
    assert {"id", "article_id", "score"} <= queue[0].keys()
    _, listed = run_json(capsys, "list", "--json")
    assert next(i for i in listed if str(i["id"]) == article)["review_count"] == 2
    assert main(["review"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "fuzzy" in lines[0] and "(no place found)" in lines[1]


def test_reader_with_files_opens_the_window_on_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.app as app

    opened: list[tuple[str | None, list[str]]] = []

    def fake_run_window(db_url=None, data_dir=None, files=()):  # type: ignore[no-untyped-def]
        opened.append((data_dir, list(files)))
        return 0

    monkeypatch.setattr(app, "run_window", fake_run_window)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # as on a desktop
    article = tmp_path / "story.txt"
    article.write_text("Headline\n\nBody text.\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "lib"), str(article)]) == 0
    assert opened == [(str(tmp_path / "lib"), [str(article)])]
    # A word that is neither a command nor an existing file is still an error.
    with pytest.raises(SystemExit):
        main(["no-such-command-or-file"])
